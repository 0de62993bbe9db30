import { describe, expect, it, jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { DatabaseLogger } from './database-logger.js';

describe('DatabaseLogger', () => {
  it('logs a failed query never with its parameters (it takes none) and with phone numbers masked', () => {
    const error = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    new DatabaseLogger().logQueryError(new Error('duplicate key 13812345678'), 'INSERT INTO "hotline_work_orders" ("caller_phone") VALUES ($1)');
    const line = String(error.mock.calls[0][0]);
    expect(line).toContain('INSERT INTO "hotline_work_orders"');
    expect(line).not.toContain('13912345678');
    expect(line).not.toContain('13812345678');
    expect(line).toContain('138****5678');
    error.mockRestore();
  });
});

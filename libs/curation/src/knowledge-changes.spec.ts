import { describe, expect, it } from '@jest/globals';
import { sameRecord, todayInChina } from './knowledge-changes.js';

describe('knowledge change helpers', () => {
  it('compares records by content, whatever the key order (jsonb does not keep it)', () => {
    expect(sameRecord({ id: 'a', itemIds: ['x', 'y'], extra: { owner: '张三' } }, { extra: { owner: '张三' }, itemIds: ['x', 'y'], id: 'a' })).toBe(true);
    expect(sameRecord({ id: 'a', itemIds: ['x', 'y'] }, { id: 'a', itemIds: ['y', 'x'] })).toBe(false);
    expect(sameRecord({ id: 'a', basis: null }, { id: 'a', basis: '' })).toBe(false);
    expect(sameRecord(null, null)).toBe(true);
    expect(sameRecord(null, { id: 'a' })).toBe(false);
  });

  it('takes review dates as days in China (UTC+8)', () => {
    expect(todayInChina(Date.UTC(2026, 0, 1, 15, 59))).toBe('2026-01-01');
    expect(todayInChina(Date.UTC(2026, 0, 1, 16, 0))).toBe('2026-01-02');
  });
});

import { BadRequestException, type PipeTransform } from '@nestjs/common';

/** PostgreSQL's integer: an id past it is a database error (500) unless refused here first. */
export const MAX_NUMERIC_ID = 2 ** 31 - 1;

/** Numeric path ids (accounts, work orders, audit entries): digits only, 1..2^31-1, else 400 in Chinese. */
export class NumericIdPipe implements PipeTransform<string, string> {
  constructor(private readonly what: string) {}

  transform(value: string): string {
    const id = /^\d{1,10}$/.test(value) ? Number(value) : NaN;
    if (!(id >= 1 && id <= MAX_NUMERIC_ID)) {
      throw new BadRequestException(`${this.what}编号应为 1 到 ${MAX_NUMERIC_ID} 之间的整数（收到“${String(value).slice(0, 32)}”）`);
    }
    return String(id);
  }
}

/**
 * `@Param('id', textId('工单')) id: string`. Declare the parameter as a string: a number-typed one is
 * converted by the global validation pipe first, and "1e3" would arrive as 1000.
 */
export const textId = (what: string) => new NumericIdPipe(what);

import { NotFoundException, type PipeTransform } from '@nestjs/common';
import { ID_PATTERN } from './curation.dto.js';

/** A path id that cannot exist is a 404, not a query with strange text. */
export class IdPipe implements PipeTransform<string, string> {
  constructor(private readonly what: string) {}

  transform(value: string): string {
    if (!ID_PATTERN.test(value)) throw new NotFoundException(`${this.what}“${value.slice(0, 64)}”不存在`);
    return value;
  }
}

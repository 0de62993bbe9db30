import { Matches, type ValidationOptions } from 'class-validator';

// PostgreSQL cannot store NUL in text, nor a lone surrogate in jsonb (the audit log keeps every
// field there): such input is a 400, not a failed insert.
const SAFE_TEXT = /^[^\u0000-\u0008\u000B\u000C\u000E-\u001F\p{Cs}]*$/u;

/** Text without control characters (tab and line breaks allowed) or broken Unicode. */
export function SafeText(name: string, options: ValidationOptions = {}): PropertyDecorator {
  return Matches(SAFE_TEXT, { message: `${name}包含无法保存的控制字符或无效字符`, ...options });
}

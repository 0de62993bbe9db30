import { BadRequestException, ValidationPipe, type ValidationError } from '@nestjs/common';

// class-validator's own messages are English; the ones every endpoint can produce get a Chinese lead.
function message(constraint: string, text: string, path: string): string {
  if (constraint === 'whitelistValidation') return `不接受的字段 ${path} (property ${path} should not exist)`;
  if (constraint === 'nestedValidation' || constraint === 'isObject') return `${path} 格式不正确 (${text})`;
  return text.startsWith(path) ? text : `${path}: ${text}`;
}

function describe(errors: ValidationError[], prefix = ''): string[] {
  return errors.flatMap((e) => {
    const path = prefix ? `${prefix}.${e.property}` : e.property;
    return [...Object.entries(e.constraints ?? {}).map(([constraint, text]) => message(constraint, text, path)), ...describe(e.children ?? [], path)];
  });
}

/** Rejects unknown fields and wrong types with a readable list of what is wrong. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => new BadRequestException(describe(errors)),
  });
}

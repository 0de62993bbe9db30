import type { LoggerService, LogLevel } from '@nestjs/common';
import { maskPersonalData } from '@app/common';
import { currentRequestId } from './request-context.js';

const LEVEL_ORDER: Record<LogLevel, number> = { verbose: 0, debug: 1, log: 2, warn: 3, error: 4, fatal: 5 };

// Nest's start-up wiring: a line per module and per route (over a hundred), burying what staff must read.
const WIRING_CONTEXTS = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer']);
const FRAME = '='.repeat(72);

/**
 * One JSON object per line (time, level, context, message, requestId): what log collectors
 * (Loki, ELK, 阿里云 SLS) parse without rules. Phone and ID numbers are masked in every message.
 */
export class JsonLogger implements LoggerService {
  private minimum: number;

  constructor(
    level: LogLevel = 'log',
    private readonly write: (line: string, isError: boolean) => void = (line, isError) =>
      (isError ? process.stderr : process.stdout).write(`${line}\n`),
  ) {
    this.minimum = LEVEL_ORDER[level];
  }

  setLogLevels(levels: LogLevel[]): void {
    this.minimum = Math.min(...levels.map((l) => LEVEL_ORDER[l]));
  }

  log(message: unknown, ...rest: unknown[]): void { this.emit('log', message, rest); }
  warn(message: unknown, ...rest: unknown[]): void { this.emit('warn', message, rest); }
  debug(message: unknown, ...rest: unknown[]): void { this.emit('debug', message, rest); }
  verbose(message: unknown, ...rest: unknown[]): void { this.emit('verbose', message, rest); }
  fatal(message: unknown, ...rest: unknown[]): void { this.emit('fatal', message, rest); }
  error(message: unknown, ...rest: unknown[]): void { this.emit('error', message, rest); }

  private emit(level: LogLevel, message: unknown, rest: unknown[]): void {
    // Nest passes the context as the last string argument, and for errors a stack before it.
    const context = typeof rest[rest.length - 1] === 'string' ? (rest.pop() as string) : undefined;
    if (level === 'log' && context && WIRING_CONTEXTS.has(context)) level = 'debug';
    if (LEVEL_ORDER[level] < this.minimum) return;
    // A warning of several lines is addressed to whoever started the service (the one-time admin
    // password): a framed block they can read and copy, not a JSON string with escaped line breaks.
    if (level === 'warn' && typeof message === 'string' && message.includes('\n')) {
      this.write([FRAME, ...maskPersonalData(message).split('\n'), FRAME].join('\n'), false);
      return;
    }
    const stack = level === 'error' && typeof rest[0] === 'string' ? (rest.shift() as string) : undefined;
    const entry: Record<string, unknown> = {
      time: new Date().toISOString(),
      level,
      context,
      message: maskPersonalData(typeof message === 'string' ? message : safeStringify(message)),
    };
    const requestId = currentRequestId();
    if (requestId) entry.requestId = requestId;
    if (stack) entry.stack = maskPersonalData(stack);
    if (rest.length > 0) entry.details = rest.map((r) => (typeof r === 'string' ? maskPersonalData(r) : r));
    this.write(safeStringify(entry), LEVEL_ORDER[level] >= LEVEL_ORDER.error);
  }
}

function safeStringify(value: unknown): string {
  if (value instanceof Error) return value.stack ?? value.message;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

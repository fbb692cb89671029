import type { LoggerService, LogLevel } from '@nestjs/common';
import type { Level, Logger } from 'pino';

const LEVELS: Record<LogLevel, Level> = { fatal: 'fatal', error: 'error', warn: 'warn', log: 'info', debug: 'debug', verbose: 'trace' };

/**
 * Routes Nest's `Logger` calls to pino, so framework lines and ours come out as the same JSON.
 * `current` picks the logger of the work in progress (a request's or a job's, which carry its
 * ids); outside any, the root logger writes.
 */
export class PinoNestLogger implements LoggerService {
  constructor(
    private readonly root: Logger,
    private readonly current: () => Logger | undefined = () => undefined,
  ) {}

  log(message: unknown, ...optionalParams: unknown[]): void {
    this.write('log', message, optionalParams);
  }

  error(message: unknown, ...optionalParams: unknown[]): void {
    this.write('error', message, optionalParams);
  }

  warn(message: unknown, ...optionalParams: unknown[]): void {
    this.write('warn', message, optionalParams);
  }

  debug(message: unknown, ...optionalParams: unknown[]): void {
    this.write('debug', message, optionalParams);
  }

  verbose(message: unknown, ...optionalParams: unknown[]): void {
    this.write('verbose', message, optionalParams);
  }

  fatal(message: unknown, ...optionalParams: unknown[]): void {
    this.write('fatal', message, optionalParams);
  }

  private write(level: LogLevel, message: unknown, optionalParams: unknown[]): void {
    const logger = this.current() ?? this.root;
    const params = [...optionalParams];
    // Nest passes the logger's context (its class name) last.
    const context = params.length > 0 && typeof params[params.length - 1] === 'string' ? (params.pop() as string) : undefined;
    const fields: Record<string, unknown> = context ? { context } : {};
    // Logger.error(message, stack, context): a stack trace travels as the second argument.
    const stack = level === 'error' || level === 'fatal' ? params.find((param): param is string => typeof param === 'string' && /\n\s+at /.test(param)) : undefined;
    if (stack) fields.stack = stack;
    const error = params.find((param): param is Error => param instanceof Error);
    if (error) fields.err = error;

    const pinoLevel = LEVELS[level];
    if (message instanceof Error) {
      logger[pinoLevel]({ ...fields, err: message }, message.message);
    } else if (typeof message === 'object' && message !== null) {
      logger[pinoLevel]({ ...fields, ...(message as Record<string, unknown>) });
    } else {
      logger[pinoLevel](fields, String(message));
    }
  }
}

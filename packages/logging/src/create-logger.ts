import pino, { type DestinationStream, type Level, type Logger } from 'pino';
import pretty from 'pino-pretty';

export type { DestinationStream, Logger } from 'pino';

export type LogFormat = 'json' | 'pretty';

export interface CreateLoggerOptions {
  /** Names the process on every line (`api`, `worker`). */
  service: string;
  /** `json` (one object a line, for machines) or `pretty` (for a developer's terminal). */
  format?: LogFormat;
  /** Lowest level written; `silent` writes nothing. */
  level?: Level | 'silent';
  /** Where lines go (default stdout). Tests pass a stream of their own to read what was logged. */
  destination?: DestinationStream;
}

/** Keys whose values never reach a log, wherever they sit in a logged object. */
const SECRET_KEYS = ['password', 'currentPassword', 'newPassword', 'token', 'accessToken', 'refreshToken', 'secret', 'jwtSecret', 'cookie', 'authorization'];

/**
 * pino's redaction wildcards match one level only (`*.password` misses `a.b.password`), so each
 * secret key is listed at every depth up to four.
 */
function secretPaths(): string[] {
  const paths: string[] = [];
  for (const key of SECRET_KEYS) {
    for (let depth = 0; depth <= 3; depth++) paths.push([...Array<string>(depth).fill('*'), key].join('.'));
  }
  return paths;
}

/** Headers and keys redacted from every line: credentials, session cookies and the CSRF token. */
export const REDACTED_PATHS: readonly string[] = [...secretPaths(), 'headers["x-csrf-token"]', 'headers["set-cookie"]', '*.headers["x-csrf-token"]', '*.headers["set-cookie"]'];

export const REDACTED = '[redacted]';

const lineFields = new WeakMap<Logger, Record<string, unknown>>();

/**
 * Adds fields to every later line of this logger (not of its children): who a request acts for,
 * once its token has been read, on a request logger created before anyone knew. pino's own
 * `setBindings` would repeat a key set twice.
 */
export function setLineFields(logger: Logger, fields: Record<string, unknown>): void {
  lineFields.set(logger, { ...lineFields.get(logger), ...fields });
}

/**
 * The process's root logger: JSON lines with ISO times (or pretty lines in development), the
 * service name, and secrets redacted before anything is written.
 */
export function createLogger(options: CreateLoggerOptions): Logger {
  const format = options.format ?? 'json';
  const destination =
    options.destination ?? (format === 'pretty' ? pretty({ translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname,service', singleLine: true, sync: true }) : pino.destination(1));
  return pino(
    {
      level: options.level ?? 'info',
      base: { service: options.service },
      timestamp: pino.stdTimeFunctions.isoTime,
      messageKey: 'msg',
      mixin: (_mergeObject, _level, logger) => lineFields.get(logger as Logger) ?? {},
      redact: { paths: [...REDACTED_PATHS], censor: REDACTED },
      // Levels as words ("info"), which log stores and people read without a table.
      formatters: { level: (label) => ({ level: label }) },
      serializers: { err: pino.stdSerializers.err, error: pino.stdSerializers.err },
    },
    destination,
  );
}

/**
 * LENA_LOG_FORMAT (`json` | `pretty`; default pretty in development, JSON elsewhere) and
 * LENA_LOG_LEVEL (default info).
 */
export function loggerOptionsFromEnv(env: NodeJS.ProcessEnv, service: string): CreateLoggerOptions {
  const format = env.LENA_LOG_FORMAT || (env.NODE_ENV === 'development' ? 'pretty' : 'json');
  if (format !== 'json' && format !== 'pretty') throw new Error(`LENA_LOG_FORMAT must be "json" or "pretty", got "${format}"`);
  const level = env.LENA_LOG_LEVEL || 'info';
  const levels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];
  if (!levels.includes(level)) throw new Error(`LENA_LOG_LEVEL must be one of ${levels.join(', ')}, got "${level}"`);
  return { service, format, level: level as Level | 'silent' };
}

import pino, { type DestinationStream, type Level, type Logger } from 'pino';
import pretty from 'pino-pretty';
import { redactSecrets } from './redact';

export type { DestinationStream, Logger } from 'pino';
export { REDACTED } from './redact';

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
    options.destination ??
    (format === 'pretty'
      ? pretty({ translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname,service', singleLine: true, sync: true })
      : // Asynchronous: lines written while a write is under way go out together in the next one,
        // rather than one system call per line on the request path. pino flushes what is left
        // synchronously when the process exits.
        pino.destination({ dest: 1, sync: false }));
  const root = pino(
    {
      level: options.level ?? 'info',
      base: { service: options.service },
      timestamp: pino.stdTimeFunctions.isoTime,
      messageKey: 'msg',
      mixin: (_mergeObject, _level, logger) => lineFields.get(logger as Logger) ?? {},
      formatters: {
        // Levels as words ("info"), which log stores and people read without a table.
        level: (label) => ({ level: label }),
        // Secrets are removed from every line before it is written.
        log: (object) => redactSecrets(object) as Record<string, unknown>,
      },
      // Errors are serialised (and redacted) by formatters.log above; pino's default serializer
      // would serialise the result again and call every error an "Object".
      serializers: { err: alreadySerialised, error: alreadySerialised },
    },
    destination,
  );
  // A child's bindings are written on each of its lines but never pass through formatters.log, so
  // they are redacted once, when the child is made. Children inherit this from the root.
  const makeChild = Object.getPrototypeOf(root) as Pick<Logger, 'child'>;
  root.child = function redactedChild(this: Logger, bindings, childOptions) {
    return makeChild.child.call(this, redactSecrets(bindings) as typeof bindings, childOptions);
  } as typeof root.child;
  return root;
}

function alreadySerialised(value: unknown): unknown {
  return value;
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

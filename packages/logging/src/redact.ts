import pino from 'pino';

/** What a secret's value becomes in a log line. */
export const REDACTED = '[redacted]';

/**
 * Keys whose values never reach a log, at any depth, compared without case: credentials, session
 * cookies and the CSRF token.
 */
const SECRET_KEYS: ReadonlySet<string> = new Set(
  ['password', 'currentPassword', 'newPassword', 'token', 'accessToken', 'refreshToken', 'secret', 'jwtSecret', 'cookie', 'authorization', 'x-csrf-token', 'set-cookie'].map(
    (key) => key.toLowerCase(),
  ),
);

/** Deeper than any line we write; it also stops a cycle. */
const MAX_DEPTH = 8;

/**
 * A copy of `value` with every secret key's value replaced by REDACTED, at any depth. Objects
 * without secrets are returned as they are (no copy), which keeps the per-request line cheap: this
 * runs on every line the API writes. Errors are serialised first (message, stack, their own
 * fields), so a secret an error carries is redacted too.
 *
 * Written by hand rather than with pino's `redact` option: that takes a list of paths, needs every
 * depth spelled out (`*.*.password`), and cost more than the rest of the request's logging.
 */
export function redactSecrets(value: unknown, depth = 0): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_DEPTH) return '[too deep]';
  // pino's serialised error has a prototype of its own: its fields are walked all the same.
  if (value instanceof Error) return redactFields(pino.stdSerializers.err(value) as unknown as Record<string, unknown>, depth);
  if (Array.isArray(value)) {
    const items: readonly unknown[] = value;
    let copy: unknown[] | undefined;
    items.forEach((item, index) => {
      const redacted = redactSecrets(item, depth + 1);
      if (redacted !== item) (copy ??= [...items])[index] = redacted;
    });
    return copy ?? value;
  }
  const prototype: unknown = Object.getPrototypeOf(value);
  // Dates, buffers and other class instances are left to JSON.stringify, as before.
  if (prototype !== Object.prototype && prototype !== null) return value;
  return redactFields(value as Record<string, unknown>, depth);
}

function redactFields(record: Record<string, unknown>, depth: number): Record<string, unknown> {
  let copy: Record<string, unknown> | undefined;
  for (const key in record) {
    const item = record[key];
    const redacted = SECRET_KEYS.has(key.toLowerCase()) ? REDACTED : redactSecrets(item, depth + 1);
    if (redacted !== item) (copy ??= { ...record })[key] = redacted;
  }
  return copy ?? record;
}

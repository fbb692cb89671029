import { Writable } from 'node:stream';

/** One logged line, parsed. */
export type LogLine = Record<string, unknown> & { level?: string; msg?: string; time?: string };

export interface CapturedLogs {
  /** Pass as the logger's destination. */
  readonly stream: Writable;
  /** Every line written so far, as written. */
  readonly raw: string[];
  /** Every line written so far, parsed. */
  lines(): LogLine[];
  /** Resolves with the first line (already written or still to come) that matches. */
  waitFor(predicate: (line: LogLine) => boolean, timeoutMs?: number): Promise<LogLine>;
}

/** A log destination that keeps what it is given, so a test can read what a process logged. */
export function captureLogs(): CapturedLogs {
  const raw: string[] = [];
  const waiters = new Set<() => void>();
  let partial = '';
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      partial += chunk.toString();
      const complete = partial.split('\n');
      partial = complete.pop() ?? '';
      raw.push(...complete.filter((line) => line.length > 0));
      for (const waiter of [...waiters]) waiter();
      callback();
    },
  });
  const lines = () => raw.map((line) => JSON.parse(line) as LogLine);
  return {
    stream,
    raw,
    lines,
    waitFor(predicate, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = lines().find(predicate);
          if (!found) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(found);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`No matching log line within ${timeoutMs} ms. Logged:\n${raw.slice(-20).join('\n')}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
  };
}

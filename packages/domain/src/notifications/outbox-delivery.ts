/**
 * How the worker treats outbox messages it cannot deliver. A job's own retries take about 4
 * minutes; a row still undelivered some time after it was handed to the queue is handed over again
 * (the job was lost, or used up its retries, which starts the next round); after enough rounds, or
 * at once for a message that can never be sent, the row becomes a dead letter that platform admins
 * see and may retry.
 */
export const OutboxPolicy = {
  /** Failed attempts before a message is a dead letter: three rounds of a job's 8 retries. */
  maxAttempts: 24,
  /** A row handed to the queue and still undelivered this long afterwards is handed over again. */
  handOverAgainAfterSeconds: 5 * 60,
  /** Rows the relay hands over in one run. */
  relayBatch: 500,
} as const;

/**
 * Whether a failed attempt makes the message a dead letter. `attempts` counts every attempt made,
 * the failed one included; a failure no retry can change (`unrecoverable`) gives up at once.
 */
export function givesUpAfter(failure: { attempts: number; unrecoverable: boolean }): boolean {
  return failure.unrecoverable || failure.attempts >= OutboxPolicy.maxAttempts;
}

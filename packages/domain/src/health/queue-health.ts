/**
 * How a job queue is doing, as platform admins see it. A queue nobody consumes is the worst case
 * (nothing is sent at all); one whose oldest waiting job has waited too long is falling behind.
 * Failed jobs are shown as a count beside the state: they are dead letters to look at, not a sign
 * that the queue itself has stopped.
 */
export const QueueState = {
  HEALTHY: 'HEALTHY',
  BACKLOGGED: 'BACKLOGGED',
  NO_WORKERS: 'NO_WORKERS',
} as const;
export type QueueState = (typeof QueueState)[keyof typeof QueueState];

/** A job waiting longer than this means the workers are not keeping up. */
export const QUEUE_BACKLOG_AFTER_SECONDS = 2 * 60;

export interface QueueReading {
  /** Worker connections consuming the queue. */
  workers: number;
  /** When the oldest job still waiting to start was added, if any is waiting. */
  oldestWaitingAt: Date | null;
}

export function assessQueue(reading: QueueReading, now: Date): QueueState {
  if (reading.workers === 0) return QueueState.NO_WORKERS;
  if (reading.oldestWaitingAt && now.getTime() - reading.oldestWaitingAt.getTime() > QUEUE_BACKLOG_AFTER_SECONDS * 1000) {
    return QueueState.BACKLOGGED;
  }
  return QueueState.HEALTHY;
}

import { assessQueue, QUEUE_BACKLOG_AFTER_SECONDS, QueueState } from './queue-health.js';

const now = new Date('2026-11-27T10:00:00Z');
const secondsAgo = (seconds: number) => new Date(now.getTime() - seconds * 1000);

describe('assessQueue', () => {
  it('calls a queue that nobody consumes stopped, whether or not work is waiting', () => {
    expect(assessQueue({ workers: 0, oldestWaitingAt: null }, now)).toBe(QueueState.NO_WORKERS);
    expect(assessQueue({ workers: 0, oldestWaitingAt: secondsAgo(5) }, now)).toBe(QueueState.NO_WORKERS);
  });

  it('calls a consumed queue healthy while nothing has waited too long', () => {
    expect(assessQueue({ workers: 1, oldestWaitingAt: null }, now)).toBe(QueueState.HEALTHY);
    expect(assessQueue({ workers: 2, oldestWaitingAt: secondsAgo(QUEUE_BACKLOG_AFTER_SECONDS) }, now)).toBe(QueueState.HEALTHY);
  });

  it('calls it backlogged once the oldest waiting job has waited longer than the limit', () => {
    expect(assessQueue({ workers: 1, oldestWaitingAt: secondsAgo(QUEUE_BACKLOG_AFTER_SECONDS + 1) }, now)).toBe(QueueState.BACKLOGGED);
  });
});

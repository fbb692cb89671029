import { QueueEvents, type QueueEventsListener } from 'bullmq';

/** A QueueEvents subscription that is listening before the test acts, so no event is missed. */
export async function listenToQueue(queue: string, options: { redisUrl: string; prefix: string }): Promise<QueueEvents> {
  const events = new QueueEvents(queue, { connection: { url: options.redisUrl }, prefix: options.prefix });
  await events.waitUntilReady();
  return events;
}

type JobEventName = 'delayed' | 'failed' | 'completed' | 'added';

/** Resolves with the event's arguments the next time `event` is emitted for `jobId`. */
export function nextJobEvent<E extends JobEventName>(events: QueueEvents, event: E, jobId: string, timeoutMs = 15_000): Promise<Parameters<QueueEventsListener[E]>[0]> {
  return new Promise((resolve, reject) => {
    const listener = (args: { jobId: string }) => {
      if (args.jobId !== jobId) return;
      clearTimeout(timer);
      events.off(event, listener as never);
      resolve(args as never);
    };
    const timer = setTimeout(() => {
      events.off(event, listener as never);
      reject(new Error(`No "${event}" event for job ${jobId} within ${timeoutMs} ms`));
    }, timeoutMs);
    events.on(event, listener as never);
  });
}

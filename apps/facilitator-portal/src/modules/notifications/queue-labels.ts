import type { QueueState } from '@lena/graphql-client';
import type { TagTone } from '@lena/ui';

/** What each queue does, as a platform admin would name it; an unknown queue keeps its own name. */
const QUEUE_NAME: Record<string, string> = {
  notifications: 'Email delivery',
  maintenance: 'Maintenance',
  scheduling: 'Sessions, reminders and calendar updates',
  outcomes: 'Outcome figures',
};

export function queueLabel(name: string): string {
  return QUEUE_NAME[name] ?? name;
}

export const queueStateLabel: Record<QueueState, string> = {
  HEALTHY: 'Healthy',
  BACKLOGGED: 'Falling behind',
  NO_WORKERS: 'No workers running',
};

export const queueStateTone: Record<QueueState, TagTone> = {
  HEALTHY: 'green',
  BACKLOGGED: 'amber',
  NO_WORKERS: 'red',
};

/**
 * Each state in plain words, for someone who is not an engineer. `backlogAfterSeconds` is the
 * API's own limit (QueueHealth.backlogAfterSeconds), so the wording follows the rule.
 */
export function queueStateMeaning(state: QueueState, backlogAfterSeconds: number): string {
  const limit = formatDuration(backlogAfterSeconds);
  switch (state) {
    case 'HEALTHY':
      return `Workers are taking jobs from the queue and nothing has waited longer than ${limit}.`;
    case 'BACKLOGGED':
      return `Workers are running, but a job has waited longer than ${limit}, so emails may arrive late. If it lasts more than a few minutes, tell the engineers.`;
    case 'NO_WORKERS':
      return 'Nothing is taking jobs from the queue, so nothing in it will happen: for email delivery, no emails go out. Tell the engineers at once; jobs wait safely until the worker runs again.';
  }
}

const durations = [
  { unit: 'day', seconds: 86_400 },
  { unit: 'hour', seconds: 3_600 },
  { unit: 'minute', seconds: 60 },
] as const;

/** A length of time in its largest whole unit: "3 minutes", "1 hour", "2 days"; "less than a minute" below that. */
export function formatDuration(seconds: number): string {
  for (const { unit, seconds: size } of durations) {
    if (seconds >= size) {
      return new Intl.NumberFormat('en-GB', { style: 'unit', unit, unitDisplay: 'long' }).format(Math.floor(seconds / size));
    }
  }
  return 'less than a minute';
}

/** How long ago `since` was, at `now` (both ISO timestamps). */
export function formatAge(since: string, now: string): string {
  return formatDuration(Math.max(0, (Date.parse(now) - Date.parse(since)) / 1000));
}

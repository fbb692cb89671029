import type { ServiceType } from '../programmes/service-type.js';
import { DEFAULT_MIN_COMMENT_GROUP_SIZE, DEFAULT_MIN_GROUP_SIZE, type SuppressionThresholds } from './suppression.js';

/** An organisation's feedback settings (columns of `tenant`). */
export interface FeedbackSettings {
  minGroupSize: number;
  minCommentGroupSize: number;
  /** Whether comments from Group Reflective Practice may be shown at all; GTS comments always may. */
  grpCommentsEnabled: boolean;
  /** Hours after a request opens that those who have not answered are reminded. */
  reminderAfterHours: number;
  /** Days a request stays open. */
  windowDays: number;
}

export const DEFAULT_FEEDBACK_SETTINGS: FeedbackSettings = {
  minGroupSize: DEFAULT_MIN_GROUP_SIZE,
  minCommentGroupSize: DEFAULT_MIN_COMMENT_GROUP_SIZE,
  // Reflective practice is the more exposed space: its words stay in the room unless the
  // organisation chooses otherwise.
  grpCommentsEnabled: false,
  reminderAfterHours: 48,
  windowDays: 7,
};

/** The thresholds results of a programme of this service type are suppressed by. */
export function feedbackThresholds(settings: FeedbackSettings, serviceType: ServiceType): SuppressionThresholds {
  return {
    minGroupSize: settings.minGroupSize,
    minCommentGroupSize: settings.minCommentGroupSize,
    commentsEnabled: serviceType === 'GTS' || settings.grpCommentsEnabled,
  };
}

/** When a request opened at `opensAt` sends its reminder and closes. */
export function feedbackWindow(opensAt: Date, settings: Pick<FeedbackSettings, 'reminderAfterHours' | 'windowDays'>): { remindAt: Date; closesAt: Date } {
  return {
    remindAt: new Date(opensAt.getTime() + settings.reminderAfterHours * 3_600_000),
    closesAt: new Date(opensAt.getTime() + settings.windowDays * 86_400_000),
  };
}

/** What a presented feedback link can do; everything but OPEN is a page of its own on the feedback page. */
export type FeedbackLinkState = 'OPEN' | 'SPENT' | 'EXPIRED' | 'UNKNOWN';

export function feedbackLinkState(link: { spent: boolean; closesAt: Date } | null, now: Date): FeedbackLinkState {
  if (!link) return 'UNKNOWN';
  if (link.spent) return 'SPENT';
  return now.getTime() < link.closesAt.getTime() ? 'OPEN' : 'EXPIRED';
}

/** The shape of a feedback link's secret (32 random bytes, base64url): anything else is unknown before a statement runs. */
export const FEEDBACK_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

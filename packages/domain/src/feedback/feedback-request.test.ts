import { DEFAULT_FEEDBACK_SETTINGS, feedbackLinkState, feedbackThresholds, feedbackWindow } from './feedback-request.js';

describe('feedback settings', () => {
  it('default to a group of 5, comments from 10, GRP comments off, a reminder after 48 hours and a week to answer', () => {
    expect(DEFAULT_FEEDBACK_SETTINGS).toEqual({ minGroupSize: 5, minCommentGroupSize: 10, grpCommentsEnabled: false, reminderAfterHours: 48, windowDays: 7 });
  });

  it.each([
    { serviceType: 'GRP' as const, grpCommentsEnabled: false, commentsEnabled: false },
    { serviceType: 'GRP' as const, grpCommentsEnabled: true, commentsEnabled: true },
    { serviceType: 'GTS' as const, grpCommentsEnabled: false, commentsEnabled: true },
  ])('$serviceType with GRP comments $grpCommentsEnabled: comments shown $commentsEnabled', ({ serviceType, grpCommentsEnabled, commentsEnabled }) => {
    expect(feedbackThresholds({ ...DEFAULT_FEEDBACK_SETTINGS, grpCommentsEnabled }, serviceType)).toEqual({ minGroupSize: 5, minCommentGroupSize: 10, commentsEnabled });
  });

  it('places the reminder and the close from when the request opened', () => {
    expect(feedbackWindow(new Date('2026-12-01T17:00:00Z'), DEFAULT_FEEDBACK_SETTINGS)).toEqual({
      remindAt: new Date('2026-12-03T17:00:00Z'),
      closesAt: new Date('2026-12-08T17:00:00Z'),
    });
  });
});

describe('feedbackLinkState', () => {
  const closesAt = new Date('2026-12-08T17:00:00Z');
  it.each([
    { link: null, now: '2026-12-02T00:00:00Z', state: 'UNKNOWN' },
    { link: { spent: false, closesAt }, now: '2026-12-08T16:59:59Z', state: 'OPEN' },
    { link: { spent: false, closesAt }, now: '2026-12-08T17:00:00Z', state: 'EXPIRED' },
    { link: { spent: true, closesAt }, now: '2026-12-02T00:00:00Z', state: 'SPENT' },
    { link: { spent: true, closesAt }, now: '2026-12-09T00:00:00Z', state: 'SPENT' },
  ])('$state at $now', ({ link, now, state }) => {
    expect(feedbackLinkState(link, new Date(now))).toBe(state);
  });
});

import type { SuppressionThresholds } from './suppression.js';

/**
 * When a session's feedback results are (re)published. Results screens show published snapshots
 * only, never live answers: were they live, two reads a few minutes apart would differ by the one
 * person who answered in between, and "no difference between two shown figures can isolate a
 * smaller group" must hold over time as well as on one screen.
 *
 * So a session's figures are published when its response count first reaches the threshold, and
 * after that only once at least `threshold` NEW responses have arrived since the last publication:
 * any two publications of the same figure differ by at least the threshold. Comments follow the
 * same rule with their own threshold (the comment threshold, never below the minimum group size)
 * and only while comments are on. A programme's figures are sums of its sessions' published
 * snapshots, so they change only by whole publications too, and a session that never reaches the
 * threshold never contributes.
 */
export interface PublishedCounts {
  /** The response count the scores were last published at; null when never published. */
  scores: number | null;
  /** The response count the comments were last published at; null when never published. */
  comments: number | null;
}

export interface PublicationDecision {
  /** Publish the scores (counts and distributions) now, over `responses` responses. */
  scores: boolean;
  /** Publish the comments now, over `responses` responses. */
  comments: boolean;
}

/** The threshold comments are published (and shown) by: the comment threshold, never below the minimum group size. */
export function commentThreshold(thresholds: Pick<SuppressionThresholds, 'minGroupSize' | 'minCommentGroupSize'>): number {
  return Math.max(thresholds.minCommentGroupSize, thresholds.minGroupSize);
}

/**
 * The one publication rule, for every figure about people that changes as answers arrive
 * (feedback results by session, outcome changes by programme): publish when the count first
 * reaches the threshold, then only once `threshold` more have arrived since the last
 * publication. Successive published figures therefore never differ by fewer than `threshold`
 * people. A count that falls (an erasure) publishes nothing until it is `threshold` above the
 * last publication again.
 */
export function publicationDue(count: number, lastPublished: number | null, threshold: number): boolean {
  if (lastPublished === null) return count >= threshold;
  return count - lastPublished >= threshold;
}

/** Whether a session with `responses` responses now, last published at `published`, is published again. */
export function decidePublication(responses: number, published: PublishedCounts, thresholds: SuppressionThresholds): PublicationDecision {
  return {
    scores: publicationDue(responses, published.scores, thresholds.minGroupSize),
    comments: thresholds.commentsEnabled && publicationDue(responses, published.comments, commentThreshold(thresholds)),
  };
}

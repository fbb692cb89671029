import { randomInt } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { decidePublication, feedbackThresholds } from '@lena/domain';
import type { UnitOfWork } from '@lena/database';
import { FeedbackPublicationRepository } from '../feedback-publication.repository';

export interface PublicationOutcome {
  /** False when the request is not this organisation's (or is gone). */
  found: boolean;
  scoresPublished: boolean;
  commentsPublished: boolean;
}

/** Fisher–Yates with a cryptographic source: the stored order says nothing about who wrote what, or when. */
function shuffled<T>(items: readonly T[]): T[] {
  const result = [...items];
  for (let index = result.length - 1; index > 0; index -= 1) {
    const other = randomInt(index + 1);
    [result[index], result[other]] = [result[other]!, result[index]!];
  }
  return result;
}

/**
 * Publishes a session's feedback results when the domain's rule (`decidePublication`) says so, and
 * only then: results screens read these snapshots, never live answers, so a figure changes only by
 * at least the minimum group size of people. Idempotent: run again with no new responses, it
 * publishes nothing.
 */
@Injectable()
export class FeedbackPublicationService {
  constructor(private readonly publications: FeedbackPublicationRepository) {}

  async publish(uow: UnitOfWork, tenantId: string, requestId: string): Promise<PublicationOutcome> {
    const state = await this.publications.lockState(uow, tenantId, requestId);
    if (!state) return { found: false, scoresPublished: false, commentsPublished: false };
    const thresholds = feedbackThresholds({ ...state.settings, reminderAfterHours: 0, windowDays: 0 }, state.serviceType);
    const decision = decidePublication(state.responses, state.published, thresholds);
    if (decision.scores || decision.comments) {
      const tally = await this.publications.tally(uow, tenantId, requestId, decision.comments);
      // The tally is one statement: its count and its answers agree (a response committed since the
      // state was read is in both, and only makes the step from the last publication bigger).
      if (decision.scores) await this.publications.publishScores(uow, tenantId, state.sessionId, requestId, tally.responses, tally.histograms);
      if (decision.comments) await this.publications.publishComments(uow, tenantId, state.sessionId, tally.responses, shuffled(tally.comments));
    }
    await this.publications.markConsidered(uow, tenantId, state.sessionId);
    return { found: true, scoresPublished: decision.scores, commentsPublished: decision.comments };
  }

  /** The sweep's safety net: publishes whatever is due in this organisation (a lost nudge, a flushed Redis). */
  async publishDue(uow: UnitOfWork, tenantId: string, limit: number): Promise<number> {
    let published = 0;
    for (const requestId of await this.publications.withUnpublishedResponses(uow, tenantId, limit)) {
      const outcome = await this.publish(uow, tenantId, requestId);
      if (outcome.scoresPublished || outcome.commentsPublished) published += 1;
    }
    return published;
  }
}

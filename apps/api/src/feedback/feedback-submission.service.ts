import { Injectable } from '@nestjs/common';
import { DomainError, feedbackAnswersSchema, feedbackLinkState, parseInput, FEEDBACK_TOKEN_PATTERN, type FeedbackLinkState, type Instrument } from '@lena/domain';
import { hashOpaqueToken } from '../common/one-time-link';
import { requestContext } from '../common/request-context';
import { WorkerNudgeService } from '../notifications/worker-nudge.service';
import { FeedbackLinkRepository, type PresentedLink } from './feedback-link.repository';

/** A link that cannot take answers, and why: the page shows a page of its own for each. */
export class FeedbackLinkError extends DomainError {
  constructor(readonly linkState: Exclude<FeedbackLinkState, 'OPEN'>) {
    super(
      linkState === 'SPENT' ? 'CONFLICT' : 'NOT_FOUND',
      linkState === 'SPENT'
        ? 'Feedback has already been given with this link. Each link can be used once.'
        : linkState === 'EXPIRED'
          ? 'This feedback link has expired: the time for feedback on this session has ended.'
          : 'This feedback link is not recognised. Check that you copied the whole link from your email.',
    );
  }
}

/** The form a presented link opens. */
export interface FeedbackForm {
  instrument: Instrument;
  programmeTitle: string;
  startsAt: Date;
  closesAt: Date;
}

/**
 * Anonymous feedback through a single-use link: no sign-in, no person. The link is found by the
 * hash of its secret; the answers are checked against the request's instrument; spending the
 * link and storing the answers is one statement in one transaction; and the worker is told only
 * the request's id. Nothing here logs, returns or enqueues an answer.
 */
@Injectable()
export class FeedbackSubmissionService {
  constructor(
    private readonly links: FeedbackLinkRepository,
    private readonly nudges: WorkerNudgeService,
  ) {}

  /** The form behind an open link; a FeedbackLinkError for a spent, expired or unknown one. */
  async form(token: unknown): Promise<FeedbackForm> {
    const link = await this.usableLink(token);
    await requestContext().uow.actAs({ tenantId: link.tenantId });
    const [instrument, session] = await Promise.all([this.links.instrument(link.instrumentId), this.links.sessionDetails(link.tenantId, link.requestId)]);
    return { instrument, programmeTitle: session.programmeTitle, startsAt: session.startsAt, closesAt: link.closesAt };
  }

  /** Stores one response and spends the link, or refuses: BAD_USER_INPUT by item, CONFLICT once spent, NOT_FOUND when expired or unknown. */
  async submit(token: unknown, answers: unknown): Promise<void> {
    const link = await this.usableLink(token);
    const parsed = parseInput(feedbackAnswersSchema(await this.links.instrument(link.instrumentId)), answers);
    await requestContext().uow.actAs({ tenantId: link.tenantId });
    if (!(await this.links.spendAndStore(link.tenantId, link.linkId, link.requestId, parsed))) {
      // Another submission with this link got there first (or the window closed meanwhile).
      throw new FeedbackLinkError(link.closesAt.getTime() > Date.now() ? 'SPENT' : 'EXPIRED');
    }
    this.nudges.publishFeedbackAfterCommit(link.tenantId, link.requestId);
  }

  private async usableLink(token: unknown): Promise<PresentedLink> {
    // A token of the wrong shape is unknown before any statement runs.
    const link = typeof token === 'string' && FEEDBACK_TOKEN_PATTERN.test(token) ? await this.links.findByHash(hashOpaqueToken(token)) : null;
    const state = feedbackLinkState(link && { spent: !link.unspent, closesAt: link.closesAt }, new Date());
    if (state !== 'OPEN') throw new FeedbackLinkError(state);
    return link!;
  }
}

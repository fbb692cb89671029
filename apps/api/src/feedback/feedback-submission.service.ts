import { Injectable } from '@nestjs/common';
import { feedbackAnswersSchema, feedbackLinkState, parseInput, FEEDBACK_TOKEN_PATTERN, type FeedbackLinkState, type Instrument } from '@lena/domain';
import { RefusedLinkError } from '../common/anonymous-link-route';
import { hashOpaqueToken } from '../common/one-time-link';
import { requestContext } from '../common/request-context';
import { WorkerNudgeService } from '../notifications/worker-nudge.service';
import { FeedbackLinkRepository, type LinkResponse, type PresentedLink, type ShownForm } from './feedback-link.repository';

/** A feedback link that cannot take answers, and why: the page shows a page of its own for each. */
export class FeedbackLinkError extends RefusedLinkError {
  constructor(linkState: Exclude<FeedbackLinkState, 'OPEN'>) {
    super(linkState, {
      SPENT: 'Feedback has already been given with this link. Each link can be used once.',
      EXPIRED: 'This feedback link has expired: the time for feedback on this session has ended.',
      UNKNOWN: 'This feedback link is not recognised. Check that you copied the whole link from your email.',
    });
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
 * hash of its secret; the answers are checked against the form the page was shown, and stored only
 * if that is the form the link's request asks; spending the link and storing the answers is one
 * statement; and the worker is told only the request's id. Nothing here logs, returns or enqueues
 * an answer.
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

  /**
   * Stores one response and spends the link, or refuses: BAD_USER_INPUT by item, CONFLICT once
   * spent, NOT_FOUND when expired or unknown. `form` is the form the page was shown (its key and
   * version): the answers are checked against it, and the one statement that spends the link
   * stores them only if the link asks that form. Without it (or if the link asks another), the
   * link's own form is read first, one round trip more.
   */
  async submit(token: unknown, form: unknown, answers: unknown): Promise<void> {
    const tokenHash = this.tokenHash(token);
    const shown = (await this.shownForm(form)) ?? (await this.formOf(await this.usableLink(token)));
    let response = await this.links.respond(tokenHash, shown.instrumentId, parseInput(feedbackAnswersSchema(shown.instrument), answers));
    if (response && !response.stored && response.instrumentId !== shown.instrumentId && linkState(response) === 'OPEN') {
      // The page answered another form than the link asks (a page left open across a change):
      // the answers count only if they answer the link's own form.
      const asked = await this.formOf(response);
      response = await this.links.respond(tokenHash, asked.instrumentId, parseInput(feedbackAnswersSchema(asked.instrument), answers));
    }
    if (!response?.stored) {
      const state = linkState(response);
      // Open yet not stored: another submission with this link got there first.
      throw new FeedbackLinkError(state === 'OPEN' ? 'SPENT' : state);
    }
    // The response committed with its statement: the worker may publish at once.
    await this.nudges.publishFeedback(response.tenantId, response.requestId);
  }

  private async usableLink(token: unknown): Promise<PresentedLink> {
    const link = await this.links.findByHash(this.tokenHash(token));
    const state = feedbackLinkState(link && { spent: !link.unspent, closesAt: link.closesAt }, new Date());
    if (state !== 'OPEN') throw new FeedbackLinkError(state);
    return link!;
  }

  /** The hash a link is found by; a token of the wrong shape is unknown before any statement runs. */
  private tokenHash(token: unknown): Buffer {
    if (typeof token !== 'string' || !FEEDBACK_TOKEN_PATTERN.test(token)) throw new FeedbackLinkError('UNKNOWN');
    return hashOpaqueToken(token);
  }

  /** The form the page says it was shown, when it names one the platform holds. */
  private shownForm(form: unknown): Promise<ShownForm | null> {
    const { key, version } = (typeof form === 'object' && form !== null ? form : {}) as Record<string, unknown>;
    return typeof key === 'string' && Number.isSafeInteger(version) ? this.links.instrumentByVersion(key, version as number) : Promise.resolve(null);
  }

  private async formOf(link: { instrumentId: string }): Promise<ShownForm> {
    return { instrumentId: link.instrumentId, instrument: await this.links.instrument(link.instrumentId) };
  }
}

function linkState(response: LinkResponse | null): FeedbackLinkState {
  return feedbackLinkState(response && { spent: !response.unspent, closesAt: response.closesAt }, new Date());
}

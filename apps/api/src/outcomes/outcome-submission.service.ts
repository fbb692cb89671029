import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  askableInstruments,
  OUTCOME_TOKEN_PATTERN,
  outcomeLinkState,
  scoreOutcomeSubmission,
  type MeasurementPoint,
  type OutcomeInstrument,
  type OutcomeLinkState,
} from '@lena/domain';
import { RefusedLinkError } from '../common/anonymous-link-route';
import { hashOpaqueToken } from '../common/one-time-link';
import { requestContext } from '../common/request-context';
import { OutcomeLinkRepository, type PresentedOutcomeLink } from './outcome-link.repository';
import { OutcomePairingRepository } from './outcome-pairing.repository';
import { OutcomeRollupRefreshService } from './outcome-rollup-refresh.service';
import { pairingPseudonym } from './pairing-pseudonym';

/** A link that cannot take answers, and why: the page shows a page of its own for each. */
export class OutcomeLinkError extends RefusedLinkError {
  constructor(linkState: Exclude<OutcomeLinkState, 'OPEN'>) {
    super(linkState, {
      SPENT: 'This questionnaire has already been answered with this link. Each link can be used once.',
      EXPIRED: 'This questionnaire link has expired: the time to answer it has ended.',
      UNKNOWN: 'This questionnaire link is not recognised. Check that you copied the whole link from your email.',
    });
  }
}

/** The questionnaire a presented link opens: each instrument with its wording and licence attribution. */
export interface OutcomeForm {
  programmeTitle: string;
  point: MeasurementPoint;
  closesAt: Date;
  instruments: Array<{ instrument: OutcomeInstrument; attribution: string | null }>;
}

/**
 * Outcome measures through a single-use link: no sign-in, no person. The link is found by the hash
 * of its secret; the answers are checked and scored by the instruments' published rules; the
 * pseudonym is derived from the programme's key and the recipient's salt (reached with the
 * secret); and spending the link and storing the measurements is one statement. Nothing here
 * logs, returns or enqueues an answer, a score or a pseudonym.
 */
@Injectable()
export class OutcomeSubmissionService {
  constructor(
    private readonly links: OutcomeLinkRepository,
    private readonly pairing: OutcomePairingRepository,
    private readonly rollups: OutcomeRollupRefreshService,
  ) {}

  /** The questionnaire behind an open link; an OutcomeLinkError for a spent, expired or unknown one. */
  async form(token: unknown): Promise<OutcomeForm> {
    const link = await this.usableLink(token);
    await requestContext().uow.actAs({ tenantId: link.tenantId });
    const { title, instruments } = await this.asked(link);
    return {
      programmeTitle: title,
      point: link.point,
      closesAt: link.closesAt,
      instruments: instruments.map((instrument) => ({ instrument, attribution: instrument.licence.attribution })),
    };
  }

  /** Stores one measurement per instrument and spends the link, or refuses: BAD_USER_INPUT by item, CONFLICT once spent, NOT_FOUND when expired or unknown. */
  async submit(token: unknown, answers: unknown): Promise<void> {
    const link = await this.usableLink(token);
    await requestContext().uow.actAs({ tenantId: link.tenantId });
    const { instruments } = await this.asked(link);
    const measurements = scoreOutcomeSubmission(instruments, answers);
    const [key, salt] = await Promise.all([this.pairing.programmeKey(link.programmeId, randomBytes(32)), this.links.pairingSalt(token as string, randomBytes(32))]);
    // The link was spent or closed since it was read (the salt is only handed out while it is usable).
    if (!key || !salt) throw new OutcomeLinkError(link.closesAt.getTime() > Date.now() ? 'SPENT' : 'EXPIRED');
    if (!(await this.links.spendAndStore(link, pairingPseudonym(key, salt), measurements))) {
      throw new OutcomeLinkError(link.closesAt.getTime() > Date.now() ? 'SPENT' : 'EXPIRED');
    }
    // The programme's figures are recomputed by the worker (debounced per programme; ids only).
    this.rollups.afterCommit(link.tenantId, link.programmeId);
  }

  /** The instruments the link's programme asks and may ask (a licence needing confirmation is never shown unconfirmed). */
  private async asked(link: PresentedOutcomeLink): Promise<{ title: string; instruments: OutcomeInstrument[] }> {
    const plan = await this.links.plan(link.tenantId, link.programmeId);
    const instruments = askableInstruments(plan.instruments, plan.confirmed).map((instrument) => instrument.definition);
    // Nothing left to ask (the plan lost its last usable instrument): the link can take no answers.
    if (instruments.length === 0) throw new OutcomeLinkError('EXPIRED');
    return { title: plan.title, instruments };
  }

  private async usableLink(token: unknown): Promise<PresentedOutcomeLink> {
    // A token of the wrong shape is unknown before any statement runs.
    const link = typeof token === 'string' && OUTCOME_TOKEN_PATTERN.test(token) ? await this.links.findByHash(hashOpaqueToken(token)) : null;
    const state = outcomeLinkState(link && { spent: !link.unspent, closesAt: link.closesAt }, new Date());
    if (state !== 'OPEN') throw new OutcomeLinkError(state);
    return link!;
  }
}

import { Injectable } from '@nestjs/common';
import {
  DomainError,
  feedbackThresholds,
  isFacilitator,
  latestWording,
  scaleItems,
  summariseFeedback,
  summariseProgrammeFeedback,
  TenantRole,
  type FigureResult,
  type OrganisationItemMeans,
  type Principal,
} from '@lena/domain';
import { FeedbackLinkRepository } from './feedback-link.repository';
import { FeedbackResultsRepository, type FeedbackProgramme } from './feedback-results.repository';
import type { FeedbackFigure, FeedbackResults, FeedbackScores } from './dtos/feedback-results.type';

/**
 * A programme's feedback for its assigned facilitators and its organisation's admins: the
 * programme's figures and each session's, decided together by the domain's one suppression rule
 * (so no figure, and no difference between two of them, covers fewer people than the threshold).
 * Only published snapshots are read (the worker publishes a session first at the minimum group
 * size, then after that many new responses), and a programme's figures are the sums of its
 * sessions' snapshots: so no difference between two reads over time isolates a smaller group
 * either, and a session that never reached the threshold never counts in its programme.
 */
@Injectable()
export class FeedbackResultsService {
  constructor(
    private readonly results: FeedbackResultsRepository,
    private readonly links: FeedbackLinkRepository,
  ) {}

  async programmeResults(principal: Principal, programmeId: string): Promise<FeedbackResults> {
    const programme = await this.viewable(principal, programmeId);
    const [settings, allSessions] = await Promise.all([this.results.settings(programme.tenantId), this.results.sessions(programme.tenantId, programme.id)]);
    const asked = latestWording(allSessions);
    const sessions = asked?.sessions ?? [];
    const instrument = asked ? await this.links.instrument(asked.instrumentId) : null;
    const thresholds = feedbackThresholds(settings, programme.serviceType);
    const tallies = await this.results.tallies(programme.tenantId, sessions, thresholds.commentsEnabled);
    const figures = instrument
      ? summariseProgrammeFeedback(
          instrument,
          sessions.map((session) => session.sessionId),
          tallies,
          thresholds,
        )
      : null;
    return {
      programmeId: programme.id,
      instrument: instrument && { key: instrument.key, version: instrument.version, title: instrument.title, licence: instrument.licence },
      minGroupSize: thresholds.minGroupSize,
      updatedOn: sessions.reduce<string | null>((latest, session) => (session.publishedOn && (!latest || session.publishedOn > latest) ? session.publishedOn : latest), null),
      programme: toFigure(figures?.programme ?? emptyFigure(thresholds.minGroupSize)),
      sessions: sessions.map((session) => ({
        sessionId: session.sessionId,
        sequence: session.sequence,
        startsAt: session.startsAt.toISOString(),
        figure: toFigure(figures!.sessions.get(session.sessionId)!),
      })),
    };
  }

  /**
   * The programme-level scores of several programmes of one organisation at once, for its admins'
   * dashboard: each exactly as `programmeResults` decides it (the programme and all its sessions,
   * suppressed together, over the latest wording), in a fixed number of statements however many
   * programmes. Null for a programme with no feedback request yet; a programme the organisation
   * does not hold is NOT_FOUND, as in `programmeResults`.
   */
  async organisationProgrammesScores(tenantId: string, programmeIds: readonly string[]): Promise<Map<string, FeedbackScores | null>> {
    const wanted = [...new Set(programmeIds)];
    return this.scoresOf(wanted, wanted.length === 0 ? [] : await this.results.findManyInTenant(tenantId, wanted));
  }

  /**
   * The same for the programmes a facilitator is assigned to, in any organisation (read through
   * the `assigned_facilitators` policies), whichever organisation they are acting in: for their
   * dashboard across organisations.
   */
  async assignedProgrammesScores(userId: string, programmeIds: readonly string[]): Promise<Map<string, FeedbackScores | null>> {
    const wanted = [...new Set(programmeIds)];
    return this.scoresOf(wanted, wanted.length === 0 ? [] : await this.results.findManyAssigned(userId, wanted));
  }

  private async scoresOf(wanted: readonly string[], programmes: readonly FeedbackProgramme[]): Promise<Map<string, FeedbackScores | null>> {
    if (programmes.length !== wanted.length) throw DomainError.notFound('That programme');
    if (programmes.length === 0) return new Map();
    const [settingsOf, allSessions] = await Promise.all([
      this.results.settingsOf([...new Set(programmes.map((programme) => programme.tenantId))]),
      this.results.sessionsOfProgrammes(programmes),
    ]);
    const sessionsOf = new Map<string, typeof allSessions>();
    for (const session of allSessions) sessionsOf.set(session.programmeId, [...(sessionsOf.get(session.programmeId) ?? []), session]);
    const asked = new Map(programmes.map((programme) => [programme.id, latestWording(sessionsOf.get(programme.id) ?? [])] as const));
    const instrumentIds = [...new Set([...asked.values()].flatMap((wording) => (wording ? [wording.instrumentId] : [])))];
    const instruments = new Map(await Promise.all(instrumentIds.map(async (id) => [id, await this.links.instrument(id)] as const)));
    const tallies = await this.results.scoreTalliesOf([...asked.values()].flatMap((wording) => wording?.sessions ?? []));
    return new Map(
      programmes.map((programme) => {
        const wording = asked.get(programme.id);
        if (!wording) return [programme.id, null] as const;
        const { programme: figure } = summariseProgrammeFeedback(
          instruments.get(wording.instrumentId)!,
          wording.sessions.map((session) => session.sessionId),
          tallies,
          feedbackThresholds(settingsOf.get(programme.tenantId)!, programme.serviceType),
        );
        return [programme.id, toFigure(figure).scores] as const;
      }),
    );
  }

  /**
   * For the platform admins' benchmark: every organisation's item means over its published
   * feedback (all its sessions' snapshots together, one figure per organisation), each decided by
   * the one suppression rule with that organisation's own minimum group size, over the form most
   * organisations have published answers to (the newest of a tie). An organisation with nothing
   * published is withheld like one below its threshold.
   */
  async platformItemMeans(): Promise<{
    instrument: { title: string; items: Array<{ itemId: string; prompt: string }> } | null;
    organisations: Array<OrganisationItemMeans & { name: string }>;
  }> {
    const tallies = await this.results.platformTallies();
    const organisationsPer = new Map<string, number>();
    for (const tally of tallies) organisationsPer.set(tally.instrumentId, (organisationsPer.get(tally.instrumentId) ?? 0) + 1);
    const candidates = await Promise.all([...organisationsPer.keys()].map(async (id) => ({ id, instrument: await this.links.instrument(id) })));
    const chosen = candidates.sort((a, b) => organisationsPer.get(b.id)! - organisationsPer.get(a.id)! || b.instrument.version - a.instrument.version)[0];
    if (!chosen) return { instrument: null, organisations: [] };
    const organisations = tallies
      .filter((tally) => tally.instrumentId === chosen.id)
      .map((tally) => {
        const thresholds = { minGroupSize: tally.minGroupSize, minCommentGroupSize: Math.max(tally.minGroupSize, 10), commentsEnabled: false };
        const [figure] = summariseFeedback(
          chosen.instrument,
          [{ key: 'organisation', cells: ['organisation'] }],
          { organisation: { responses: tally.responses, histograms: tally.tallies, comments: [] } },
          thresholds,
        );
        const scores = figure!.scores;
        return {
          tenantId: tally.tenantId,
          name: tally.tenantName,
          items: scores.shown ? scores.items.map((item) => ({ itemId: item.itemId, mean: item.mean })) : null,
          withheldMessage: scores.shown ? null : scores.message,
        };
      });
    return {
      instrument: { title: chosen.instrument.title, items: scaleItems(chosen.instrument).map((item) => ({ itemId: item.id, prompt: item.prompt })) },
      organisations,
    };
  }

  private async viewable(principal: Principal, programmeId: string): Promise<FeedbackProgramme> {
    let programme: FeedbackProgramme | null = null;
    if (principal.tenantId) {
      if (principal.tenantRole === TenantRole.ORG_ADMIN) programme = await this.results.findInTenant(principal.tenantId, programmeId);
    } else if (isFacilitator(principal)) {
      programme = await this.results.findAssigned(principal.userId, programmeId);
    }
    if (!programme) throw DomainError.notFound('That programme');
    return programme;
  }
}

/** A programme with no feedback requests yet: nothing to show, for the same reason as too few. */
function emptyFigure(minGroupSize: number): FigureResult {
  const withheld = { shown: false as const, reason: 'TOO_FEW_RESPONSES' as const, message: `Fewer than ${minGroupSize} responses` };
  return { key: 'programme', scores: withheld, comments: withheld };
}

function toFigure(result: FigureResult): FeedbackFigure {
  const { scores, comments } = result;
  return {
    scores: scores.shown
      ? { shown: true, withheldReason: null, message: null, responses: scores.responses, items: scores.items }
      : { shown: false, withheldReason: scores.reason, message: scores.message, responses: null, items: null },
    comments: comments.shown
      ? { shown: true, withheldReason: null, message: null, comments: comments.comments }
      : { shown: false, withheldReason: comments.reason, message: comments.message, comments: null },
  };
}

import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import {
  AuditAction,
  DEFAULT_MIN_COMMENT_GROUP_SIZE,
  decideSuppression,
  DomainError,
  MEASUREMENT_POINT_ORDER,
  ownScoreReading,
  reliableChangeThreshold,
  subscaleRange,
  uuidSchema,
  type Principal,
} from '@lena/domain';
import { AuditService } from '../audit/audit.service';
import type { MyMeasuresProgramme } from './dtos/my-measures.type';
import { MyMeasuresRepository, type BaselineSpread } from './my-measures.repository';
import { OutcomePairingRepository } from './outcome-pairing.repository';
import { pairingPseudonym } from './pairing-pseudonym';

/**
 * "My measures": a person's own scores, found at request time by deriving their pseudonym in each
 * of their programmes from the programme's key and their own salt (`outcome_own_pairing_salt()`
 * answers for the signed-in person alone), so nothing stored maps them to their answers, and
 * nobody else (another participant, an org admin, a facilitator, a platform admin) can ask for
 * them. And erasing the salt, which unpairs every answer they gave from any they give later.
 */
@Injectable()
export class MyMeasuresService {
  constructor(
    private readonly measures: MyMeasuresRepository,
    private readonly pairing: OutcomePairingRepository,
    private readonly audit: AuditService,
  ) {}

  async mine(principal: Principal, tenantId: string): Promise<MyMeasuresProgramme[]> {
    const plans = await this.measures.enrolledPlans(tenantId, principal.userId);
    if (plans.length === 0) return [];
    const salt = await this.pairing.ownSalt();
    const pseudonyms: Array<{ programmeId: string; pseudonym: string }> = [];
    if (salt) {
      for (const plan of plans) {
        const key = await this.pairing.programmeKey(plan.programmeId, randomBytes(32));
        if (key) pseudonyms.push({ programmeId: plan.programmeId, pseudonym: pairingPseudonym(key, salt) });
      }
    }
    const [own, spreads, minGroupSize] = await Promise.all([
      this.measures.measurements(tenantId, pseudonyms),
      salt
        ? this.measures.baselineSpread(
            tenantId,
            plans.map((plan) => plan.programmeId),
          )
        : Promise.resolve([]),
      this.measures.minGroupSize(tenantId),
    ]);
    return plans.map((plan) => ({
      programmeId: plan.programmeId,
      programmeTitle: plan.title,
      scales: plan.instruments.flatMap(({ key, attribution, definition }) =>
        (definition?.subscales ?? []).map((subscale) => {
          const askedAt = new Map(plan.asked.map((asked) => [asked.point, new Date(asked.opensAt)]));
          const scores = MEASUREMENT_POINT_ORDER.flatMap((point) => {
            const measurement = own.find((candidate) => candidate.programmeId === plan.programmeId && candidate.instrumentKey === key && candidate.point === point);
            const score = measurement?.scores[subscale.key];
            return typeof score === 'number' ? [{ point, askedAt: askedAt.get(point) ?? new Date(0), score }] : [];
          });
          const threshold = subscale.reliability === undefined ? null : this.threshold(spreads, plan.programmeId, key, subscale.key, subscale.reliability, minGroupSize);
          return {
            instrumentKey: key,
            instrumentTitle: definition!.title,
            attribution,
            subscaleKey: subscale.key,
            title: subscale.title,
            direction: subscale.direction,
            ...subscaleRange(definition!, subscale.key),
            scores,
            reading: ownScoreReading({ title: subscale.title, direction: subscale.direction, scores, reliableChange: threshold }),
          };
        }),
      ),
    }));
  }

  /**
   * The reliable-change threshold from the programme's baseline spread, only when the spread is a
   * figure the suppression rule would show (enough people answered the baseline).
   */
  private threshold(spreads: readonly BaselineSpread[], programmeId: string, instrumentKey: string, subscaleKey: string, reliability: number, minGroupSize: number): number | null {
    const spread = spreads.find((candidate) => candidate.programmeId === programmeId && candidate.instrumentKey === instrumentKey && candidate.subscaleKey === subscaleKey);
    if (!spread?.sd) return null;
    const [decision] = decideSuppression(
      [{ key: 'baseline', kind: 'SCORES', cells: ['baseline'] }],
      { baseline: spread.n },
      {
        minGroupSize,
        minCommentGroupSize: DEFAULT_MIN_COMMENT_GROUP_SIZE,
        commentsEnabled: false,
      },
    );
    return decision?.shown ? reliableChangeThreshold(spread.sd, reliability) : null;
  }

  /** The signed-in person unpairs their own answers. Audited; true when they had any to unpair. */
  async eraseOwn(principal: Principal): Promise<boolean> {
    return this.erase(principal.userId);
  }

  /** A platform admin unpairs someone's answers (an erasure request). Audited; NOT_FOUND for an id that is not a person's. */
  async eraseFor(userId: string): Promise<boolean> {
    if (!uuidSchema.safeParse(userId).success) throw DomainError.notFound('That person');
    return this.erase(userId);
  }

  private async erase(userId: string): Promise<boolean> {
    const erased = await this.pairing.erase(userId);
    await this.audit.record({ action: AuditAction.OUTCOME_PAIRING_ERASED, targetType: 'user', targetId: userId, detail: { erased } });
    return erased;
  }
}

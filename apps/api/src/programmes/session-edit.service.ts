import { Injectable } from '@nestjs/common';
import {
  AuditAction,
  cancellationReasonSchema,
  DomainError,
  isPlatformAdmin,
  overrideReasonSchema,
  parseInput,
  planSessionCancellation,
  planSessionMove,
  programmeVersionSchema,
  ProgrammeStatus,
  rescheduleReasonSchema,
  sessionEditScopeSchema,
  SessionEditRefusal,
  uuidSchema,
  type Principal,
  type SessionEditScope,
} from '@lena/domain';
import { z } from 'zod';
import { AuditService } from '../audit/audit.service';
import { WorkerNudgeService } from '../notifications/worker-nudge.service';
import type { CancelSessionInput, RescheduleSessionInput } from './dtos/programme-session.dtos';
import type { Programme } from './dtos/programme.type';
import { ProgrammeConflictService } from './programme-conflict.service';
import { ProgrammeSessionRepository, type ProgrammeSessionRow } from './programme-session.repository';
import { ProgrammeService } from './programme.service';

const editSchema = z.object({ programmeId: uuidSchema, sessionId: uuidSchema, version: programmeVersionSchema, scope: sessionEditScopeSchema });
const rescheduleSchema = editSchema.extend({ newStartLocal: z.string().trim(), reason: rescheduleReasonSchema, overrideReason: overrideReasonSchema.nullish() });
const cancelSchema = editSchema.extend({ reason: cancellationReasonSchema });

/** Sessions can be changed while a programme runs: once accepted (and its sessions written) until it ends. */
const EDITABLE: readonly ProgrammeStatus[] = [ProgrammeStatus.ACCEPTED, ProgrammeStatus.ACTIVE];

const conflictsMessage = (count: number) =>
  `${count === 1 ? 'One moved session clashes' : `${count} moved sessions clash`} with the facilitators’ availability. Choose another time, or give a reason to move it anyway.`;

/**
 * Moving and cancelling sessions: one, this and the following ones, or the whole series. The
 * provider runs the schedule, so platform admins make these changes, in the programme's
 * organisation. The series is locked, the edit is checked against the version it was made on and
 * planned by the domain (`planSessionMove`, `planSessionCancellation`); a move is checked against
 * every facilitator's availability in every organisation, as a proposal is. The database re-plans
 * reminders, and the worker emails everyone the changed calendar entries.
 */
@Injectable()
export class SessionEditService {
  constructor(
    private readonly programmes: ProgrammeService,
    private readonly sessions: ProgrammeSessionRepository,
    private readonly conflicts: ProgrammeConflictService,
    private readonly audit: AuditService,
    private readonly nudges: WorkerNudgeService,
  ) {}

  async reschedule(principal: Principal, input: RescheduleSessionInput): Promise<Programme> {
    const edit = parseInput(rescheduleSchema, input);
    const { tenantId, programme, series } = await this.openSeries(principal, edit);
    const moves = this.planned(() =>
      planSessionMove({ sessions: series, sessionId: edit.sessionId, scope: edit.scope, newStartLocal: edit.newStartLocal, timeZone: programme.timeZone, now: new Date() }),
    );
    const sequenceOf = new Map(series.map((session) => [session.id, session.sequence]));
    const conflicts = await this.conflicts.find({
      tenantId,
      tenantName: programme.tenantName,
      programmeId: programme.id,
      facilitators: programme.facilitators,
      sessions: moves.map((move) => ({ sequence: sequenceOf.get(move.id) ?? 0, startsAt: move.startsAt, endsAt: move.endsAt })),
      timeZone: programme.timeZone,
    });
    if (conflicts.length && !edit.overrideReason) throw DomainError.conflictWithDetails(conflictsMessage(conflicts.length), { conflicts });

    await this.sessions.move(tenantId, moves, edit.reason);
    const target = series.find((session) => session.id === edit.sessionId);
    const detail = {
      title: programme.title,
      scope: edit.scope,
      sessions: moves.length,
      from: target?.startsAt,
      to: moves.find((move) => move.id === edit.sessionId)?.startsAt,
      reason: edit.reason,
    };
    await this.audit.record({ action: AuditAction.SESSION_RESCHEDULED, tenantId, targetType: 'programme', targetId: programme.id, detail });
    if (conflicts.length) {
      // Times and kinds only: another organisation's names never reach this organisation's log.
      const overridden = conflicts.map(({ sequence, facilitatorId, kind, sessionStartsAt }) => ({ sequence, facilitatorId, kind, sessionStartsAt }));
      await this.audit.record({
        action: AuditAction.SESSION_CONFLICTS_OVERRIDDEN,
        tenantId,
        targetType: 'programme',
        targetId: programme.id,
        detail: { title: programme.title, reason: edit.overrideReason, conflicts: overridden },
      });
    }
    return this.programmes.read(tenantId, programme.id);
  }

  async cancel(principal: Principal, input: CancelSessionInput): Promise<Programme> {
    const edit = parseInput(cancelSchema, input);
    const { tenantId, programme, series } = await this.openSeries(principal, edit);
    const cancelled = this.planned(() => planSessionCancellation({ sessions: series, sessionId: edit.sessionId, scope: edit.scope, now: new Date() }));
    await this.sessions.cancel(tenantId, cancelled, edit.reason);
    // Cancelled sessions are rollup figures: the programme's rollup is recomputed.
    this.nudges.refreshOutcomeRollupAfterCommit(tenantId, programme.id);
    await this.audit.record({
      action: AuditAction.SESSION_CANCELLED,
      tenantId,
      targetType: 'programme',
      targetId: programme.id,
      detail: { title: programme.title, scope: edit.scope, sessions: cancelled.length, reason: edit.reason },
    });
    return this.programmes.read(tenantId, programme.id);
  }

  /** The programme's organisation entered, the programme read, and its series locked and checked against the edit's version. */
  private async openSeries(principal: Principal, edit: { programmeId: string; sessionId: string; version: number; scope: SessionEditScope }) {
    if (!isPlatformAdmin(principal)) throw DomainError.forbidden('Sessions are moved and cancelled by the provider’s team. Ask them to make the change.');
    const tenantId = await this.programmes.tenantForChange(principal, edit.programmeId);
    await this.programmes.lock(tenantId, edit.programmeId);
    const programme = await this.programmes.read(tenantId, edit.programmeId);
    if (!EDITABLE.includes(programme.status)) throw DomainError.conflict('Sessions can be changed once the programme has been accepted, and until it ends.');
    const series = await this.sessions.lockSeries(tenantId, programme.id);
    const target = series.find((session) => session.id === edit.sessionId);
    if (!target) throw DomainError.notFound('That session');
    if (target.version !== edit.version) throw DomainError.conflict('Someone else changed this session since you opened it. Look at it again and make your change once more.');
    return { tenantId, programme, series };
  }

  /** The domain's plan, its refusals as the API's typed errors. */
  private planned<T>(plan: () => T): T {
    try {
      return plan();
    } catch (error) {
      if (!(error instanceof SessionEditRefusal)) throw error;
      if (error.kind === 'NOT_FOUND') throw DomainError.notFound('That session');
      if (error.kind === 'CONFLICT') throw DomainError.conflict(error.message);
      throw DomainError.badInput(error.message, [{ field: 'newStartLocal', message: error.message }]);
    }
  }

  /** A programme's stored sessions, for its page. */
  /** The stored sessions of each programme, in one read (row-level security decides what the reader sees). */
  async listSessionsOf(programmes: readonly Pick<Programme, 'tenantId' | 'id'>[]): Promise<ProgrammeSessionRow[][]> {
    const byProgramme = await this.sessions.listByProgrammes(programmes.map((p) => ({ tenantId: p.tenantId, programmeId: p.id })));
    return programmes.map((p) => byProgramme.get(p.id) ?? []);
  }
}

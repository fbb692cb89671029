import { Injectable } from '@nestjs/common';
import {
  attendanceStatusSchema,
  AuditAction,
  DeliveryAction,
  deliveryActionsFor,
  deliveryRefusal,
  DomainError,
  GRP_THEMES,
  noteVersionSchema,
  noteWarnings,
  parseInput,
  parseSessionNotes,
  reopenDeadline,
  runSheetFor,
  uuidSchema,
  type DeliverySession,
  type Principal,
} from '@lena/domain';
import { z } from 'zod';
import { AuditService } from '../audit/audit.service';
import { requestContext } from '../common/request-context';
import { WorkerNudgeService } from '../notifications/worker-nudge.service';
import type { ActionItem, AttendanceEntry, NoteWarning, SaveSessionNotesResult, SessionDelivery, SessionNotes } from './dtos/delivery.types';
import type { MarkAttendanceInput, SaveSessionNotesInput, SessionNotesInput, ShareActionItemInput } from './dtos/delivery.inputs';
import { SessionDeliveryRepository, type DeliverySessionRow } from './session-delivery.repository';
import { SessionNoteRepository } from './session-note.repository';

const markSchema = z.object({ sessionId: uuidSchema, userId: uuidSchema, status: attendanceStatusSchema });
const shareSchema = z.object({ sessionId: uuidSchema, actionItemId: uuidSchema, shared: z.boolean() });

const STALE_NOTES = 'Someone else saved these notes since you opened them. Look at them again and make your change once more.';

function deliveryState(session: DeliverySessionRow): DeliverySession {
  return { status: session.status, startsAt: session.startsAt, endsAt: session.endsAt, deliveredAt: session.deliveredAt, reopenedAt: session.reopenedAt };
}

/**
 * Running a session: its run sheet, register and confidential notes, and completing or reopening
 * it. Only the programme's assigned facilitators reach any of it: a session of any other programme
 * (another organisation's, a random id) is NOT_FOUND, and PostgreSQL's policies refuse the notes to
 * anyone else whatever this service does. No note text goes into the audit log or a log line.
 */
@Injectable()
export class DeliveryService {
  constructor(
    private readonly sessions: SessionDeliveryRepository,
    private readonly notes: SessionNoteRepository,
    private readonly audit: AuditService,
    private readonly nudge: WorkerNudgeService,
  ) {}

  async delivery(principal: Principal, sessionId: string): Promise<SessionDelivery> {
    const session = await this.assigned(principal, sessionId);
    return this.view(session);
  }

  async markAttendance(principal: Principal, input: MarkAttendanceInput): Promise<AttendanceEntry> {
    const mark = parseInput(markSchema, input);
    const session = await this.assigned(principal, mark.sessionId);
    this.refuseUnless(DeliveryAction.MARK_ATTENDANCE, session);
    // Someone who is not on this session's register (another organisation's person, a random id) is not found.
    if (!(await this.sessions.registerEntry(session.tenantId, session.id, mark.userId))) throw DomainError.notFound('That person');
    const { changed, previous } = await this.sessions.mark(session.tenantId, session.id, mark.userId, mark.status, principal.userId);
    // One event per change of status: a double tap or a retry that changes nothing records nothing.
    if (changed) {
      await this.audit.record({
        action: AuditAction.ATTENDANCE_MARKED,
        tenantId: session.tenantId,
        targetType: 'group_session',
        targetId: session.id,
        detail: { programmeId: session.programmeId, personId: mark.userId, from: previous, to: mark.status },
      });
    }
    const entry = await this.sessions.registerEntry(session.tenantId, session.id, mark.userId);
    if (!entry) throw DomainError.notFound('That person');
    return entry;
  }

  /** The personal-data warnings the notes would raise, without saving them. */
  async checkNotes(principal: Principal, input: SessionNotesInput): Promise<NoteWarning[]> {
    const session = await this.assigned(principal, input.sessionId);
    return noteWarnings(parseSessionNotes(session.serviceType, input));
  }

  /**
   * Saves the notes made on `version` (0 for the first). Text that looks like personal data is
   * not saved until the facilitator has seen the warnings and acknowledged them; a save made on
   * an older version is CONFLICT, so two facilitators never overwrite each other unseen.
   */
  async saveNotes(principal: Principal, input: SaveSessionNotesInput): Promise<SaveSessionNotesResult> {
    const version = parseInput(noteVersionSchema, input.version);
    const session = await this.assigned(principal, input.sessionId);
    this.refuseUnless(DeliveryAction.WRITE_NOTES, session);
    const notes = parseSessionNotes(session.serviceType, input);
    const current = await this.notes.find(session.tenantId, session.id);
    if (current?.purgedAt) throw DomainError.conflict('These notes were erased at the end of the organisation’s retention period, so they can no longer be changed.');
    if ((current?.version ?? 0) !== version) throw DomainError.conflict(STALE_NOTES);

    const warnings = noteWarnings(notes);
    if (warnings.length && !input.acknowledgeWarnings) return { saved: false, warnings, notes: await this.readNotes(session) };

    if (notes.kind === 'GTS') {
      const existing = new Set((await this.notes.actionItems(session.tenantId, session.id)).map((item) => item.id));
      const unknown = notes.actionItems.flatMap((item, index) =>
        item.id && !existing.has(item.id) ? [{ field: `actionItems.${index}.id`, message: 'That action item is not one of this session’s.' }] : [],
      );
      if (unknown.length) throw DomainError.badInput('Some action items are not this session’s. Reload the notes and try again.', unknown);
    }
    const written = current
      ? await this.notes.update(session.tenantId, session.id, version, notes, principal.userId)
      : await this.notes.create(session.tenantId, session.id, notes, principal.userId);
    if (!written) throw DomainError.conflict(STALE_NOTES);
    if (notes.kind === 'GTS') {
      await this.notes.replaceActionItems(
        session.tenantId,
        session.id,
        notes.actionItems.map((item) => ({ id: item.id ?? null, text: item.text, sharedWithGroup: item.sharedWithGroup })),
      );
    }
    const saved = await this.readNotes(session);
    // Counts and the version only: the text stays in the notes.
    await this.audit.record({
      action: AuditAction.SESSION_NOTES_SAVED,
      tenantId: session.tenantId,
      targetType: 'group_session',
      targetId: session.id,
      detail: {
        programmeId: session.programmeId,
        kind: notes.kind,
        version: saved?.version,
        actionItems: notes.kind === 'GTS' ? notes.actionItems.length : 0,
        sharedActionItems: notes.kind === 'GTS' ? notes.actionItems.filter((item) => item.sharedWithGroup).length : 0,
        warningsAcknowledged: warnings.length,
      },
    });
    return { saved: true, warnings, notes: saved };
  }

  async shareActionItem(principal: Principal, input: ShareActionItemInput): Promise<ActionItem> {
    const share = parseInput(shareSchema, input);
    const session = await this.assigned(principal, share.sessionId);
    this.refuseUnless(DeliveryAction.WRITE_NOTES, session);
    const result = await this.notes.setShared(session.tenantId, session.id, share.actionItemId, share.shared);
    if (!result) throw DomainError.notFound('That action item');
    if (result.changed) {
      await this.audit.record({
        action: AuditAction.ACTION_ITEM_SHARING_CHANGED,
        tenantId: session.tenantId,
        targetType: 'group_session',
        targetId: session.id,
        detail: { actionItemId: share.actionItemId, shared: share.shared },
      });
    }
    return result.item;
  }

  /** Completes the session: it becomes DELIVERED (and feedback can open). */
  complete(principal: Principal, sessionId: string): Promise<SessionDelivery> {
    return this.changeStatus(principal, sessionId, DeliveryAction.COMPLETE);
  }

  /** Reopens a delivered session within the window, to correct attendance; after it, CONFLICT. */
  reopen(principal: Principal, sessionId: string): Promise<SessionDelivery> {
    return this.changeStatus(principal, sessionId, DeliveryAction.REOPEN);
  }

  private async changeStatus(principal: Principal, sessionId: string, action: typeof DeliveryAction.COMPLETE | typeof DeliveryAction.REOPEN): Promise<SessionDelivery> {
    const assigned = await this.assigned(principal, sessionId);
    // The session's row is the organisation's: its status is changed in that organisation, which
    // the facilitator enters explicitly (as platform admins do), now that the assignment is proved.
    await requestContext().uow.actAs({ tenantId: assigned.tenantId });
    const session = await this.sessions.lockSession(assigned.tenantId, assigned.id);
    this.refuseUnless(action, session);
    if (action === DeliveryAction.COMPLETE) {
      await this.sessions.markDelivered(session.tenantId, session.id);
      // Its attendees' feedback links go out now, not at the next minute's sweep (which sends them if this nudge is lost).
      this.nudge.sweepFeedbackAfterCommit(session.tenantId);
    } else await this.sessions.markReopened(session.tenantId, session.id);
    // Sessions delivered and attendance are rollup figures: the programme's rollup is recomputed.
    this.nudge.refreshOutcomeRollupAfterCommit(session.tenantId, session.programmeId);
    await this.audit.record({
      action: action === DeliveryAction.COMPLETE ? AuditAction.SESSION_DELIVERED : AuditAction.SESSION_REOPENED,
      tenantId: session.tenantId,
      targetType: 'group_session',
      targetId: session.id,
      detail: { programmeId: session.programmeId, title: session.programmeTitle, sequence: session.sequence, by: 'FACILITATOR' },
    });
    return this.view(await this.sessions.lockSession(session.tenantId, session.id));
  }

  /** The session if the signed-in facilitator is assigned to its programme; NOT_FOUND otherwise, as for an id that exists nowhere. */
  private async assigned(principal: Principal, sessionId: string): Promise<DeliverySessionRow> {
    const session = uuidSchema.safeParse(sessionId).success ? await this.sessions.assignedSession(principal.userId, sessionId) : null;
    if (!session) throw DomainError.notFound('That session');
    return session;
  }

  private refuseUnless(action: DeliveryAction, session: DeliverySessionRow): void {
    const refusal = deliveryRefusal(action, deliveryState(session), new Date());
    if (refusal) throw DomainError.conflict(refusal);
  }

  private async readNotes(session: DeliverySessionRow): Promise<SessionNotes | null> {
    const row = await this.notes.find(session.tenantId, session.id);
    if (!row) return null;
    return { ...row, actionItems: row.kind === 'GTS' ? await this.notes.actionItems(session.tenantId, session.id) : [] };
  }

  private async view(session: DeliverySessionRow): Promise<SessionDelivery> {
    const state = deliveryState(session);
    return {
      sessionId: session.id,
      tenantId: session.tenantId,
      tenantName: session.tenantName,
      programmeId: session.programmeId,
      programmeTitle: session.programmeTitle,
      serviceType: session.serviceType,
      sequence: session.sequence,
      startsAt: session.startsAt,
      endsAt: session.endsAt,
      timeZone: session.timeZone,
      status: session.status,
      deliveredAt: session.deliveredAt,
      reopenUntil: session.deliveredAt ? reopenDeadline(session.deliveredAt) : null,
      availableActions: deliveryActionsFor(state, new Date()),
      runSheet: [...runSheetFor(session.serviceType)],
      register: await this.sessions.register(session.tenantId, session.id),
      notes: await this.readNotes(session),
      themeOptions: session.serviceType === 'GRP' ? Object.entries(GRP_THEMES).map(([key, label]) => ({ key, label })) : [],
    };
  }
}

import { AuditAction } from '../audit/audit-action.js';
import { isFacilitator, isPlatformAdmin, PlatformRole, TenantRole, type Principal } from '../identity/roles.js';
import { SYSTEM_ACTOR } from './programme-lifecycle.js';

/** A step in a programme's life, as its page shows it. */
export const ProgrammeHistoryEvent = {
  REQUESTED: 'REQUESTED',
  PROPOSED: 'PROPOSED',
  CHANGES_REQUESTED: 'CHANGES_REQUESTED',
  ACCEPTED: 'ACCEPTED',
  ACTIVATED: 'ACTIVATED',
  COMPLETED: 'COMPLETED',
  CANCELLED: 'CANCELLED',
  /** A proposal made although the facilitators had clashes, with the reason given. */
  CONFLICTS_OVERRIDDEN: 'CONFLICTS_OVERRIDDEN',
} as const;
export type ProgrammeHistoryEvent = (typeof ProgrammeHistoryEvent)[keyof typeof ProgrammeHistoryEvent];

/** Which audit actions are steps of a programme's life, and which step each is. */
export const PROGRAMME_HISTORY_ACTIONS = {
  [AuditAction.PROGRAMME_REQUESTED]: ProgrammeHistoryEvent.REQUESTED,
  [AuditAction.PROGRAMME_PROPOSED]: ProgrammeHistoryEvent.PROPOSED,
  [AuditAction.PROGRAMME_CHANGES_REQUESTED]: ProgrammeHistoryEvent.CHANGES_REQUESTED,
  [AuditAction.PROGRAMME_ACCEPTED]: ProgrammeHistoryEvent.ACCEPTED,
  [AuditAction.PROGRAMME_ACTIVATED]: ProgrammeHistoryEvent.ACTIVATED,
  [AuditAction.PROGRAMME_COMPLETED]: ProgrammeHistoryEvent.COMPLETED,
  [AuditAction.PROGRAMME_CANCELLED]: ProgrammeHistoryEvent.CANCELLED,
  [AuditAction.PROGRAMME_CONFLICTS_OVERRIDDEN]: ProgrammeHistoryEvent.CONFLICTS_OVERRIDDEN,
} as const satisfies Partial<Record<AuditAction, ProgrammeHistoryEvent>>;

/** Who took a step: the provider's staff, the organisation's admins, or the system (the worker, as sessions begin and end). */
export const ProgrammeHistoryParty = { PROVIDER: 'PROVIDER', ORGANISATION: 'ORGANISATION', SYSTEM: 'SYSTEM' } as const;
export type ProgrammeHistoryParty = (typeof ProgrammeHistoryParty)[keyof typeof ProgrammeHistoryParty];

/** One audited step of a programme, as the audit log keeps it. */
export interface RecordedProgrammeStep {
  id: string;
  occurredAt: Date;
  action: string;
  actorUserId: string | null;
  /** The name the actor goes by today. */
  actorName: string | null;
  /** Whether the actor is a platform admin today (tells who cancelled, in steps recorded before `by` was). */
  actorIsPlatformAdmin: boolean;
  /** The acting role the step recorded (`detail.by`), when it did. */
  by: string | null;
  /** The reason given (`detail.reason`), when one was. */
  reason: string | null;
}

export interface ProgrammeHistoryEntry {
  id: string;
  occurredAt: Date;
  event: ProgrammeHistoryEvent;
  party: ProgrammeHistoryParty;
  /** Null where the viewer may not see who it was (or nobody was: the system). */
  actorName: string | null;
  reason: string | null;
}

/** Who is looking at a programme's history; null for anyone who may not see it. */
export type ProgrammeHistoryViewer = typeof PlatformRole.PLATFORM_ADMIN | typeof TenantRole.ORG_ADMIN | typeof PlatformRole.FACILITATOR;

/**
 * Platform admins, the programme's organisation's admins and the facilitators assigned to it see
 * its history. Participants see none of it: it names the people who run the programme and the
 * reasons they gave, which are not theirs to read.
 */
export function programmeHistoryViewerOf(principal: Principal, programme: { tenantId: string; facilitatorIds: readonly string[] }): ProgrammeHistoryViewer | null {
  if (isPlatformAdmin(principal)) return PlatformRole.PLATFORM_ADMIN;
  if (principal.tenantId === programme.tenantId && principal.tenantRole === TenantRole.ORG_ADMIN) return TenantRole.ORG_ADMIN;
  if (isFacilitator(principal) && programme.facilitatorIds.includes(principal.userId)) return PlatformRole.FACILITATOR;
  return null;
}

const ORGANISATION_STEPS: readonly ProgrammeHistoryEvent[] = [ProgrammeHistoryEvent.REQUESTED, ProgrammeHistoryEvent.CHANGES_REQUESTED, ProgrammeHistoryEvent.ACCEPTED];

function partyOf(step: RecordedProgrammeStep, event: ProgrammeHistoryEvent): ProgrammeHistoryParty {
  if (!step.actorUserId || step.by === SYSTEM_ACTOR) return ProgrammeHistoryParty.SYSTEM;
  if (step.by === PlatformRole.PLATFORM_ADMIN) return ProgrammeHistoryParty.PROVIDER;
  if (step.by === TenantRole.ORG_ADMIN) return ProgrammeHistoryParty.ORGANISATION;
  // Steps recorded without the acting role: most steps belong to one side; either side may cancel.
  if (ORGANISATION_STEPS.includes(event)) return ProgrammeHistoryParty.ORGANISATION;
  if (event === ProgrammeHistoryEvent.CANCELLED && !step.actorIsPlatformAdmin) return ProgrammeHistoryParty.ORGANISATION;
  return ProgrammeHistoryParty.PROVIDER;
}

/**
 * The programme's history as `viewer` may see it, oldest first. Platform admins see everything.
 * Each side sees the names of its own people and not the other's: an organisation's admins see
 * "the provider" took a step, a facilitator that "the organisation" did (they see no
 * organisation's people anywhere else either). Overridden conflicts concern the facilitators'
 * commitments elsewhere, so only the provider's staff see them.
 */
export function programmeHistoryFor(viewer: ProgrammeHistoryViewer, steps: readonly RecordedProgrammeStep[]): ProgrammeHistoryEntry[] {
  const entries: ProgrammeHistoryEntry[] = [];
  for (const step of steps) {
    const event = (PROGRAMME_HISTORY_ACTIONS as Record<string, ProgrammeHistoryEvent | undefined>)[step.action];
    if (!event) continue;
    if (event === ProgrammeHistoryEvent.CONFLICTS_OVERRIDDEN && viewer === TenantRole.ORG_ADMIN) continue;
    const party = partyOf(step, event);
    const named =
      party !== ProgrammeHistoryParty.SYSTEM &&
      (viewer === PlatformRole.PLATFORM_ADMIN ||
        (viewer === TenantRole.ORG_ADMIN && party === ProgrammeHistoryParty.ORGANISATION) ||
        (viewer === PlatformRole.FACILITATOR && party === ProgrammeHistoryParty.PROVIDER));
    entries.push({ id: step.id, occurredAt: step.occurredAt, event, party, actorName: named ? step.actorName : null, reason: step.reason });
  }
  return entries.sort((x, y) => x.occurredAt.getTime() - y.occurredAt.getTime() || x.id.length - y.id.length || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
}

import { DomainError, ErrorCode } from '../errors/domain-error.js';
import { PlatformRole, TenantRole, type Role } from '../identity/roles.js';

/**
 * A programme's life: an organisation admin requests it; a platform admin proposes facilitators
 * and a schedule (and may revise the proposal, or get it sent back for changes); the organisation
 * admin accepts; it is active once its sessions begin and completed after the last; either side
 * may cancel it before it is over.
 */
export const ProgrammeStatus = {
  REQUESTED: 'REQUESTED',
  PROPOSED: 'PROPOSED',
  ACCEPTED: 'ACCEPTED',
  ACTIVE: 'ACTIVE',
  COMPLETED: 'COMPLETED',
  CANCELLED: 'CANCELLED',
} as const;
export type ProgrammeStatus = (typeof ProgrammeStatus)[keyof typeof ProgrammeStatus];

export const ProgrammeAction = {
  PROPOSE: 'PROPOSE',
  REQUEST_CHANGES: 'REQUEST_CHANGES',
  ACCEPT: 'ACCEPT',
  ACTIVATE: 'ACTIVATE',
  COMPLETE: 'COMPLETE',
  CANCEL: 'CANCEL',
} as const;
export type ProgrammeAction = (typeof ProgrammeAction)[keyof typeof ProgrammeAction];

/** Who acts: a person by their role, or the worker (a programme starts and ends with its sessions). */
export const SYSTEM_ACTOR = 'SYSTEM';
export type ProgrammeActor = Role | typeof SYSTEM_ACTOR;

interface Transition {
  to: ProgrammeStatus;
  by: readonly ProgrammeActor[];
  /** For FORBIDDEN, when someone else tries it. */
  forbidden: string;
  /** From each state: null where the action is allowed, else why not (the CONFLICT message). */
  from: Record<ProgrammeStatus, string | null>;
}

const { REQUESTED, PROPOSED, ACCEPTED, ACTIVE, COMPLETED, CANCELLED } = ProgrammeStatus;
const ORG_ADMIN = TenantRole.ORG_ADMIN;
const PLATFORM_ADMIN = PlatformRole.PLATFORM_ADMIN;

const NOT_PROPOSED_YET = 'There is no proposal for this programme yet: the provider is still preparing one.';
const ALREADY_ACCEPTED = 'This programme’s proposal has already been accepted.';
const ALREADY_ACTIVE = 'This programme is already running.';
const NOT_ACCEPTED_YET = 'A programme can become active only once its proposal has been accepted.';
const NOT_RUNNING_YET = 'A programme can be completed only once it has been running.';
const FINISHED = 'This programme has already finished.';
const WAS_CANCELLED = 'This programme has been cancelled.';

const TRANSITIONS: Record<ProgrammeAction, Transition> = {
  // Proposing again revises the proposal until it is accepted.
  PROPOSE: {
    to: PROPOSED,
    by: [PLATFORM_ADMIN],
    forbidden: 'Only the provider’s platform admins can propose facilitators and a schedule.',
    from: {
      REQUESTED: null,
      PROPOSED: null,
      ACCEPTED: `${ALREADY_ACCEPTED} To change it now, reschedule its sessions or cancel it.`,
      ACTIVE: `${ALREADY_ACTIVE} To change it now, reschedule its sessions.`,
      COMPLETED: FINISHED,
      CANCELLED: WAS_CANCELLED,
    },
  },
  REQUEST_CHANGES: {
    to: REQUESTED,
    by: [ORG_ADMIN],
    forbidden: 'Only the organisation’s admins can ask for changes to a proposal.',
    from: { REQUESTED: NOT_PROPOSED_YET, PROPOSED: null, ACCEPTED: ALREADY_ACCEPTED, ACTIVE: ALREADY_ACTIVE, COMPLETED: FINISHED, CANCELLED: WAS_CANCELLED },
  },
  ACCEPT: {
    to: ACCEPTED,
    by: [ORG_ADMIN],
    forbidden: 'Only the organisation’s admins can accept a proposal.',
    from: { REQUESTED: NOT_PROPOSED_YET, PROPOSED: null, ACCEPTED: ALREADY_ACCEPTED, ACTIVE: ALREADY_ACTIVE, COMPLETED: FINISHED, CANCELLED: WAS_CANCELLED },
  },
  ACTIVATE: {
    to: ACTIVE,
    by: [SYSTEM_ACTOR, PLATFORM_ADMIN],
    forbidden: 'A programme becomes active when its first session begins; only a platform admin can do that by hand.',
    from: { REQUESTED: NOT_ACCEPTED_YET, PROPOSED: NOT_ACCEPTED_YET, ACCEPTED: null, ACTIVE: ALREADY_ACTIVE, COMPLETED: FINISHED, CANCELLED: WAS_CANCELLED },
  },
  COMPLETE: {
    to: COMPLETED,
    by: [SYSTEM_ACTOR, PLATFORM_ADMIN],
    forbidden: 'A programme is completed after its last session; only a platform admin can do that by hand.',
    from: { REQUESTED: NOT_RUNNING_YET, PROPOSED: NOT_RUNNING_YET, ACCEPTED: NOT_RUNNING_YET, ACTIVE: null, COMPLETED: FINISHED, CANCELLED: WAS_CANCELLED },
  },
  CANCEL: {
    to: CANCELLED,
    by: [ORG_ADMIN, PLATFORM_ADMIN],
    forbidden: 'Only the organisation’s admins or the provider’s platform admins can cancel a programme.',
    from: { REQUESTED: null, PROPOSED: null, ACCEPTED: null, ACTIVE: null, COMPLETED: FINISHED, CANCELLED: WAS_CANCELLED },
  },
};

export type ProgrammeTransitionResult = { ok: true; status: ProgrammeStatus } | { ok: false; code: typeof ErrorCode.FORBIDDEN | typeof ErrorCode.CONFLICT; message: string };

/**
 * The status after `actor` does `action` to a programme in `status`, or why not: FORBIDDEN when
 * the actor may never do it, CONFLICT when the programme is not in a state that allows it.
 */
export function transitionProgramme(status: ProgrammeStatus, action: ProgrammeAction, actor: ProgrammeActor): ProgrammeTransitionResult {
  const transition = TRANSITIONS[action];
  if (!transition.by.includes(actor)) return { ok: false, code: ErrorCode.FORBIDDEN, message: transition.forbidden };
  const refusal = transition.from[status];
  return refusal === null ? { ok: true, status: transition.to } : { ok: false, code: ErrorCode.CONFLICT, message: refusal };
}

/** `transitionProgramme`, throwing the refusal as a DomainError for the API to answer with. */
export function assertProgrammeTransition(status: ProgrammeStatus, action: ProgrammeAction, actor: ProgrammeActor): ProgrammeStatus {
  const result = transitionProgramme(status, action, actor);
  if (result.ok) return result.status;
  throw result.code === ErrorCode.FORBIDDEN ? DomainError.forbidden(result.message) : DomainError.conflict(result.message);
}

/** What this actor may do to a programme in this state, for the buttons a screen offers. */
export function programmeActionsFor(status: ProgrammeStatus, actor: ProgrammeActor): ProgrammeAction[] {
  return Object.values(ProgrammeAction).filter((action) => transitionProgramme(status, action, actor).ok);
}

/** Whose move it is: the platform admins to propose, the organisation's admins to accept, or nobody's. */
export function programmeWaitingOn(status: ProgrammeStatus): typeof PLATFORM_ADMIN | typeof ORG_ADMIN | null {
  if (status === REQUESTED) return PLATFORM_ADMIN;
  if (status === PROPOSED) return ORG_ADMIN;
  return null;
}

/** Whether the programme is over: nothing more can happen to it. */
export function programmeIsFinished(status: ProgrammeStatus): boolean {
  return status === COMPLETED || status === CANCELLED;
}

import { DomainError, ErrorCode } from '../errors/domain-error.js';
import { PlatformRole, TenantRole } from '../identity/roles.js';
import {
  assertProgrammeTransition,
  ProgrammeAction,
  programmeActionsFor,
  programmeIsFinished,
  ProgrammeStatus,
  programmeWaitingOn,
  SYSTEM_ACTOR,
  transitionProgramme,
  type ProgrammeActor,
} from './programme-lifecycle.js';

function refusalOf(work: () => unknown): DomainError {
  try {
    work();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('Expected a DomainError to be thrown.');
}

const { REQUESTED, PROPOSED, ACCEPTED, ACTIVE, COMPLETED, CANCELLED } = ProgrammeStatus;
const { PROPOSE, REQUEST_CHANGES, ACCEPT, ACTIVATE, COMPLETE, CANCEL } = ProgrammeAction;
const ORG_ADMIN = TenantRole.ORG_ADMIN;
const PARTICIPANT = TenantRole.PARTICIPANT;
const PLATFORM_ADMIN = PlatformRole.PLATFORM_ADMIN;
const FACILITATOR = PlatformRole.FACILITATOR;
const ACTORS: ProgrammeActor[] = [ORG_ADMIN, PARTICIPANT, PLATFORM_ADMIN, FACILITATOR, SYSTEM_ACTOR];

/** Every legal move: [from, action, to, who may make it]. Everything else is refused. */
const LEGAL: [ProgrammeStatus, ProgrammeAction, ProgrammeStatus, ProgrammeActor[]][] = [
  [REQUESTED, PROPOSE, PROPOSED, [PLATFORM_ADMIN]],
  [PROPOSED, PROPOSE, PROPOSED, [PLATFORM_ADMIN]],
  [PROPOSED, REQUEST_CHANGES, REQUESTED, [ORG_ADMIN]],
  [PROPOSED, ACCEPT, ACCEPTED, [ORG_ADMIN]],
  [ACCEPTED, ACTIVATE, ACTIVE, [SYSTEM_ACTOR, PLATFORM_ADMIN]],
  [ACTIVE, COMPLETE, COMPLETED, [SYSTEM_ACTOR, PLATFORM_ADMIN]],
  [REQUESTED, CANCEL, CANCELLED, [ORG_ADMIN, PLATFORM_ADMIN]],
  [PROPOSED, CANCEL, CANCELLED, [ORG_ADMIN, PLATFORM_ADMIN]],
  [ACCEPTED, CANCEL, CANCELLED, [ORG_ADMIN, PLATFORM_ADMIN]],
  [ACTIVE, CANCEL, CANCELLED, [ORG_ADMIN, PLATFORM_ADMIN]],
];

/** Who may ever do each action: anyone else is FORBIDDEN whatever the state. */
const MAY: Record<ProgrammeAction, ProgrammeActor[]> = {
  PROPOSE: [PLATFORM_ADMIN],
  REQUEST_CHANGES: [ORG_ADMIN],
  ACCEPT: [ORG_ADMIN],
  ACTIVATE: [SYSTEM_ACTOR, PLATFORM_ADMIN],
  COMPLETE: [SYSTEM_ACTOR, PLATFORM_ADMIN],
  CANCEL: [ORG_ADMIN, PLATFORM_ADMIN],
};

/** The CONFLICT message for every illegal move by someone who may make it in another state. */
const ILLEGAL: [ProgrammeStatus, ProgrammeAction, string][] = [
  [ACCEPTED, PROPOSE, 'This programme’s proposal has already been accepted. To change it now, reschedule its sessions or cancel it.'],
  [ACTIVE, PROPOSE, 'This programme is already running. To change it now, reschedule its sessions.'],
  [COMPLETED, PROPOSE, 'This programme has already finished.'],
  [CANCELLED, PROPOSE, 'This programme has been cancelled.'],
  [REQUESTED, REQUEST_CHANGES, 'There is no proposal for this programme yet: the provider is still preparing one.'],
  [ACCEPTED, REQUEST_CHANGES, 'This programme’s proposal has already been accepted.'],
  [ACTIVE, REQUEST_CHANGES, 'This programme is already running.'],
  [COMPLETED, REQUEST_CHANGES, 'This programme has already finished.'],
  [CANCELLED, REQUEST_CHANGES, 'This programme has been cancelled.'],
  [REQUESTED, ACCEPT, 'There is no proposal for this programme yet: the provider is still preparing one.'],
  [ACCEPTED, ACCEPT, 'This programme’s proposal has already been accepted.'],
  [ACTIVE, ACCEPT, 'This programme is already running.'],
  [COMPLETED, ACCEPT, 'This programme has already finished.'],
  [CANCELLED, ACCEPT, 'This programme has been cancelled.'],
  [REQUESTED, ACTIVATE, 'A programme can become active only once its proposal has been accepted.'],
  [PROPOSED, ACTIVATE, 'A programme can become active only once its proposal has been accepted.'],
  [ACTIVE, ACTIVATE, 'This programme is already running.'],
  [COMPLETED, ACTIVATE, 'This programme has already finished.'],
  [CANCELLED, ACTIVATE, 'This programme has been cancelled.'],
  [REQUESTED, COMPLETE, 'A programme can be completed only once it has been running.'],
  [PROPOSED, COMPLETE, 'A programme can be completed only once it has been running.'],
  [ACCEPTED, COMPLETE, 'A programme can be completed only once it has been running.'],
  [COMPLETED, COMPLETE, 'This programme has already finished.'],
  [CANCELLED, COMPLETE, 'This programme has been cancelled.'],
  [COMPLETED, CANCEL, 'This programme has already finished.'],
  [CANCELLED, CANCEL, 'This programme has been cancelled.'],
];

describe('transitionProgramme', () => {
  it.each(LEGAL.flatMap(([from, action, to, actors]) => actors.map((actor) => [from, action, actor, to] as const)))('%s → %s by %s gives %s', (from, action, actor, to) => {
    expect(transitionProgramme(from, action, actor)).toEqual({ ok: true, status: to });
  });

  it.each(ILLEGAL.flatMap(([from, action, message]) => MAY[action].map((actor) => [from, action, actor, message] as const)))(
    '%s → %s by %s is CONFLICT: %s',
    (from, action, actor, message) => {
      expect(transitionProgramme(from, action, actor)).toEqual({ ok: false, code: ErrorCode.CONFLICT, message });
    },
  );

  it.each(
    Object.values(ProgrammeAction).flatMap((action) =>
      ACTORS.filter((actor) => !MAY[action].includes(actor)).flatMap((actor) => Object.values(ProgrammeStatus).map((from) => [action, actor, from] as const)),
    ),
  )('%s by %s is FORBIDDEN (from %s)', (action, actor, from) => {
    const result = transitionProgramme(from, action, actor);
    expect(result).toMatchObject({ ok: false, code: ErrorCode.FORBIDDEN, message: expect.stringMatching(/^(Only|A programme) .+\.$/) });
  });

  it('covers every pair of state and action exactly once between the legal and illegal tables', () => {
    const pairs = [...LEGAL.map(([from, action]) => `${from} ${action}`), ...ILLEGAL.map(([from, action]) => `${from} ${action}`)];
    expect(new Set(pairs).size).toBe(pairs.length);
    expect(pairs).toHaveLength(Object.values(ProgrammeStatus).length * Object.values(ProgrammeAction).length);
  });

  it('names who may act in each FORBIDDEN message', () => {
    expect(transitionProgramme(REQUESTED, PROPOSE, ORG_ADMIN)).toMatchObject({ message: 'Only the provider’s platform admins can propose facilitators and a schedule.' });
    expect(transitionProgramme(PROPOSED, ACCEPT, PLATFORM_ADMIN)).toMatchObject({ message: 'Only the organisation’s admins can accept a proposal.' });
    expect(transitionProgramme(PROPOSED, REQUEST_CHANGES, FACILITATOR)).toMatchObject({ message: 'Only the organisation’s admins can ask for changes to a proposal.' });
    expect(transitionProgramme(ACTIVE, CANCEL, PARTICIPANT)).toMatchObject({
      message: 'Only the organisation’s admins or the provider’s platform admins can cancel a programme.',
    });
    expect(transitionProgramme(ACCEPTED, ACTIVATE, ORG_ADMIN)).toMatchObject({ message: expect.stringMatching(/when its first session begins/) });
    expect(transitionProgramme(ACTIVE, COMPLETE, ORG_ADMIN)).toMatchObject({ message: expect.stringMatching(/after its last session/) });
  });
});

describe('assertProgrammeTransition', () => {
  it('returns the next state', () => {
    expect(assertProgrammeTransition(PROPOSED, ACCEPT, ORG_ADMIN)).toBe(ACCEPTED);
  });

  it('throws CONFLICT for the wrong state and FORBIDDEN for the wrong person, with the message', () => {
    expect(refusalOf(() => assertProgrammeTransition(REQUESTED, ACCEPT, ORG_ADMIN))).toMatchObject({
      code: ErrorCode.CONFLICT,
      message: 'There is no proposal for this programme yet: the provider is still preparing one.',
    });
    expect(refusalOf(() => assertProgrammeTransition(PROPOSED, ACCEPT, PARTICIPANT))).toMatchObject({
      code: ErrorCode.FORBIDDEN,
      message: 'Only the organisation’s admins can accept a proposal.',
    });
  });
});

describe('programmeActionsFor', () => {
  it.each([
    [REQUESTED, ORG_ADMIN, [CANCEL]],
    [REQUESTED, PLATFORM_ADMIN, [PROPOSE, CANCEL]],
    [PROPOSED, ORG_ADMIN, [REQUEST_CHANGES, ACCEPT, CANCEL]],
    [PROPOSED, PLATFORM_ADMIN, [PROPOSE, CANCEL]],
    [ACCEPTED, PLATFORM_ADMIN, [ACTIVATE, CANCEL]],
    [ACCEPTED, SYSTEM_ACTOR, [ACTIVATE]],
    [ACTIVE, SYSTEM_ACTOR, [COMPLETE]],
    [ACTIVE, ORG_ADMIN, [CANCEL]],
    [ACTIVE, PARTICIPANT, []],
    [ACTIVE, FACILITATOR, []],
    [COMPLETED, PLATFORM_ADMIN, []],
    [CANCELLED, ORG_ADMIN, []],
  ] as const)('in %s, %s may %j', (status, actor, actions) => {
    expect(programmeActionsFor(status, actor)).toEqual(actions);
  });
});

describe('programmeWaitingOn and programmeIsFinished', () => {
  it.each([
    [REQUESTED, PLATFORM_ADMIN, false],
    [PROPOSED, ORG_ADMIN, false],
    [ACCEPTED, null, false],
    [ACTIVE, null, false],
    [COMPLETED, null, true],
    [CANCELLED, null, true],
  ] as const)('%s waits on %s; finished: %p', (status, waitingOn, finished) => {
    expect(programmeWaitingOn(status)).toBe(waitingOn);
    expect(programmeIsFinished(status)).toBe(finished);
  });
});

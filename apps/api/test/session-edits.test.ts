import { expectData, expectError, expectNoInternals, fieldProblem } from './support/expectations';
import { unique, type TenantFixture, type UserFixture } from './support/fixtures';
import { signedIn } from './support/programmes';
import { startTestApi, type TestApi } from './support/test-api';
import type { TestClient } from './support/test-client';

const SESSION_FIELDS = 'id sequence startsAt endsAt status statusReason version';
const RESCHEDULE = `mutation($input: RescheduleSessionInput!) { rescheduleSession(input: $input) { id version sessions { ${SESSION_FIELDS} } } }`;
const CANCEL = `mutation($input: CancelSessionInput!) { cancelSession(input: $input) { id sessions { ${SESSION_FIELDS} } } }`;
const SESSIONS = `query($id: ID!) { programme(id: $id) { id sessions { ${SESSION_FIELDS} } } }`;

interface SessionView {
  id: string;
  sequence: number;
  startsAt: string;
  endsAt: string;
  status: string;
  statusReason: string | null;
  version: number;
}

let api: TestApi;
let tenant: TenantFixture;
let otherTenant: TenantFixture;
let platformClient: TestClient;
let orgAdminClient: TestClient;
let participantClient: TestClient;
let facilitator: UserFixture;
let facilitatorClient: TestClient;

beforeAll(async () => {
  api = await startTestApi();
  tenant = await api.fixtures.tenant({ name: `Riverside Trust ${unique()}` });
  otherTenant = await api.fixtures.tenant({ name: `Hidden Trust ${unique()}` });
  platformClient = await signedIn(api, await api.fixtures.platformAdmin());
  orgAdminClient = await signedIn(api, await api.fixtures.orgAdmin(tenant.id));
  participantClient = await signedIn(api, await api.fixtures.participant(tenant.id));
  facilitator = await api.fixtures.facilitator();
  facilitatorClient = await signedIn(api, facilitator);
});

afterAll(async () => {
  await api?.close();
});

const DAY_MS = 24 * 60 * 60 * 1000;

/** The first Tuesday of the series in `year`: four weeks before the last Sunday of March, when London's clocks go forward. */
function firstTuesdayOf(year: number): number {
  const march31 = Date.UTC(year, 2, 31);
  return march31 - new Date(march31).getUTCDay() * DAY_MS - 26 * DAY_MS;
}

/**
 * The series' first Tuesday, in the first spring whose series is still a fortnight or more away:
 * only sessions still to come can be moved, so a fixed year would fail once its March had begun.
 */
const THIS_YEAR = new Date().getUTCFullYear();
const FIRST_TUESDAY = firstTuesdayOf(THIS_YEAR) > Date.now() + 14 * DAY_MS ? firstTuesdayOf(THIS_YEAR) : firstTuesdayOf(THIS_YEAR + 1);

/** `days` after the first Tuesday at `time` London time, as the API takes it (YYYY-MM-DDTHH:MM). */
const local = (days: number, time: string) => `${new Date(FIRST_TUESDAY + days * DAY_MS).toISOString().slice(0, 10)}T${time}`;

/** The instant of `local(days, time)`: London is on GMT until the clocks go forward 26 days in, then on BST. */
const instant = (days: number, time: string) => {
  const [hours, minutes] = time.split(':').map(Number) as [number, number];
  return new Date(FIRST_TUESDAY + days * DAY_MS + ((days > 26 ? hours - 1 : hours) * 60 + minutes) * 60_000).toISOString();
};

/**
 * An accepted programme in `tenantId` led by `lead`, with the six weekly sessions the worker
 * would have written: Tuesdays at 10:00 London time, the last two after the clocks go forward.
 */
async function acceptedSeries(tenantId: string, given?: UserFixture, title = `Series ${unique()}`) {
  // A facilitator of its own unless given: series at the same times with one lead would clash.
  const lead = given ?? (await api.fixtures.facilitator());
  const team = await api.fixtures.team(tenantId, `Team ${unique()}`);
  const programme = await api.fixtures.programme(tenantId, team.id, { title });
  await api.fixtures.asTenant(tenantId, `UPDATE programme SET status = 'ACCEPTED', sessions_expanded_at = now() WHERE id = $1`, [programme.id]);
  await api.fixtures.programmeFacilitator(tenantId, programme.id, lead.id);
  const starts = [0, 7, 14, 21, 28, 35].map((days) => instant(days, '10:00'));
  const sessions = [];
  for (const [index, startsAt] of starts.entries()) sessions.push(await api.fixtures.groupSession(tenantId, programme.id, index + 1, new Date(startsAt)));
  return { programme, sessions, lead };
}

const sessionsOf = async (programmeId: string) =>
  expectData(await platformClient.gql<{ programme: { sessions: SessionView[] } }>(SESSIONS, { id: programmeId })).programme.sessions;
const stored = (tenantId: string, programmeId: string) =>
  api.fixtures.asTenant<{ sequence: number; starts_at: Date; status: string; version: number; calendar_sequence: number }>(
    tenantId,
    'SELECT sequence, starts_at, status, version, calendar_sequence FROM group_session WHERE programme_id = $1 ORDER BY sequence',
    [programmeId],
  );
const reminders = (tenantId: string, sessionId: string) =>
  api.fixtures.asTenant<{ offset_minutes: number; due_at: Date }>(tenantId, 'SELECT offset_minutes, due_at FROM session_reminder WHERE session_id = $1 ORDER BY offset_minutes', [
    sessionId,
  ]);
const auditActions = async (programmeId: string) =>
  (await api.owner.query<{ action: string; detail: Record<string, unknown> }>(`SELECT action, detail FROM audit_event WHERE target_id = $1 ORDER BY id`, [programmeId])).rows;

describe('moving sessions', () => {
  it('this session only: it moves, keeps its length, raises its version and calendar sequence, and its reminders follow', async () => {
    const { programme, sessions } = await acceptedSeries(tenant.id);
    const before = await stored(tenant.id, programme.id);
    const third = sessions[2]!;
    const moved = expectData(
      await platformClient.gql<{ rescheduleSession: { sessions: SessionView[] } }>(RESCHEDULE, {
        input: { programmeId: programme.id, sessionId: third.id, version: 1, scope: 'THIS', newStartLocal: local(15, '14:00'), reason: 'Room double-booked' },
      }),
    ).rescheduleSession.sessions;
    expect(moved.find((session) => session.id === third.id)).toMatchObject({
      startsAt: instant(15, '14:00'),
      endsAt: instant(15, '15:30'),
      version: 2,
      statusReason: 'Room double-booked',
    });
    const after = await stored(tenant.id, programme.id);
    // Nothing else in the series moved, and nothing was duplicated.
    expect(after.filter((row) => row.sequence !== 3)).toEqual(before.filter((row) => row.sequence !== 3));
    expect(after).toHaveLength(6);
    expect(after[2]?.calendar_sequence).toBe(1);
    expect((await reminders(tenant.id, third.id)).map((reminder) => reminder.due_at.toISOString())).toEqual([instant(15, '13:00'), instant(14, '14:00')]);
    expect((await auditActions(programme.id)).map((row) => [row.action, row.detail.scope, row.detail.reason])).toEqual([['SESSION_RESCHEDULED', 'THIS', 'Room double-booked']]);
  });

  it('this and following: later sessions keep their local time across the clocks going forward, earlier ones stay', async () => {
    const { programme, sessions } = await acceptedSeries(tenant.id);
    const moved = expectData(
      await platformClient.gql<{ rescheduleSession: { sessions: SessionView[] } }>(RESCHEDULE, {
        input: { programmeId: programme.id, sessionId: sessions[2]!.id, version: 1, scope: 'FOLLOWING', newStartLocal: local(14, '11:00'), reason: 'Later start suits the team' },
      }),
    ).rescheduleSession.sessions;
    expect(moved.map((session) => session.startsAt)).toEqual([
      instant(0, '10:00'),
      instant(7, '10:00'),
      instant(14, '11:00'),
      instant(21, '11:00'),
      // 11:00 BST after the clocks go forward: 10:00 UTC.
      instant(28, '11:00'),
      instant(35, '11:00'),
    ]);
    expect(moved.map((session) => session.version)).toEqual([1, 1, 2, 2, 2, 2]);
  });

  it('an edit made against an older version is CONFLICT and changes nothing', async () => {
    const { programme, sessions } = await acceptedSeries(tenant.id);
    const input = { programmeId: programme.id, sessionId: sessions[1]!.id, version: 1, scope: 'THIS', newStartLocal: local(8, '10:00'), reason: 'Moved' };
    expectData(await platformClient.gql(RESCHEDULE, { input }));
    const before = await stored(tenant.id, programme.id);
    expectError(
      await platformClient.gql(RESCHEDULE, { input: { ...input, newStartLocal: local(9, '10:00') } }),
      'CONFLICT',
      'Someone else changed this session since you opened it. Look at it again and make your change once more.',
    );
    expect(await stored(tenant.id, programme.id)).toEqual(before);
  });

  it.each([
    ['a start that is not a date and time', { newStartLocal: 'next week' }, 'newStartLocal'],
    ['no reason', { reason: '  ' }, 'reason'],
    ['a time in the past', { newStartLocal: '2020-01-07T10:00' }, 'newStartLocal'],
  ])('refuses %s as BAD_USER_INPUT, writing nothing', async (_case, override, field) => {
    const { programme, sessions } = await acceptedSeries(tenant.id);
    const before = await stored(tenant.id, programme.id);
    const result = await platformClient.gql(RESCHEDULE, {
      input: { programmeId: programme.id, sessionId: sessions[3]!.id, version: 1, scope: 'THIS', newStartLocal: local(22, '10:00'), reason: 'Moved', ...override },
    });
    fieldProblem(expectError(result, 'BAD_USER_INPUT'), field);
    expectNoInternals(result.body);
    expect(await stored(tenant.id, programme.id)).toEqual(before);
  });

  it('a clash with the facilitator’s session elsewhere is CONFLICT naming no other organisation, unless overridden with a reason, which is audited', async () => {
    const { programme, sessions, lead } = await acceptedSeries(tenant.id);
    const hiddenTitle = `Confidential series ${unique()}`;
    const elsewhere = await api.fixtures.programme(otherTenant.id, (await api.fixtures.team(otherTenant.id, `Team ${unique()}`)).id, { title: hiddenTitle });
    await api.fixtures.programmeFacilitator(otherTenant.id, elsewhere.id, lead.id);
    await api.fixtures.groupSession(otherTenant.id, elsewhere.id, 1, new Date(instant(23, '14:00')));

    const input = { programmeId: programme.id, sessionId: sessions[3]!.id, version: 1, scope: 'THIS', newStartLocal: local(23, '14:30'), reason: 'Team away day' };
    const refused = await platformClient.gql(RESCHEDULE, { input });
    const error = expectError(refused, 'CONFLICT');
    expect(error.extensions?.conflicts).toEqual([
      expect.objectContaining({ sequence: 4, facilitatorId: lead.id, kind: 'DOUBLE_BOOKING', clash: expect.objectContaining({ tenantName: null, programmeTitle: null }) }),
    ]);
    expect(refused.body).not.toContain(otherTenant.name);
    expect(refused.body).not.toContain(hiddenTitle);
    expect((await stored(tenant.id, programme.id))[3]?.version).toBe(1);

    expectData(await platformClient.gql(RESCHEDULE, { input: { ...input, overrideReason: 'The facilitator will swap the other session' } }));
    const audit = await auditActions(programme.id);
    expect(audit.map((row) => row.action)).toEqual(['SESSION_RESCHEDULED', 'SESSION_CONFLICTS_OVERRIDDEN']);
    expect(audit[1]?.detail).toMatchObject({
      reason: 'The facilitator will swap the other session',
      conflicts: [expect.objectContaining({ kind: 'DOUBLE_BOOKING', sequence: 4 })],
    });
    expect(JSON.stringify(audit)).not.toContain(hiddenTitle);
  });

  it('refuses to make two sessions of the group overlap', async () => {
    const { programme, sessions } = await acceptedSeries(tenant.id);
    expectError(
      await platformClient.gql(RESCHEDULE, {
        input: { programmeId: programme.id, sessionId: sessions[2]!.id, version: 1, scope: 'THIS', newStartLocal: local(21, '10:30'), reason: 'Moved' },
      }),
      'CONFLICT',
      'That would make two sessions of this group overlap. Choose another time.',
    );
  });
});

describe('cancelling sessions', () => {
  it('this and following: those sessions are cancelled with the reason, earlier ones stay, and their reminders are dropped', async () => {
    const { programme, sessions } = await acceptedSeries(tenant.id);
    expect(await reminders(tenant.id, sessions[4]!.id)).toHaveLength(2);
    const after = expectData(
      await platformClient.gql<{ cancelSession: { sessions: SessionView[] } }>(CANCEL, {
        input: { programmeId: programme.id, sessionId: sessions[2]!.id, version: 1, scope: 'FOLLOWING', reason: 'The team is being restructured' },
      }),
    ).cancelSession.sessions;
    expect(after.map((session) => session.status)).toEqual(['SCHEDULED', 'SCHEDULED', 'CANCELLED', 'CANCELLED', 'CANCELLED', 'CANCELLED']);
    expect(after[4]?.statusReason).toBe('The team is being restructured');
    expect(await reminders(tenant.id, sessions[4]!.id)).toEqual([]);
    expect(await reminders(tenant.id, sessions[1]!.id)).toHaveLength(2);
    expect((await stored(tenant.id, programme.id)).map((row) => row.calendar_sequence)).toEqual([0, 0, 1, 1, 1, 1]);
    // A cancelled session cannot then be moved.
    expectError(
      await platformClient.gql(RESCHEDULE, {
        input: { programmeId: programme.id, sessionId: sessions[3]!.id, version: 2, scope: 'THIS', newStartLocal: local(22, '10:00'), reason: 'Back on' },
      }),
      'CONFLICT',
      'That session has been cancelled, so it cannot be changed.',
    );
  });
});

describe('who may change sessions', () => {
  it.each([
    ['an org admin of the organisation', () => orgAdminClient],
    ['a participant', () => participantClient],
    ['the facilitator', () => facilitatorClient],
  ])('%s may not move or cancel them', async (_who, client) => {
    const { programme, sessions } = await acceptedSeries(tenant.id, facilitator);
    const before = await stored(tenant.id, programme.id);
    const edit = { programmeId: programme.id, sessionId: sessions[3]!.id, version: 1, scope: 'THIS', reason: 'Moved' };
    expectError(await client().gql(RESCHEDULE, { input: { ...edit, newStartLocal: local(22, '10:00') } }), 'FORBIDDEN');
    expectError(await client().gql(CANCEL, { input: edit }), 'FORBIDDEN');
    expect(await stored(tenant.id, programme.id)).toEqual(before);
  });

  it('a session named under another organisation’s programme is NOT_FOUND, like an unknown one', async () => {
    const mine = await acceptedSeries(tenant.id);
    const theirs = await acceptedSeries(otherTenant.id, await api.fixtures.facilitator());
    const before = await stored(otherTenant.id, theirs.programme.id);
    for (const sessionId of [theirs.sessions[3]!.id, '7c1bd7a4-0f7e-4a53-9d5e-1d5a0b4f7a10']) {
      expectError(
        await platformClient.gql(RESCHEDULE, {
          input: { programmeId: mine.programme.id, sessionId, version: 1, scope: 'THIS', newStartLocal: local(22, '10:00'), reason: 'Moved' },
        }),
        'NOT_FOUND',
      );
    }
    expect(await stored(otherTenant.id, theirs.programme.id)).toEqual(before);
  });

  it('an enrolled participant sees the sessions, and nobody’s name with them', async () => {
    const participant = await api.fixtures.participant(tenant.id);
    const { programme } = await acceptedSeries(tenant.id);
    await api.fixtures.enrolment(tenant.id, programme.id, participant.id);
    const client = await signedIn(api, participant);
    const result = await client.gql<{ programme: { sessions: SessionView[] } }>(SESSIONS, { id: programme.id });
    expect(expectData(result).programme.sessions).toHaveLength(6);
    expect(result.body).not.toContain(participant.displayName);
    expect(await sessionsOf(programme.id)).toHaveLength(6);
  });
});

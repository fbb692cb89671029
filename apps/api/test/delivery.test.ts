import { createLogger } from '@lena/logging';
import { captureLogs, type CapturedLogs } from '@lena/logging/testing';
import { Client } from 'pg';
import { expectData, expectError, fieldProblem } from './support/expectations';
import { unique, type ProgrammeFixture, type TeamFixture, type TenantFixture, type UserFixture } from './support/fixtures';
import { signedIn } from './support/programmes';
import { startTestApi, type TestApi } from './support/test-api';
import type { TestClient } from './support/test-client';

const DELIVERY_FIELDS = `sessionId tenantId programmeId serviceType status deliveredAt reopenUntil availableActions
  runSheet { key title } register { userId displayName status markedAt }
  notes { kind version caseSummaries strategies themes themeLine actionItems { id text sharedWithGroup } }
  themeOptions { key label }`;
const SESSION_DELIVERY = `query($id: ID!) { sessionDelivery(sessionId: $id) { ${DELIVERY_FIELDS} } }`;
const MARK = `mutation($input: MarkAttendanceInput!) { markAttendance(input: $input) { userId status markedAt } }`;
const CHECK = `query($input: SessionNotesInput!) { checkSessionNotes(input: $input) { field kind match start end message } }`;
const SAVE = `mutation($input: SaveSessionNotesInput!) { saveSessionNotes(input: $input) {
  saved warnings { field kind match } notes { version caseSummaries strategies themes themeLine actionItems { id text sharedWithGroup } } } }`;
const SHARE = `mutation($input: ShareActionItemInput!) { shareActionItem(input: $input) { id sharedWithGroup } }`;
const COMPLETE = `mutation($id: ID!) { completeSession(input: { sessionId: $id }) { ${DELIVERY_FIELDS} } }`;
const REOPEN = `mutation($id: ID!) { reopenSession(input: { sessionId: $id }) { ${DELIVERY_FIELDS} } }`;

interface Delivery {
  sessionId: string;
  serviceType: string;
  status: string;
  deliveredAt: string | null;
  reopenUntil: string | null;
  availableActions: string[];
  runSheet: { key: string; title: string }[];
  register: { userId: string; displayName: string; status: string | null; markedAt: string | null }[];
  notes: Notes | null;
  themeOptions: { key: string; label: string }[];
}
interface Notes {
  version: number;
  caseSummaries: string | null;
  strategies: string | null;
  themes: string[];
  themeLine: string | null;
  actionItems: { id: string; text: string; sharedWithGroup: boolean }[];
}
interface SaveResult {
  saved: boolean;
  warnings: { field: string; kind: string; match: string }[];
  notes: Notes | null;
}

/**
 * A line no test data contains by accident: if it shows up in a log or the audit log, a note leaked.
 * Its reference is letters only: a hex one such as 0944585808 reads as a phone number (about one
 * run in a thousand), and the save would then wait for that warning to be acknowledged.
 */
const SECRET_CASE = `A worker described a service user in their thirties (case ${unique().replace(/\d/g, (digit) => String.fromCharCode(103 + Number(digit)))}).`;

let api: TestApi;
let logs: CapturedLogs;
let tenant: TenantFixture;
let otherTenant: TenantFixture;
let team: TeamFixture;
let gts: ProgrammeFixture;
let grp: ProgrammeFixture;
let lead: UserFixture;
let leadClient: TestClient;
let otherFacilitatorClient: TestClient;
let orgAdminClient: TestClient;
let platformAdmin: UserFixture;
let platformAdminClient: TestClient;
let participants: UserFixture[];
let participantClient: TestClient;

/** A session of the programme that began `minutesAgo` minutes ago and lasts 90 minutes. */
async function sessionStarted(programme: ProgrammeFixture, minutesAgo: number): Promise<string> {
  const sequence = Math.floor(Math.random() * 1_000_000) + 10;
  return (await api.fixtures.groupSession(programme.tenantId, programme.id, sequence, new Date(Date.now() - minutesAgo * 60_000))).id;
}

async function read(client: TestClient, sessionId: string): Promise<Delivery> {
  return expectData(await client.gql<{ sessionDelivery: Delivery }>(SESSION_DELIVERY, { id: sessionId })).sessionDelivery;
}

beforeAll(async () => {
  logs = captureLogs();
  api = await startTestApi({ logger: createLogger({ service: 'api', level: 'debug', destination: logs.stream }) });
  const { fixtures } = api;
  tenant = await fixtures.tenant();
  otherTenant = await fixtures.tenant();
  team = await fixtures.team(tenant.id);
  gts = await fixtures.programme(tenant.id, team.id, { serviceType: 'GTS', title: `Supervision ${unique()}` });
  grp = await fixtures.programme(tenant.id, team.id, { serviceType: 'GRP', title: `Reflective practice ${unique()}` });
  lead = await fixtures.facilitator();
  await fixtures.programmeFacilitator(tenant.id, gts.id, lead.id, 'LEAD');
  await fixtures.programmeFacilitator(tenant.id, grp.id, lead.id, 'LEAD');
  participants = [await fixtures.participant(tenant.id), await fixtures.participant(tenant.id), await fixtures.participant(tenant.id)];
  for (const person of participants) {
    await fixtures.enrolment(tenant.id, gts.id, person.id);
    await fixtures.enrolment(tenant.id, grp.id, person.id);
  }
  // Enrolled well before the sessions below (a later joiner is on later sessions' registers only).
  await fixtures.asTenant(tenant.id, `UPDATE enrolment SET enrolled_at = now() - interval '30 days' WHERE tenant_id = $1`, [tenant.id]);
  const orgAdmin = await fixtures.orgAdmin(tenant.id);
  // Another programme of the same organisation, with a facilitator of its own.
  const otherProgramme = await fixtures.programme(tenant.id, team.id, { serviceType: 'GTS' });
  const otherFacilitator = await fixtures.facilitator();
  await fixtures.programmeFacilitator(tenant.id, otherProgramme.id, otherFacilitator.id, 'LEAD');
  platformAdmin = await fixtures.platformAdmin();

  leadClient = await signedIn(api, lead);
  otherFacilitatorClient = await signedIn(api, otherFacilitator);
  orgAdminClient = await signedIn(api, orgAdmin);
  platformAdminClient = await signedIn(api, platformAdmin);
  participantClient = await signedIn(api, participants[0]!);
});

afterAll(async () => {
  await api?.close();
});

describe('the delivery page', () => {
  it('gives the assigned facilitator the run sheet of the service, the register of the people enrolled, and no notes yet', async () => {
    const gtsSession = await read(leadClient, await sessionStarted(gts, 10));
    expect(gtsSession.runSheet.map((step) => step.key)).toEqual(['agenda', 'discussion', 'strategies', 'action-items']);
    expect(gtsSession.register.map((entry) => entry.userId).sort()).toEqual(participants.map((person) => person.id).sort());
    expect(gtsSession.register.every((entry) => entry.status === null)).toBe(true);
    expect(gtsSession.availableActions).toEqual(['MARK_ATTENDANCE', 'WRITE_NOTES', 'COMPLETE']);
    expect(gtsSession.notes).toBeNull();
    expect(gtsSession.themeOptions).toEqual([]);

    const grpSession = await read(leadClient, await sessionStarted(grp, 10));
    expect(grpSession.runSheet.map((step) => step.title)).toEqual(['Arrival and check-in', 'Open reflective space', 'Closing round']);
    expect(grpSession.themeOptions).toContainEqual({ key: 'WORKLOAD', label: 'Workload and pressure' });
  });
});

describe('attendance', () => {
  it('a double tap (two identical marks at once) makes one row, and marking the same again changes nothing', async () => {
    const sessionId = await sessionStarted(gts, 5);
    const input = { sessionId, userId: participants[0]!.id, status: 'PRESENT' };
    const [first, second] = await Promise.all([leadClient.gql(MARK, { input }), leadClient.gql(MARK, { input })]);
    expectData(first);
    expectData(second);
    expect(await api.fixtures.count('attendance', 'session_id = $1', [sessionId])).toBe(1);
    const { rows: before } = await api.owner.query<{ marked_at: Date }>('SELECT marked_at FROM attendance WHERE session_id = $1', [sessionId]);

    // A retry after a lost response: the same answer, nothing changed.
    const retried = expectData(await leadClient.gql<{ markAttendance: { status: string; markedAt: string } }>(MARK, { input })).markAttendance;
    expect(retried.status).toBe('PRESENT');
    const { rows: after } = await api.owner.query<{ marked_at: Date }>('SELECT marked_at FROM attendance WHERE session_id = $1', [sessionId]);
    expect(after).toEqual(before);

    const late = expectData(await leadClient.gql<{ markAttendance: { status: string } }>(MARK, { input: { ...input, status: 'LATE' } })).markAttendance;
    expect(late.status).toBe('LATE');
    expect(await api.fixtures.count('attendance', 'session_id = $1', [sessionId])).toBe(1);
    const register = (await read(leadClient, sessionId)).register;
    expect(register.find((entry) => entry.userId === participants[0]!.id)?.status).toBe('LATE');
  });

  it('audits each change of someone’s status once (who marked, which session, from and to), never a double tap or a retry', async () => {
    const sessionId = await sessionStarted(gts, 5);
    const person = participants[1]!.id;
    const events = async () =>
      (
        await api.owner.query<{ actor_user_id: string; tenant_id: string; target_type: string; target_id: string; detail: Record<string, unknown> }>(
          `SELECT actor_user_id, tenant_id, target_type, target_id, detail FROM audit_event WHERE action = 'ATTENDANCE_MARKED' AND target_id = $1 ORDER BY occurred_at, id`,
          [sessionId],
        )
      ).rows;
    const input = { sessionId, userId: person, status: 'PRESENT' };
    // A double submit: two identical marks at once, then a retry.
    const [first, second] = await Promise.all([leadClient.gql(MARK, { input }), leadClient.gql(MARK, { input })]);
    expectData(first);
    expectData(second);
    expectData(await leadClient.gql(MARK, { input }));
    expect(await events()).toEqual([
      {
        actor_user_id: lead.id,
        tenant_id: gts.tenantId,
        target_type: 'group_session',
        target_id: sessionId,
        detail: { programmeId: gts.id, personId: person, from: null, to: 'PRESENT' },
      },
    ]);

    // A correction is one more event, from the old status to the new, however often it is sent.
    await Promise.all([leadClient.gql(MARK, { input: { ...input, status: 'LATE' } }), leadClient.gql(MARK, { input: { ...input, status: 'LATE' } })]);
    expect((await events()).map((event) => [event.detail.from, event.detail.to])).toEqual([
      [null, 'PRESENT'],
      ['PRESENT', 'LATE'],
    ]);
    // Two different marks racing: each recorded change starts from the status the other left.
    await Promise.all([leadClient.gql(MARK, { input: { ...input, status: 'ABSENT' } }), leadClient.gql(MARK, { input: { ...input, status: 'APOLOGIES' } })]);
    // (Their times are each transaction's start, so the chain, not the times, says which came first.)
    const changes = (await events()).slice(2).map((event) => [event.detail.from, event.detail.to]);
    expect(changes).toHaveLength(2);
    const firstChange = changes.find(([from]) => from === 'LATE')!;
    const secondChange = changes.find((change) => change !== firstChange)!;
    expect(secondChange[0]).toBe(firstChange[1]);
    expect([firstChange[1], secondChange[1]].sort()).toEqual(['ABSENT', 'APOLOGIES']);
  });

  it('refuses someone not on the register (another organisation’s person) as NOT_FOUND, a register not yet open and a bad value', async () => {
    const sessionId = await sessionStarted(gts, 5);
    const stranger = await api.fixtures.participant(otherTenant.id);
    expectError(await leadClient.gql(MARK, { input: { sessionId, userId: stranger.id, status: 'PRESENT' } }), 'NOT_FOUND', 'That person was not found.');
    const tomorrow = (await api.fixtures.groupSession(gts.tenantId, gts.id, 900_000 + Math.floor(Math.random() * 1000), new Date(Date.now() + 86_400_000))).id;
    expectError(await leadClient.gql(MARK, { input: { sessionId: tomorrow, userId: participants[0]!.id, status: 'PRESENT' } }), 'CONFLICT', /register opens 30 minutes/);
    fieldProblem(expectError(await leadClient.gql(MARK, { input: { sessionId, userId: 'not-an-id', status: 'PRESENT' } }), 'BAD_USER_INPUT'), 'userId');
    expect(await api.fixtures.count('attendance', 'session_id = ANY($1)', [[sessionId, tomorrow]])).toBe(0);
  });
});

describe('notes', () => {
  it('shows the personal-data warnings before saving, saves nothing until they are acknowledged, then saves', async () => {
    const sessionId = await sessionStarted(gts, 20);
    const notes = { sessionId, caseSummaries: 'The worker discussed Mrs Patel and her son.', strategies: 'Call 07700 900123 first.', actionItems: [] };

    const warnings = expectData(await leadClient.gql<{ checkSessionNotes: { field: string; kind: string; match: string }[] }>(CHECK, { input: notes })).checkSessionNotes;
    expect(warnings.map(({ field, kind, match }) => ({ field, kind, match }))).toEqual([
      { field: 'caseSummaries', kind: 'NAME', match: 'Mrs Patel' },
      { field: 'strategies', kind: 'PHONE', match: '07700 900123' },
    ]);

    const held = expectData(await leadClient.gql<{ saveSessionNotes: SaveResult }>(SAVE, { input: { ...notes, version: 0 } })).saveSessionNotes;
    expect(held).toEqual({ saved: false, warnings: expect.arrayContaining([expect.objectContaining({ kind: 'NAME' })]), notes: null });
    expect(await api.fixtures.count('session_note', 'session_id = $1', [sessionId])).toBe(0);

    const saved = expectData(await leadClient.gql<{ saveSessionNotes: SaveResult }>(SAVE, { input: { ...notes, version: 0, acknowledgeWarnings: true } })).saveSessionNotes;
    expect(saved.saved).toBe(true);
    expect(saved.notes).toMatchObject({ version: 1, caseSummaries: notes.caseSummaries, strategies: notes.strategies });
  });

  it('refuses a save made on a stale version with CONFLICT, and keeps the newer text', async () => {
    const sessionId = await sessionStarted(gts, 20);
    const first = expectData(
      await leadClient.gql<{ saveSessionNotes: SaveResult }>(SAVE, { input: { sessionId, version: 0, caseSummaries: 'First draft.', strategies: '', actionItems: [] } }),
    ).saveSessionNotes;
    expect(first.notes?.version).toBe(1);
    // Two tabs open at version 1: the first saves, the second is refused.
    expectData(await leadClient.gql(SAVE, { input: { sessionId, version: 1, caseSummaries: 'Second tab.', strategies: '', actionItems: [] } }));
    const stale = await leadClient.gql(SAVE, { input: { sessionId, version: 1, caseSummaries: 'First tab, late.', strategies: '', actionItems: [] } });
    expectError(stale, 'CONFLICT', /Someone else saved these notes/);
    // A second "first" save (two facilitators starting at once) is refused the same way.
    expectError(await leadClient.gql(SAVE, { input: { sessionId, version: 0, caseSummaries: 'Also first.', strategies: '', actionItems: [] } }), 'CONFLICT');
    expect((await read(leadClient, sessionId)).notes).toMatchObject({ version: 2, caseSummaries: 'Second tab.' });
  });

  it('takes GRP notes as themes from the vocabulary and one line, and refuses case text with field errors', async () => {
    const sessionId = await sessionStarted(grp, 20);
    const refused = expectError(
      await leadClient.gql(SAVE, { input: { sessionId, version: 0, caseSummaries: 'A case', themes: ['WORKLOAD', 'NOT_A_THEME'], themeLine: 'x'.repeat(141) } }),
      'BAD_USER_INPUT',
    );
    fieldProblem(refused, 'caseSummaries');
    const themesOnly = expectError(
      await leadClient.gql(SAVE, { input: { sessionId, version: 0, themes: ['WORKLOAD', 'NOT_A_THEME'], themeLine: 'x'.repeat(141) } }),
      'BAD_USER_INPUT',
    );
    fieldProblem(themesOnly, 'themes.1');
    fieldProblem(themesOnly, 'themeLine');
    const saved = expectData(
      await leadClient.gql<{ saveSessionNotes: SaveResult }>(SAVE, {
        input: { sessionId, version: 0, themes: ['WORKLOAD', 'ISOLATION'], themeLine: 'Night shifts weigh on people.' },
      }),
    ).saveSessionNotes;
    expect(saved.notes).toMatchObject({ themes: ['WORKLOAD', 'ISOLATION'], themeLine: 'Night shifts weigh on people.', caseSummaries: null });
  });

  it('keeps action items with their ids across saves, shares one with the group, and audits counts, never text', async () => {
    const sessionId = await sessionStarted(gts, 20);
    const input = { sessionId, caseSummaries: SECRET_CASE, strategies: 'Agreed to slow down.', actionItems: [{ text: 'Review the plan' }, { text: 'Bring a case next time' }] };
    const saved = expectData(await leadClient.gql<{ saveSessionNotes: SaveResult }>(SAVE, { input: { ...input, version: 0 } })).saveSessionNotes;
    const [review, bring] = saved.notes!.actionItems;
    const shared = expectData(
      await leadClient.gql<{ shareActionItem: { id: string; sharedWithGroup: boolean } }>(SHARE, { input: { sessionId, actionItemId: bring!.id, shared: true } }),
    );
    expect(shared.shareActionItem).toEqual({ id: bring!.id, sharedWithGroup: true });

    // Saving again with the ids keeps the items (and the sharing); an id of nothing here is refused.
    const again = expectData(
      await leadClient.gql<{ saveSessionNotes: SaveResult }>(SAVE, {
        input: { ...input, version: 1, actionItems: [{ id: bring!.id, text: 'Bring a case next time', sharedWithGroup: true }] },
      }),
    ).saveSessionNotes;
    expect(again.notes?.actionItems).toEqual([{ id: bring!.id, text: 'Bring a case next time', sharedWithGroup: true }]);
    const foreign = expectError(await leadClient.gql(SAVE, { input: { ...input, version: 2, actionItems: [{ id: review!.id, text: 'Sneaked back' }] } }), 'BAD_USER_INPUT');
    fieldProblem(foreign, 'actionItems.0.id');

    const { rows } = await api.owner.query<{ action: string; detail: unknown }>(`SELECT action, detail FROM audit_event WHERE target_id = $1 ORDER BY occurred_at, id`, [
      sessionId,
    ]);
    expect(rows.map((row) => row.action)).toEqual(['SESSION_NOTES_SAVED', 'ACTION_ITEM_SHARING_CHANGED', 'SESSION_NOTES_SAVED']);
    expect(JSON.stringify(rows)).not.toContain('service user');
    expect(JSON.stringify(rows)).not.toContain('Bring a case');
    // Nor in any log line the API wrote.
    expect(JSON.stringify(logs.lines())).not.toContain(SECRET_CASE);
  });
});

describe('who reads notes', () => {
  let sessionId: string;

  beforeAll(async () => {
    sessionId = await sessionStarted(gts, 30);
    await api.fixtures.sessionNote(tenant.id, sessionId, { kind: 'GTS', caseSummaries: SECRET_CASE, actionItems: [{ text: 'Shared item', sharedWithGroup: true }] });
  });

  it('the API: another programme’s facilitator gets NOT_FOUND (as for a random id); an org admin, a platform admin and a participant are FORBIDDEN', async () => {
    const other = await otherFacilitatorClient.gql(SESSION_DELIVERY, { id: sessionId });
    const random = await otherFacilitatorClient.gql(SESSION_DELIVERY, { id: crypto.randomUUID() });
    expect(expectError(other, 'NOT_FOUND')).toEqual(expectError(random, 'NOT_FOUND'));
    for (const client of [orgAdminClient, platformAdminClient, participantClient]) {
      const result = await client.gql(SESSION_DELIVERY, { id: sessionId });
      expectError(result, 'FORBIDDEN');
      expect(result.body).not.toContain(SECRET_CASE);
    }
    expect(other.body).not.toContain(SECRET_CASE);
    // The assigned facilitator does read it (the refusals are not vacuous).
    expect((await read(leadClient, sessionId)).notes?.caseSummaries).toBe(SECRET_CASE);
  });

  it('PostgreSQL: the same people, as the application role with their settings, read no note', async () => {
    const { rows: others } = await api.owner.query<{ user_id: string }>('SELECT user_id FROM programme_facilitator WHERE tenant_id = $1 AND user_id <> $2', [tenant.id, lead.id]);
    const orgAdmins = await api.owner.query<{ user_id: string }>(`SELECT user_id FROM tenant_membership WHERE tenant_id = $1 AND role = 'ORG_ADMIN'`, [tenant.id]);
    const settings: [string, string | null, string][] = [
      ['another programme’s facilitator', null, others[0]!.user_id],
      ['an org admin', tenant.id, orgAdmins.rows[0]!.user_id],
      ['a platform admin', null, platformAdmin.id],
      ['a platform admin acting in the organisation', tenant.id, platformAdmin.id],
      ['a participant', tenant.id, participants[0]!.id],
    ];
    for (const [who, tenantId, userId] of settings) {
      const client = new Client({ connectionString: api.database.appUrl });
      await client.connect();
      try {
        await client.query('BEGIN');
        await client.query(`SELECT set_config('app.tenant_id', $1, true), set_config('app.user_id', $2, true)`, [tenantId ?? '', userId]);
        const { rows } = await client.query<{ case_summaries: string }>('SELECT case_summaries FROM session_note WHERE session_id = $1', [sessionId]);
        expect({ who, rows }).toEqual({ who, rows: [] });
        await client.query('ROLLBACK');
      } finally {
        await client.end();
      }
    }
  });
});

describe('completing and reopening', () => {
  it('completes a session that has begun (DELIVERED, delivered_at set, audited), reopens it within 48 hours (cleared), and refuses after that', async () => {
    const sessionId = await sessionStarted(gts, 100);
    const completed = expectData(await leadClient.gql<{ completeSession: Delivery }>(COMPLETE, { id: sessionId })).completeSession;
    expect(completed).toMatchObject({ status: 'DELIVERED', availableActions: ['WRITE_NOTES', 'REOPEN'] });
    expect(completed.deliveredAt).not.toBeNull();
    expect(new Date(completed.reopenUntil!).getTime() - new Date(completed.deliveredAt!).getTime()).toBe(48 * 3_600_000);
    expectError(await leadClient.gql(COMPLETE, { id: sessionId }), 'CONFLICT', 'This session has already been completed.');
    expectError(await leadClient.gql(MARK, { input: { sessionId, userId: participants[1]!.id, status: 'ABSENT' } }), 'CONFLICT', /Reopen it/);

    const reopened = expectData(await leadClient.gql<{ reopenSession: Delivery }>(REOPEN, { id: sessionId })).reopenSession;
    expect(reopened).toMatchObject({ status: 'SCHEDULED', deliveredAt: null, reopenUntil: null });
    expectData(await leadClient.gql(MARK, { input: { sessionId, userId: participants[1]!.id, status: 'ABSENT' } }));
    expectData(await leadClient.gql(COMPLETE, { id: sessionId }));

    // Delivered 49 hours ago: too late to reopen.
    await api.fixtures.asTenant(tenant.id, `UPDATE group_session SET delivered_at = now() - interval '49 hours' WHERE tenant_id = $1 AND id = $2`, [tenant.id, sessionId]);
    expectError(await leadClient.gql(REOPEN, { id: sessionId }), 'CONFLICT', /within 48 hours/);

    const { rows } = await api.owner.query<{ action: string; actor: string }>(
      `SELECT action, actor_user_id AS actor FROM audit_event WHERE target_id = $1 ORDER BY occurred_at, id`,
      [sessionId],
    );
    expect(rows).toEqual([
      { action: 'SESSION_DELIVERED', actor: lead.id },
      { action: 'SESSION_REOPENED', actor: lead.id },
      // The correction made while it was reopened.
      { action: 'ATTENDANCE_MARKED', actor: lead.id },
      { action: 'SESSION_DELIVERED', actor: lead.id },
    ]);
  });

  it('refuses to complete a session that has not begun, and another programme’s facilitator cannot complete it', async () => {
    const later = (await api.fixtures.groupSession(gts.tenantId, gts.id, 800_000 + Math.floor(Math.random() * 1000), new Date(Date.now() + 3_600_000))).id;
    expectError(await leadClient.gql(COMPLETE, { id: later }), 'CONFLICT', 'A session can be completed once it has started.');
    const begun = await sessionStarted(gts, 10);
    expectError(await otherFacilitatorClient.gql(COMPLETE, { id: begun }), 'NOT_FOUND');
    const { rows } = await api.owner.query<{ status: string }>('SELECT status FROM group_session WHERE id = ANY($1)', [[later, begun]]);
    expect(rows.map((row) => row.status)).toEqual(['SCHEDULED', 'SCHEDULED']);
  });
});

describe('the organisation’s note retention', () => {
  it('is 12 months unless a platform admin chooses otherwise (1 to 84 months), and is audited as a change', async () => {
    const UPDATE = 'mutation($input: UpdateTenantInput!) { updateTenant(input: $input) { id noteRetentionMonths } }';
    const fresh = await api.fixtures.tenant();
    const read = async () => (await api.owner.query<{ months: number }>('SELECT note_retention_months AS months FROM tenant WHERE id = $1', [fresh.id])).rows[0]?.months;
    expect(await read()).toBe(12);
    const changed = expectData(await platformAdminClient.gql<{ updateTenant: { noteRetentionMonths: number } }>(UPDATE, { input: { id: fresh.id, noteRetentionMonths: 24 } }));
    expect(changed.updateTenant.noteRetentionMonths).toBe(24);
    expect(await read()).toBe(24);
    for (const months of [0, 85]) {
      fieldProblem(expectError(await platformAdminClient.gql(UPDATE, { input: { id: fresh.id, noteRetentionMonths: months } }), 'BAD_USER_INPUT'), 'noteRetentionMonths');
    }
    expect(await read()).toBe(24);
    expectError(await orgAdminClient.gql(UPDATE, { input: { id: tenant.id, noteRetentionMonths: 1 } }), 'FORBIDDEN');
  });
});

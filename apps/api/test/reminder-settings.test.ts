import { expectData, expectError, fieldProblem } from './support/expectations';
import { unique, type TenantFixture } from './support/fixtures';
import { signedIn } from './support/programmes';
import { startTestApi, type TestApi } from './support/test-api';
import type { TestClient } from './support/test-client';

const SET_REMINDERS = 'mutation($offsets: [Int!]!) { setReminderOffsets(offsetsMinutes: $offsets) { id reminderOffsetsMinutes } }';

let api: TestApi;
let tenant: TenantFixture;
let adminClient: TestClient;
let sessionId: string;

/**
 * 09:00 UTC eight weeks from today: reminders are planned only while they are still to come, so a
 * fixed date would leave the session with none once its earliest reminder had passed.
 */
const STARTS_AT = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate() + 56, 9));
/** When a reminder `minutes` before the session falls due. */
const dueAt = (minutes: number) => new Date(STARTS_AT.getTime() - minutes * 60_000).toISOString();

beforeAll(async () => {
  api = await startTestApi();
  tenant = await api.fixtures.tenant({ name: `Reminder Trust ${unique()}` });
  adminClient = await signedIn(api, await api.fixtures.orgAdmin(tenant.id));
  const team = await api.fixtures.team(tenant.id, `Team ${unique()}`);
  const programme = await api.fixtures.programme(tenant.id, team.id);
  sessionId = (await api.fixtures.groupSession(tenant.id, programme.id, 1, STARTS_AT)).id;
});

afterAll(async () => {
  await api?.close();
});

const planned = async () =>
  (
    await api.fixtures.asTenant<{ offset_minutes: number; due_at: Date }>(
      tenant.id,
      'SELECT offset_minutes, due_at FROM session_reminder WHERE session_id = $1 ORDER BY offset_minutes DESC',
      [sessionId],
    )
  ).map((row) => [row.offset_minutes, row.due_at.toISOString()]);

describe('an organisation’s reminders', () => {
  it('are a day and an hour before each session until the org admin chooses others, which re-plans every session to come', async () => {
    expect(await planned()).toEqual([
      [1440, dueAt(1440)],
      [60, dueAt(60)],
    ]);
    const tenantAfter = expectData(await adminClient.gql<{ setReminderOffsets: { reminderOffsetsMinutes: number[] } }>(SET_REMINDERS, { offsets: [30, 2880] })).setReminderOffsets;
    expect(tenantAfter.reminderOffsetsMinutes).toEqual([2880, 30]);
    expect(await planned()).toEqual([
      [2880, dueAt(2880)],
      [30, dueAt(30)],
    ]);
    const [audit] = (await api.owner.query<{ detail: Record<string, unknown> }>(`SELECT detail FROM audit_event WHERE tenant_id = $1 AND action = 'TENANT_UPDATED'`, [tenant.id]))
      .rows;
    expect(audit?.detail).toMatchObject({ changed: ['reminderOffsetsMinutes'], reminderOffsetsMinutes: [2880, 30] });
  });

  it.each([
    // A problem with one reminder names it (offsetsMinutes.1: the second); one with the list names the list.
    ['four reminders', [10, 20, 30, 40], 'offsetsMinutes', 'Choose at most 3 reminders per session.'],
    ['one too close to the session', [60, 1], 'offsetsMinutes.1', 'A reminder must come at least 5 minutes before the session.'],
    ['one three weeks ahead', [30240], 'offsetsMinutes.0', 'A reminder can come at most two weeks before the session.'],
    ['the same time twice', [60, 60], 'offsetsMinutes', 'Give each reminder time once.'],
  ])('refuses %s as BAD_USER_INPUT and changes nothing', async (_case, offsets, field, message) => {
    const before = await planned();
    const error = expectError(await adminClient.gql(SET_REMINDERS, { offsets }), 'BAD_USER_INPUT');
    expect(fieldProblem(error, field)).toBe(message);
    expect(await planned()).toEqual(before);
  });

  it('is the org admin’s to set: a participant, a facilitator and a platform admin are FORBIDDEN', async () => {
    const before = await planned();
    for (const user of [await api.fixtures.participant(tenant.id), await api.fixtures.facilitator(), await api.fixtures.platformAdmin()]) {
      expectError(await (await signedIn(api, user)).gql(SET_REMINDERS, { offsets: [15] }), 'FORBIDDEN');
    }
    expect(await planned()).toEqual(before);
  });
});

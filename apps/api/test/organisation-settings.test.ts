import { expectData, expectError, fieldProblem } from './support/expectations';
import { unique, type TenantFixture } from './support/fixtures';
import { signedIn } from './support/programmes';
import { startTestApi, type TestApi } from './support/test-api';
import type { TestClient } from './support/test-client';

const READ = '{ organisationSettings { feedbackWindowDays feedbackReminderAfterHours grpCommentsEnabled commentThreshold noteRetentionMonths minGroupSize } }';
const UPDATE = `mutation($input: OrganisationSettingsInput!) {
  updateOrganisationSettings(input: $input) { feedbackWindowDays feedbackReminderAfterHours grpCommentsEnabled commentThreshold noteRetentionMonths minGroupSize }
}`;
const DEFAULTS = { feedbackWindowDays: 7, feedbackReminderAfterHours: 48, grpCommentsEnabled: false, commentThreshold: 10, noteRetentionMonths: 12 };

let api: TestApi;
let tenant: TenantFixture;
let adminClient: TestClient;
let adminId: string;

beforeAll(async () => {
  api = await startTestApi();
  tenant = await api.fixtures.tenant({ name: `Settings Trust ${unique()}` });
  const admin = await api.fixtures.orgAdmin(tenant.id);
  adminId = admin.id;
  adminClient = await signedIn(api, admin);
});

afterAll(async () => {
  await api?.close();
});

const stored = async () =>
  (
    await api.owner.query(
      `SELECT feedback_window_days, feedback_reminder_after_hours, feedback_grp_comments_enabled, feedback_min_comment_group_size, note_retention_months, min_reporting_group_size
         FROM tenant WHERE id = $1`,
      [tenant.id],
    )
  ).rows[0];

const audits = async () =>
  (
    await api.owner.query<{ actor_user_id: string; detail: Record<string, unknown> }>(
      `SELECT actor_user_id, detail FROM audit_event WHERE tenant_id = $1 AND action = 'TENANT_UPDATED' ORDER BY occurred_at`,
      [tenant.id],
    )
  ).rows;

describe('an organisation’s feedback and retention settings', () => {
  it('are the defaults until the org admin changes them; a change is stored, answered and audited once with what changed', async () => {
    expect(expectData(await adminClient.gql<{ organisationSettings: unknown }>(READ)).organisationSettings).toEqual({ ...DEFAULTS, minGroupSize: 5 });

    const chosen = { feedbackWindowDays: 14, feedbackReminderAfterHours: 72, grpCommentsEnabled: true, commentThreshold: 12, noteRetentionMonths: 6 };
    const answered = expectData(await adminClient.gql<{ updateOrganisationSettings: unknown }>(UPDATE, { input: chosen })).updateOrganisationSettings;
    expect(answered).toEqual({ ...chosen, minGroupSize: 5 });
    expect(await stored()).toEqual({
      feedback_window_days: 14,
      feedback_reminder_after_hours: 72,
      feedback_grp_comments_enabled: true,
      feedback_min_comment_group_size: 12,
      note_retention_months: 6,
      min_reporting_group_size: 5,
    });
    const [audit] = await audits();
    expect(audit!.detail).toEqual({
      changed: ['feedbackWindowDays', 'feedbackReminderAfterHours', 'grpCommentsEnabled', 'commentThreshold', 'noteRetentionMonths'],
      feedbackWindowDays: { from: 7, to: 14 },
      feedbackReminderAfterHours: { from: 48, to: 72 },
      grpCommentsEnabled: { from: false, to: true },
      commentThreshold: { from: 10, to: 12 },
      noteRetentionMonths: { from: 12, to: 6 },
    });
    expect(audit!.actor_user_id).toBe(adminId);

    // The same values again change nothing and audit nothing; one value audits that one.
    expectData(await adminClient.gql(UPDATE, { input: chosen }));
    expect(await audits()).toHaveLength(1);
    expectData(await adminClient.gql(UPDATE, { input: { ...chosen, noteRetentionMonths: 18 } }));
    expect((await audits()).map((row) => row.detail.changed)).toEqual([
      ['feedbackWindowDays', 'feedbackReminderAfterHours', 'grpCommentsEnabled', 'commentThreshold', 'noteRetentionMonths'],
      ['noteRetentionMonths'],
    ]);
  });

  it.each([
    ['a window of 31 days', { feedbackWindowDays: 31 }, 'feedbackWindowDays', 'The feedback window can be at most 30 days.'],
    [
      'a reminder once the window has closed',
      { feedbackWindowDays: 2, feedbackReminderAfterHours: 60 },
      'feedbackReminderAfterHours',
      'The reminder must go before the feedback window closes: less than 48 hours.',
    ],
    ['a reminder after no time', { feedbackReminderAfterHours: 0 }, 'feedbackReminderAfterHours', 'The reminder delay must be at least 1 hour.'],
    ['comments past fewer than ten responses', { commentThreshold: 5 }, 'commentThreshold', 'Comments need at least 10 responses before they are shown.'],
    ['notes kept for 85 months', { noteRetentionMonths: 85 }, 'noteRetentionMonths', 'Notes can be kept for at most 84 months.'],
  ])('refuses %s as BAD_USER_INPUT with a message for the field, and writes nothing', async (_case, change, field, message) => {
    const [before, auditsBefore] = [await stored(), (await audits()).length];
    const error = expectError(await adminClient.gql(UPDATE, { input: { ...DEFAULTS, ...change } }), 'BAD_USER_INPUT');
    expect(fieldProblem(error, field)).toBe(message);
    expect(await stored()).toEqual(before);
    expect(await audits()).toHaveLength(auditsBefore);
  });

  it('is the org admin’s alone: a participant, a facilitator and a platform admin are FORBIDDEN to read or change it', async () => {
    const before = await stored();
    for (const user of [await api.fixtures.participant(tenant.id), await api.fixtures.facilitator(), await api.fixtures.platformAdmin()]) {
      const client = await signedIn(api, user);
      expectError(await client.gql(READ), 'FORBIDDEN');
      expectError(await client.gql(UPDATE, { input: { ...DEFAULTS, feedbackWindowDays: 3 } }), 'FORBIDDEN');
    }
    expect(await stored()).toEqual(before);
  });

  it('never lets the minimum group size go below five, even written straight to the database', async () => {
    await expect(api.owner.query('UPDATE tenant SET min_reporting_group_size = 4 WHERE id = $1', [tenant.id])).rejects.toThrow(/tenant_min_reporting_group_size_check/);
    await expect(api.owner.query('UPDATE tenant SET feedback_min_comment_group_size = 9 WHERE id = $1', [tenant.id])).rejects.toThrow(
      /tenant_feedback_min_comment_group_size_check/,
    );
  });
});

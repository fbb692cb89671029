import { randomBytes } from 'node:crypto';
import { createDataSource, oneRow } from '@lena/database';
import { createTestDatabase, type TestDatabase } from '@lena/database/testing';
import { RetentionPolicy } from '@lena/domain';
import type { DataSource } from 'typeorm';
import { NoteRetentionRepository } from '../src/delivery/note-retention.repository';
import { ExpiredRecordsRepository } from '../src/maintenance/expired-records.repository';
import { OutcomeReportRetentionRepository } from '../src/outcomes/outcome-report-retention.repository';
import { RetentionPurgeService } from '../src/maintenance/services/retention-purge.service';
import { testDatabaseServerUrl, WORKER_SUITE } from './support/test-environment';

// The purge on its own, as the application role, against rows the database owner wrote.
describe('retention purge', () => {
  let database: TestDatabase;
  let owner: DataSource;
  let app: DataSource;
  let userId: string;

  beforeAll(async () => {
    database = await createTestDatabase(testDatabaseServerUrl(), WORKER_SUITE);
    owner = await createDataSource({ url: database.ownerUrl, poolSize: 1 }).initialize();
    app = await createDataSource({ url: database.appUrl, poolSize: 2 }).initialize();
    userId = await insert(`INSERT INTO user_account (email, display_name) VALUES ('kept@example.org', 'Kept')`);
  });

  afterAll(async () => {
    await app?.destroy();
    await owner?.destroy();
    await database?.drop();
  });

  const purgeService = () => new RetentionPurgeService(new ExpiredRecordsRepository(app), new NoteRetentionRepository(app), new OutcomeReportRetentionRepository(app));
  const daysAgo = (days: number) => `now() - interval '${days} days'`;
  const insert = async (sql: string, params: unknown[] = []): Promise<string> => oneRow((await owner.query(`${sql} RETURNING id`, params)) as { id: string }[], 'inserted').id;
  const session = (expires: string, revoked = 'NULL') => insert(`INSERT INTO auth_session (user_id, expires_at, revoked_at) VALUES ($1, ${expires}, ${revoked})`, [userId]);
  // A session holds at most one unspent token (the others were spent on refresh).
  const refreshToken = (sessionId: string, expires: string, spent = true) =>
    insert(`INSERT INTO refresh_token (session_id, token_hash, expires_at, used_at) VALUES ($1, $2, ${expires}, ${spent ? 'now()' : 'NULL'})`, [sessionId, randomBytes(32)]);
  const exists = async (table: string, id: string) => ((await owner.query(`SELECT 1 FROM ${table} WHERE id = $1`, [id])) as unknown[]).length === 1;

  it('removes only what is past its retention period, and a second run finds nothing', async () => {
    const ended = RetentionPolicy.endedSessionDays;
    const endedLongAgo = await session(daysAgo(ended + 1));
    const endedTokens = [await refreshToken(endedLongAgo, daysAgo(ended + 1)), await refreshToken(endedLongAgo, "now() + interval '1 day'", false)];
    const revokedLongAgo = await session(`now() + interval '5 days'`, daysAgo(ended + 1));
    const endedRecently = await session(daysAgo(ended - 1));
    const live = await session(`now() + interval '20 days'`);
    const liveExpiredToken = await refreshToken(live, daysAgo(RetentionPolicy.expiredRefreshTokenDays + 1));
    const liveSpentToken = await refreshToken(live, `now() + interval '20 days'`);

    const oldReset = await insert(`INSERT INTO password_reset (user_id, token_hash, expires_at) VALUES ($1, $2, ${daysAgo(RetentionPolicy.expiredPasswordResetDays + 1)})`, [
      userId,
      randomBytes(32),
    ]);
    const recentReset = await insert(`INSERT INTO password_reset (user_id, token_hash, expires_at) VALUES ($1, $2, ${daysAgo(1)})`, [userId, randomBytes(32)]);

    const message = (delivered: string, failed = 'NULL', created = 'now()') =>
      insert(`INSERT INTO outbox_message (kind, payload, delivered_at, failed_at, created_at) VALUES ('email', '{}', ${delivered}, ${failed}, ${created})`);
    const deliveredLongAgo = await message(daysAgo(RetentionPolicy.deliveredMessageDays + 1));
    const deliveredRecently = await message(daysAgo(1));
    // A dead letter goes once the link it carries has expired (counted from when it was written),
    // even if it was given up on only lately; one younger than that still waits for a person.
    const linkLifetime = `make_interval(secs => ${RetentionPolicy.deadLetterSeconds})`;
    const deadPastLinkLifetime = await message('NULL', daysAgo(1), `now() - ${linkLifetime} - interval '1 hour'`);
    const deadWithinLinkLifetime = await message('NULL', 'now()', `now() - ${linkLifetime} + interval '1 hour'`);
    // Still being tried however old: the relay's attempts run out first and make it a dead letter.
    const pending = await message('NULL', 'NULL', `now() - ${linkLifetime} - interval '1 day'`);

    // A batch of one: every kind of record takes several statements, as a large backlog would.
    const counts = await purgeService().purge({ ...RetentionPolicy, batchSize: 1 });
    expect(counts).toEqual({ refreshTokens: 3, sessions: 2, passwordResets: 1, outboxMessages: 1, deadLetters: 1, sessionNotes: 0, outcomeReports: 0 });

    for (const id of [endedLongAgo, revokedLongAgo]) expect(await exists('auth_session', id)).toBe(false);
    for (const id of [...endedTokens, liveExpiredToken]) expect(await exists('refresh_token', id)).toBe(false);
    for (const id of [endedRecently, live]) expect(await exists('auth_session', id)).toBe(true);
    expect(await exists('refresh_token', liveSpentToken)).toBe(true);
    expect(await exists('password_reset', oldReset)).toBe(false);
    expect(await exists('password_reset', recentReset)).toBe(true);
    for (const id of [deliveredLongAgo, deadPastLinkLifetime]) expect(await exists('outbox_message', id)).toBe(false);
    for (const id of [deliveredRecently, deadWithinLinkLifetime, pending]) expect(await exists('outbox_message', id)).toBe(true);

    expect(await purgeService().purge()).toEqual({
      refreshTokens: 0,
      sessions: 0,
      passwordResets: 0,
      outboxMessages: 0,
      deadLetters: 0,
      sessionNotes: 0,
      outcomeReports: 0,
    });
  });

  describe('session notes', () => {
    /** A tenant keeping notes for `months`, with a GTS programme. */
    async function organisation(months: number): Promise<{ tenantId: string; programmeId: string }> {
      const tenantId = await insert(`INSERT INTO tenant (name, slug, time_zone, note_retention_months) VALUES ($1, $2, 'Europe/London', $3)`, [
        `Keeps ${months} months`,
        `keeps-${randomBytes(4).toString('hex')}`,
        months,
      ]);
      const teamId = await insert(`INSERT INTO team (tenant_id, name) VALUES ($1, 'Night team')`, [tenantId]);
      const programmeId = await insert(
        `INSERT INTO programme (tenant_id, team_id, service_type, title, session_count, time_zone) VALUES ($1, $2, 'GTS', 'Supervision', 6, 'Europe/London')`,
        [tenantId, teamId],
      );
      return { tenantId, programmeId };
    }

    /** A session that ended `monthsAgo` months ago, with GTS notes and two action items. */
    async function notedSession(where: { tenantId: string; programmeId: string }, monthsAgo: number, sequence: number): Promise<string> {
      const sessionId = await insert(
        `INSERT INTO group_session (tenant_id, programme_id, sequence, starts_at, ends_at, status, delivered_at)
         VALUES ($1, $2, $3, now() - make_interval(months => $4) - interval '90 minutes', now() - make_interval(months => $4), 'DELIVERED', now() - make_interval(months => $4))`,
        [where.tenantId, where.programmeId, sequence, monthsAgo],
      );
      await owner.query(`INSERT INTO session_note (tenant_id, session_id, kind, case_summaries, strategies) VALUES ($1, $2, 'GTS', $3, 'Slow down')`, [
        where.tenantId,
        sessionId,
        `Case text ${sessionId}`,
      ]);
      for (const position of [0, 1]) {
        await owner.query(`INSERT INTO session_action_item (tenant_id, session_id, position, text, shared_with_group) VALUES ($1, $2, $3, 'Follow up', $4)`, [
          where.tenantId,
          sessionId,
          position,
          position === 0,
        ]);
      }
      return sessionId;
    }

    const noteOf = async (sessionId: string) =>
      oneRow(
        (await owner.query(
          `SELECT case_summaries AS "caseSummaries", strategies, purged_at IS NOT NULL AS purged, version,
                  (SELECT count(*)::int FROM session_action_item a WHERE a.tenant_id = n.tenant_id AND a.session_id = n.session_id) AS "actionItems"
             FROM session_note n WHERE session_id = $1`,
          [sessionId],
        )) as { caseSummaries: string | null; strategies: string | null; purged: boolean; version: number; actionItems: number }[],
        'session_note',
      );

    it('erases note text and action items past each organisation’s retention period (12 months by default), audits counts only, and a second run finds nothing', async () => {
      const byDefault = await organisation(12);
      const longer = await organisation(24);
      const old = [await notedSession(byDefault, 13, 1), await notedSession(byDefault, 14, 2), await notedSession(byDefault, 15, 3)];
      const recent = await notedSession(byDefault, 11, 4);
      const keptLonger = await notedSession(longer, 13, 1);
      expect(
        (await owner.query(`SELECT column_default FROM information_schema.columns WHERE table_name = 'tenant' AND column_name = 'note_retention_months'`)) as unknown[],
      ).toEqual([{ column_default: '12' }]);

      // As the application role, batches of two: the three old notes take two statements.
      const counts = await purgeService().purge({ ...RetentionPolicy, batchSize: 2 });
      expect(counts.sessionNotes).toBe(3);
      for (const sessionId of old) expect(await noteOf(sessionId)).toEqual({ caseSummaries: null, strategies: null, purged: true, version: 2, actionItems: 0 });
      for (const sessionId of [recent, keptLonger])
        expect(await noteOf(sessionId)).toEqual({ caseSummaries: `Case text ${sessionId}`, strategies: 'Slow down', purged: false, version: 1, actionItems: 2 });

      const audited = (await owner.query(`SELECT tenant_id AS "tenantId", actor_user_id AS actor, detail FROM audit_event WHERE action = 'SESSION_NOTES_PURGED' ORDER BY id`)) as {
        tenantId: string;
        actor: string | null;
        detail: { notes: number; actionItems: number };
      }[];
      // One row per batch that erased something, all in the organisation that keeps 12 months.
      expect(audited.every((row) => row.tenantId === byDefault.tenantId && row.actor === null)).toBe(true);
      expect(audited.reduce((sum, row) => sum + row.detail.notes, 0)).toBe(3);
      expect(audited.reduce((sum, row) => sum + row.detail.actionItems, 0)).toBe(6);
      expect(JSON.stringify(audited)).not.toContain('Case text');

      expect((await purgeService().purge()).sessionNotes).toBe(0);
      expect(await owner.query(`SELECT count(*)::int AS count FROM audit_event WHERE action = 'SESSION_NOTES_PURGED'`)).toEqual([{ count: audited.length }]);
    });

    it('the purge function is the migration owner’s, with a fixed search_path, executable by the application role only, and returns no text', async () => {
      const [fn] = (await owner.query(
        `SELECT p.prosecdef AS definer, p.proconfig AS config, array_to_string(p.proacl, ',') AS acl, pg_get_function_result(p.oid) AS result
           FROM pg_proc p WHERE p.proname = 'delivery_purge_expired_notes'`,
      )) as { definer: boolean; config: string[]; acl: string; result: string }[];
      expect(fn).toMatchObject({ definer: true, config: ['search_path=pg_catalog, public'], result: 'TABLE(tenant_id uuid, notes integer, action_items integer)' });
      expect(fn!.acl).toContain('lena_app=X/');
      expect(fn!.acl).not.toMatch(/(^|,)=X\//);
    });
  });

  describe('outcome reports', () => {
    it('deletes reports past their expiry (batch by batch, as the application role, which sees no report), audits a count per organisation, and keeps the rest', async () => {
      const tenantId = await insert(`INSERT INTO tenant (name, slug, time_zone) VALUES ('Reports Trust', $1, 'Europe/London')`, [`reports-${randomBytes(4).toString('hex')}`]);
      const report = (expires: string) =>
        insert(
          `INSERT INTO outcome_report (tenant_id, requested_by, scope, status, progress, pdf, csv, ready_at, expires_at) VALUES ($1, $2, 'ORGANISATION', 'READY', 100, '\\x25504446', 'a,b', now(), ${expires})`,
          [tenantId, userId],
        );
      const expired = [await report(daysAgo(1)), await report(daysAgo(40)), await report(`now() - interval '1 second'`)];
      const kept = await report(`now() + interval '29 days'`);
      // The application role, acting for no organisation, sees none of them: only the function can delete them.
      expect(await app.query(`SELECT count(*)::int AS count FROM outcome_report`)).toEqual([{ count: 0 }]);

      const counts = await purgeService().purge({ ...RetentionPolicy, batchSize: 2 });
      expect(counts.outcomeReports).toBe(3);
      for (const id of expired) expect(await exists('outcome_report', id)).toBe(false);
      expect(await exists('outcome_report', kept)).toBe(true);
      const audited = (await owner.query(
        `SELECT tenant_id AS "tenantId", actor_user_id AS actor, detail FROM audit_event WHERE action = 'OUTCOME_REPORTS_PURGED' ORDER BY id`,
      )) as {
        tenantId: string;
        actor: string | null;
        detail: { reports: number; by: string };
      }[];
      expect(audited.every((row) => row.tenantId === tenantId && row.actor === null && row.detail.by === 'SYSTEM')).toBe(true);
      expect(audited.reduce((sum, row) => sum + row.detail.reports, 0)).toBe(3);
      expect((await purgeService().purge()).outcomeReports).toBe(0);
    });
  });
});

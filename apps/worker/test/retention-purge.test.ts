import { randomBytes } from 'node:crypto';
import { createDataSource, oneRow } from '@lena/database';
import { createTestDatabase, type TestDatabase } from '@lena/database/testing';
import { RetentionPolicy } from '@lena/domain';
import type { DataSource } from 'typeorm';
import { ExpiredRecordsRepository } from '../src/maintenance/expired-records.repository';
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
    const counts = await new RetentionPurgeService(new ExpiredRecordsRepository(app)).purge({ ...RetentionPolicy, batchSize: 1 });
    expect(counts).toEqual({ refreshTokens: 3, sessions: 2, passwordResets: 1, outboxMessages: 1, deadLetters: 1 });

    for (const id of [endedLongAgo, revokedLongAgo]) expect(await exists('auth_session', id)).toBe(false);
    for (const id of [...endedTokens, liveExpiredToken]) expect(await exists('refresh_token', id)).toBe(false);
    for (const id of [endedRecently, live]) expect(await exists('auth_session', id)).toBe(true);
    expect(await exists('refresh_token', liveSpentToken)).toBe(true);
    expect(await exists('password_reset', oldReset)).toBe(false);
    expect(await exists('password_reset', recentReset)).toBe(true);
    for (const id of [deliveredLongAgo, deadPastLinkLifetime]) expect(await exists('outbox_message', id)).toBe(false);
    for (const id of [deliveredRecently, deadWithinLinkLifetime, pending]) expect(await exists('outbox_message', id)).toBe(true);

    expect(await new RetentionPurgeService(new ExpiredRecordsRepository(app)).purge()).toEqual({
      refreshTokens: 0,
      sessions: 0,
      passwordResets: 0,
      outboxMessages: 0,
      deadLetters: 0,
    });
  });
});

import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Algorithm, hash } from '@node-rs/argon2';
import { oneRow } from '@lena/database';
import { AuthPolicy } from '@lena/domain';
import { COMMON_PASSWORD_MESSAGE } from '@lena/domain/common-passwords';
import { expectData, expectError, expectNoInternals, fieldProblem } from './support/expectations';
import { unique, type TenantFixture, type UserFixture } from './support/fixtures';
import { startTestApi, type TestApi } from './support/test-api';
import type { TestClient } from './support/test-client';

const FIREFOX_ON_WINDOWS = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0';
const SAFARI_ON_IPHONE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1';

const LOGIN = 'mutation($input: LoginInput!) { login(input: $input) { viewer { id } } }';
const VIEWER = '{ viewer { id displayName } }';
const MY_SESSIONS = '{ mySessions { id device ipAddress startedAt lastActiveAt current } }';
const UPDATE_PROFILE = 'mutation($input: UpdateMyProfileInput!) { updateMyProfile(input: $input) { id displayName } }';
const CHANGE_PASSWORD = 'mutation($input: ChangePasswordInput!) { changePassword(input: $input) }';
const END_SESSION = 'mutation($id: ID!) { endSession(id: $id) }';
const END_OTHER_SESSIONS = 'mutation { endOtherSessions }';
const REFRESH = 'mutation { refreshSession { viewer { id } } }';
const NEW_PASSWORD = 'plum kettle orbit lantern';
/** On the list of common passwords, and long enough for every other rule. */
const BREACHED_PASSWORD = 'qwertyuiop123';

interface SessionRow {
  id: string;
  device: string;
  ipAddress: string | null;
  startedAt: string;
  lastActiveAt: string;
  current: boolean;
}

let api: TestApi;
let tenant: TenantFixture;

beforeAll(async () => {
  api = await startTestApi();
  tenant = await api.fixtures.tenant();
});

afterAll(async () => {
  await api?.close();
});

/** Signs `user` in on a client of its own (its own address), as a browser with `userAgent`. */
async function signedIn(user: UserFixture, userAgent?: string): Promise<TestClient> {
  const client = api.client();
  expectData(await client.gql(LOGIN, { input: { email: user.email, password: user.password } }, userAgent ? { headers: { 'user-agent': userAgent } } : {}));
  return client;
}

async function sessionsOf(client: TestClient): Promise<SessionRow[]> {
  return expectData(await client.gql<{ mySessions: SessionRow[] }>(MY_SESSIONS)).mySessions;
}

async function currentSessionId(client: TestClient): Promise<string> {
  const current = (await sessionsOf(client)).find((session) => session.current);
  if (!current) throw new Error('No session is marked as this one.');
  return current.id;
}

/** True when the client's session still answers a query that needs a principal. */
async function stillSignedIn(client: TestClient): Promise<boolean> {
  const result = await client.gql<{ mySessions: SessionRow[] }>(MY_SESSIONS);
  if (result.errors) {
    expectError(result, 'UNAUTHENTICATED');
    return false;
  }
  return true;
}

async function auditCount(action: string, targetId: string): Promise<number> {
  return api.fixtures.count('audit_event', 'action = $1 AND target_id = $2', [action, targetId]);
}

async function passwordHashOf(userId: string): Promise<string> {
  const { rows } = await api.owner.query<{ passwordHash: string }>('SELECT password_hash AS "passwordHash" FROM user_account WHERE id = $1', [userId]);
  return oneRow(rows, 'user_account').passwordHash;
}

describe('mySessions', () => {
  it('lists the person’s live sessions: device in words, address, times, this one first and marked', async () => {
    const user = await api.fixtures.participant(tenant.id);
    const laptop = await signedIn(user, FIREFOX_ON_WINDOWS);
    const phone = await signedIn(user, SAFARI_ON_IPHONE);
    const someoneElse = await signedIn(await api.fixtures.participant(tenant.id), FIREFOX_ON_WINDOWS);
    const othersSession = await currentSessionId(someoneElse);

    const sessions = await sessionsOf(laptop);
    expect(sessions.map(({ device, ipAddress, current }) => ({ device, ipAddress, current }))).toEqual([
      { device: 'Firefox 133 on Windows 10', ipAddress: laptop.remoteAddress, current: true },
      { device: 'Safari 18 on iOS 18.1', ipAddress: phone.remoteAddress, current: false },
    ]);
    for (const session of sessions) {
      expect(Date.parse(session.startedAt)).toBeLessThanOrEqual(Date.parse(session.lastActiveAt));
      expect(Date.now() - Date.parse(session.startedAt)).toBeLessThan(60_000);
    }
    expect(sessions.map((session) => session.id)).not.toContain(othersSession);
    // The phone sees the same two, with itself first.
    expect((await sessionsOf(phone)).map((session) => [session.id, session.current])).toEqual([
      [sessions[1]?.id, true],
      [sessions[0]?.id, false],
    ]);
  });

  it('last active is the last token refresh; ended sessions are not listed', async () => {
    const user = await api.fixtures.orgAdmin(tenant.id);
    const client = await signedIn(user);
    const other = await signedIn(user);
    const otherId = await currentSessionId(other);
    await api.owner.query(`UPDATE auth_session SET created_at = now() - interval '2 days' WHERE id = $1`, [otherId]);
    await api.owner.query(`UPDATE refresh_token SET created_at = now() - interval '2 days' WHERE session_id = $1`, [otherId]);
    expectData(await other.gql(REFRESH));

    const listed = (await sessionsOf(client)).find((session) => session.id === otherId)!;
    expect(Date.parse(listed.lastActiveAt) - Date.parse(listed.startedAt)).toBeGreaterThan(47 * 3600_000);

    await api.owner.query(`UPDATE auth_session SET revoked_at = now(), revoked_reason = 'signed out' WHERE id = $1`, [otherId]);
    expect((await sessionsOf(client)).map((session) => session.id)).not.toContain(otherId);
  });

  it('says "Unknown device" rather than nothing when no user agent was sent', async () => {
    const user = await api.fixtures.participant(tenant.id);
    const client = await signedIn(user);
    await api.owner.query('UPDATE auth_session SET user_agent = NULL WHERE user_id = $1', [user.id]);
    expect((await sessionsOf(client))[0]?.device).toBe('Unknown device');
  });
});

describe('endSession', () => {
  it('ends one of the person’s other sessions at once, keeps this one, and audits it', async () => {
    const user = await api.fixtures.participant(tenant.id);
    const client = await signedIn(user);
    const lostPhone = await signedIn(user, SAFARI_ON_IPHONE);
    const lostPhoneId = await currentSessionId(lostPhone);

    expect(expectData(await client.gql<{ endSession: boolean }>(END_SESSION, { id: lostPhoneId })).endSession).toBe(true);
    expect(await stillSignedIn(lostPhone)).toBe(false);
    // Its refresh token is dead too, so the session cannot be revived.
    expectError(await lostPhone.gql(REFRESH), 'UNAUTHENTICATED');
    expect(await stillSignedIn(client)).toBe(true);
    expect(await auditCount('SESSION_ENDED', lostPhoneId)).toBe(1);
  });

  it('another person’s session id is NOT_FOUND, exactly as an id that exists nowhere, and their session lives on', async () => {
    const user = await api.fixtures.participant(tenant.id);
    const client = await signedIn(user);
    const victim = await signedIn(await api.fixtures.orgAdmin((await api.fixtures.tenant()).id));
    const victimSession = await currentSessionId(victim);

    const withTheirs = await client.gql(END_SESSION, { id: victimSession });
    const withNothing = await client.gql(END_SESSION, { id: randomUUID() });
    const theirError = expectError(withTheirs, 'NOT_FOUND', 'That session was not found.');
    expect(theirError).toEqual(expectError(withNothing, 'NOT_FOUND'));
    expect(withTheirs.data).toEqual(withNothing.data);

    expect(await stillSignedIn(victim)).toBe(true);
    expect(await api.fixtures.count('auth_session', 'id = $1 AND revoked_at IS NULL', [victimSession])).toBe(1);
    expect(await auditCount('SESSION_ENDED', victimSession)).toBe(0);
  });

  it('refuses its own session (that is signing out), an ended one and an id that is not an id', async () => {
    const user = await api.fixtures.participant(tenant.id);
    const client = await signedIn(user);
    const other = await signedIn(user);
    const otherId = await currentSessionId(other);

    expectError(await client.gql(END_SESSION, { id: await currentSessionId(client) }), 'CONFLICT', 'This is the session you are using now. To end it, sign out.');
    expect(await stillSignedIn(client)).toBe(true);

    expectData(await client.gql(END_SESSION, { id: otherId }));
    expectError(await client.gql(END_SESSION, { id: otherId }), 'NOT_FOUND');
    for (const id of ['not-a-session', "'; DELETE FROM auth_session; --", '']) {
      const result = await client.gql(END_SESSION, { id });
      expectError(result, 'NOT_FOUND');
      expectNoInternals(result.body);
    }
    expect(await auditCount('SESSION_ENDED', otherId)).toBe(1);
  });
});

describe('endOtherSessions', () => {
  it('ends every other session of the person, not this one and no one else’s', async () => {
    const user = await api.fixtures.facilitator();
    const client = await signedIn(user);
    const others = [await signedIn(user), await signedIn(user, SAFARI_ON_IPHONE)];
    const colleague = await signedIn(await api.fixtures.facilitator());

    expect(expectData(await client.gql<{ endOtherSessions: number }>(END_OTHER_SESSIONS)).endOtherSessions).toBe(2);
    for (const other of others) expect(await stillSignedIn(other)).toBe(false);
    expect(await stillSignedIn(client)).toBe(true);
    expect(await stillSignedIn(colleague)).toBe(true);
    expect((await sessionsOf(client)).map((session) => session.current)).toEqual([true]);
    expect(await auditCount('OTHER_SESSIONS_ENDED', user.id)).toBe(1);

    // Nothing left to end.
    expect(expectData(await client.gql<{ endOtherSessions: number }>(END_OTHER_SESSIONS)).endOtherSessions).toBe(0);
  });
});

describe('changePassword', () => {
  const change = (client: TestClient, currentPassword: string, newPassword: string) => client.gql(CHANGE_PASSWORD, { input: { currentPassword, newPassword } });

  it('sets the new password, signs the person out everywhere else, keeps this session, and audits it', async () => {
    const user = await api.fixtures.orgAdmin(tenant.id);
    const client = await signedIn(user);
    const elsewhere = [await signedIn(user), await signedIn(user, SAFARI_ON_IPHONE)];
    const bystander = await signedIn(await api.fixtures.orgAdmin(tenant.id));
    const resetToken = await pendingResetLink(user.id);

    expect(expectData(await change(client, user.password, NEW_PASSWORD))).toEqual({ changePassword: true });

    for (const other of elsewhere) expect(await stillSignedIn(other)).toBe(false);
    expect(await stillSignedIn(bystander)).toBe(true);
    // This session goes on, and can still renew its tokens.
    expect(await stillSignedIn(client)).toBe(true);
    expectData(await client.gql(REFRESH));
    expect(await stillSignedIn(client)).toBe(true);

    expectError(await api.client().login(user.email, user.password), 'UNAUTHENTICATED');
    expectData(await api.client().login(user.email, NEW_PASSWORD));
    // A reset link asked for before the change no longer sets a password.
    expectError(
      await api.client().gql('mutation($input: ResetPasswordInput!) { resetPassword(input: $input) }', { input: { token: resetToken, password: 'another fine passphrase' } }),
      'BAD_USER_INPUT',
    );

    const { rows } = await api.owner.query<{ detail: { otherSessionsEnded: number } }>(`SELECT detail FROM audit_event WHERE action = 'PASSWORD_CHANGED' AND target_id = $1`, [
      user.id,
    ]);
    expect(rows.map((row) => row.detail)).toEqual([{ otherSessionsEnded: 2 }]);
  });

  it('refuses a wrong current password on the field, changes nothing, ends nothing and audits the attempt', async () => {
    const user = await api.fixtures.participant(tenant.id);
    const client = await signedIn(user);
    const elsewhere = await signedIn(user);
    const before = await passwordHashOf(user.id);

    const result = await change(client, 'not my password at all', NEW_PASSWORD);
    const error = expectError(result, 'BAD_USER_INPUT');
    expect(fieldProblem(error, 'currentPassword')).toBe('Your current password is not right.');
    expect(result.body).not.toContain(NEW_PASSWORD);

    expect(await passwordHashOf(user.id)).toBe(before);
    expect(await stillSignedIn(elsewhere)).toBe(true);
    expect(await stillSignedIn(client)).toBe(true);
    expect(await auditCount('PASSWORD_CHANGE_FAILED', user.id)).toBe(1);
    expect(await auditCount('PASSWORD_CHANGED', user.id)).toBe(0);
  });

  it('wrong current passwords count against the account’s sign-in limit, so a stolen session cannot guess it', async () => {
    const user = await api.fixtures.participant(tenant.id);
    const client = await signedIn(user);
    for (let attempt = 0; attempt < AuthPolicy.loginFailuresPerAccount; attempt++) {
      expectError(await change(client, `guess number ${attempt} here`, NEW_PASSWORD), 'BAD_USER_INPUT');
    }
    // The right password no longer helps, here or at the sign-in page, from any address.
    const limited = expectError(await change(client, user.password, NEW_PASSWORD), 'RATE_LIMITED');
    expect(limited.extensions?.retryAfterSeconds).toBeGreaterThan(0);
    expectError(await api.client().login(user.email, user.password), 'RATE_LIMITED');
    expectData(await client.gql(VIEWER));
    expect(await auditCount('PASSWORD_CHANGED', user.id)).toBe(0);
  });

  it('refuses a new password from the list of common and breached passwords, with a clear message', async () => {
    const user = await api.fixtures.participant(tenant.id);
    const client = await signedIn(user);
    const before = await passwordHashOf(user.id);
    for (const breached of [BREACHED_PASSWORD, 'Password123456!']) {
      const error = expectError(await change(client, user.password, breached), 'BAD_USER_INPUT');
      expect(fieldProblem(error, 'newPassword')).toBe(COMMON_PASSWORD_MESSAGE);
    }
    expect(await passwordHashOf(user.id)).toBe(before);
  });

  it.each([
    ['a short new password', { currentPassword: 'x', newPassword: 'too short' }, 'newPassword', 'Passwords must be at least 12 characters.'],
    ['the same password again', { currentPassword: NEW_PASSWORD, newPassword: NEW_PASSWORD }, 'newPassword', 'Choose a new password that is different from your current one.'],
    ['no current password', { currentPassword: '', newPassword: NEW_PASSWORD }, 'currentPassword', 'Enter your current password.'],
    ['a 129-character new password', { currentPassword: 'x', newPassword: 'abcd'.repeat(32) + 'e' }, 'newPassword', 'Passwords can be at most 128 characters.'],
  ])('refuses %s as BAD_USER_INPUT without checking the current password', async (_label, input, field, message) => {
    const user = await api.fixtures.participant(tenant.id);
    const client = await signedIn(user);
    const result = await client.gql(CHANGE_PASSWORD, { input });
    expect(fieldProblem(expectError(result, 'BAD_USER_INPUT'), field)).toBe(message);
    expectNoInternals(result.body);
    expect(await auditCount('PASSWORD_CHANGE_FAILED', user.id)).toBe(0);
  });
});

describe('updateMyProfile', () => {
  it.each([
    ['a platform admin', () => api.fixtures.platformAdmin()],
    ['a facilitator', () => api.fixtures.facilitator()],
    ['an org admin', () => api.fixtures.orgAdmin(tenant.id)],
    ['a participant', () => api.fixtures.participant(tenant.id)],
  ])('%s changes their own name (trimmed) and nobody else’s', async (_label, makeUser) => {
    const user = await makeUser();
    const bystander = await api.fixtures.participant(tenant.id);
    const client = await signedIn(user);
    const name = `Renamed ${unique()}`;

    const data = expectData(await client.gql<{ updateMyProfile: { id: string; displayName: string } }>(UPDATE_PROFILE, { input: { displayName: `  ${name} ` } }));
    expect(data.updateMyProfile).toEqual({ id: user.id, displayName: name });
    expect(expectData(await client.gql<{ viewer: { displayName: string } }>(VIEWER)).viewer.displayName).toBe(name);
    const { rows } = await api.owner.query<{ id: string; name: string }>('SELECT id, display_name AS name FROM user_account WHERE id = ANY($1) ORDER BY id', [
      [user.id, bystander.id],
    ]);
    expect(Object.fromEntries(rows.map((row) => [row.id, row.name]))).toEqual({ [user.id]: name, [bystander.id]: bystander.displayName });
    expect(await auditCount('PROFILE_UPDATED', user.id)).toBe(1);
  });

  it.each([
    ['an empty name', '   ', 'Enter a name.'],
    ['a name over 120 characters', 'n'.repeat(121), 'Names can be at most 120 characters.'],
  ])('refuses %s as BAD_USER_INPUT and keeps the old name', async (_label, displayName, message) => {
    const user = await api.fixtures.participant(tenant.id);
    const client = await signedIn(user);
    const result = await client.gql(UPDATE_PROFILE, { input: { displayName } });
    expect(fieldProblem(expectError(result, 'BAD_USER_INPUT'), 'displayName')).toBe(message);
    expect(expectData(await client.gql<{ viewer: { displayName: string } }>(VIEWER)).viewer.displayName).toBe(user.displayName);
  });
});

describe('signed out', () => {
  it.each([
    ['mySessions', MY_SESSIONS, {}],
    ['updateMyProfile', UPDATE_PROFILE, { input: { displayName: 'Nobody' } }],
    ['changePassword', CHANGE_PASSWORD, { input: { currentPassword: 'x', newPassword: NEW_PASSWORD } }],
    ['endSession', END_SESSION, { id: randomUUID() }],
    ['endOtherSessions', END_OTHER_SESSIONS, {}],
  ])('%s is UNAUTHENTICATED', async (_name, query, variables) => {
    const result = await api.client().gql(query, variables);
    expectError(result, 'UNAUTHENTICATED', 'Please sign in to continue.');
    expect(result.data).toBeNull();
  });
});

describe('common passwords when a password is set by a link', () => {
  it('resetting a password refuses a breached one and leaves the link usable', async () => {
    const user = await api.fixtures.participant(tenant.id);
    const token = await pendingResetLink(user.id);
    const reset = (password: string) => api.client().gql('mutation($input: ResetPasswordInput!) { resetPassword(input: $input) }', { input: { token, password } });

    expect(fieldProblem(expectError(await reset(BREACHED_PASSWORD), 'BAD_USER_INPUT'), 'password')).toBe(COMMON_PASSWORD_MESSAGE);
    expectData(await reset(NEW_PASSWORD));
    expectData(await api.client().login(user.email, NEW_PASSWORD));
  });

  it('accepting an invitation refuses a breached new password, and creates no account', async () => {
    const invitation = await api.fixtures.invitation({ tenantId: tenant.id, role: 'PARTICIPANT' });
    const accept = (password: string) =>
      api.client().gql('mutation($input: AcceptInvitationInput!) { acceptInvitation(input: $input) { viewer { id } } }', {
        input: { token: invitation.token, displayName: 'Pat Example', password },
      });

    expect(fieldProblem(expectError(await accept(BREACHED_PASSWORD), 'BAD_USER_INPUT'), 'password')).toBe(COMMON_PASSWORD_MESSAGE);
    expect(await api.fixtures.count('user_account', 'email = $1', [invitation.email])).toBe(0);
    expectData(await accept(NEW_PASSWORD));
  });

  it('an existing account whose password predates the rule can still accept with it', async () => {
    const user = await api.fixtures.participant((await api.fixtures.tenant()).id);
    await api.owner.query('UPDATE user_account SET password_hash = $2 WHERE id = $1', [
      user.id,
      await hash(BREACHED_PASSWORD, {
        algorithm: Algorithm.Argon2id,
        memoryCost: AuthPolicy.argon2.memoryCost,
        timeCost: AuthPolicy.argon2.timeCost,
        parallelism: AuthPolicy.argon2.parallelism,
      }),
    ]);
    const invitation = await api.fixtures.invitation({ tenantId: tenant.id, role: 'PARTICIPANT', email: user.email });
    const result = await api
      .client()
      .gql<{ acceptInvitation: { viewer: { id: string } } }>('mutation($input: AcceptInvitationInput!) { acceptInvitation(input: $input) { viewer { id } } }', {
        input: { token: invitation.token, displayName: user.displayName, password: BREACHED_PASSWORD },
      });
    expect(expectData(result).acceptInvitation.viewer.id).toBe(user.id);
  });
});

/** A live password-reset link for the user, whose token the test knows. */
async function pendingResetLink(userId: string): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await api.owner.query(`INSERT INTO password_reset (user_id, token_hash, expires_at) VALUES ($1, $2, now() + interval '1 hour')`, [
    userId,
    createHash('sha256').update(token).digest(),
  ]);
  return token;
}

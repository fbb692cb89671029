import { createHash } from 'node:crypto';
import { SignJWT } from 'jose';
import { oneRow } from '@lena/database';
import { AuthPolicy } from '@lena/domain';
import { expectData, expectError, fieldProblem, must } from './support/expectations';
import { unique, type TenantFixture, type UserFixture } from './support/fixtures';
import { startTestApi, TEST_JWT_SECRET, type TestApi } from './support/test-api';
import type { TestClient } from './support/test-client';

const VIEWER = '{ viewer { id email tenantId tenantRole platformRoles } }';
/** Needs a signed-in member of an organisation: the probe for "does this session still work". */
const MY_TEAMS = '{ myTeams { id name } }';
const REFRESH = 'mutation { refreshSession { viewer { id tenantId tenantRole } } }';
const LOGOUT = 'mutation { logout }';
const WRONG_CREDENTIALS = 'The email address or password is not right.';

let api: TestApi;
let tenant: TenantFixture;
let platformAdmin: UserFixture;
let adminClient: TestClient;

beforeAll(async () => {
  api = await startTestApi();
  tenant = await api.fixtures.tenant();
  platformAdmin = await api.fixtures.platformAdmin();
  adminClient = api.client();
  expectData(await adminClient.login(platformAdmin.email, platformAdmin.password));
});

afterAll(async () => {
  await api?.close();
});

async function signedIn(user: UserFixture): Promise<TestClient> {
  const client = api.client();
  expectData(await client.login(user.email, user.password));
  return client;
}

function accessTokenOf(client: TestClient): string {
  const token = client.cookie('lena_access');
  if (!token) throw new Error('The client holds no access token.');
  return token;
}

function bearerClient(token: string): TestClient {
  const client = api.client();
  client.bearer = token;
  return client;
}

/** An access token shaped exactly like TokenService's, signed with `secret`. */
async function forgeAccessToken(
  claims: { userId: string; sessionId: string; tenantId: string | null; tenantRole: string | null; platformRoles?: string[] },
  options: { secret?: string; issuedAt: number; expiresAt: number },
): Promise<string> {
  return new SignJWT({ sid: claims.sessionId, tid: claims.tenantId, trole: claims.tenantRole, proles: claims.platformRoles ?? [] })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(claims.userId)
    .setIssuer('lena')
    .setAudience('lena-api')
    .setIssuedAt(options.issuedAt)
    .setExpirationTime(options.expiresAt)
    .sign(new TextEncoder().encode(options.secret ?? TEST_JWT_SECRET));
}

/** Moves a spent refresh token's spending time back past the grace window for reuse. */
async function spentLongAgo(refreshToken: string): Promise<void> {
  await api.owner.query(`UPDATE refresh_token SET used_at = now() - interval '1 minute' WHERE token_hash = $1`, [createHash('sha256').update(refreshToken).digest()]);
}

function hex(hash: Buffer): string {
  return hash.toString('hex');
}

function tokenHash(refreshToken: string): string {
  return createHash('sha256').update(refreshToken).digest('hex');
}

/** The hashes (hex) of a session's unspent refresh tokens: its live chains. */
async function unspentTokens(sessionId: string): Promise<string[]> {
  const { rows } = await api.owner.query<{ hash: Buffer }>('SELECT token_hash AS hash FROM refresh_token WHERE session_id = $1 AND used_at IS NULL', [sessionId]);
  return rows.map((row) => hex(row.hash));
}

async function sessionIdOf(userId: string): Promise<string> {
  const { rows } = await api.owner.query<{ id: string }>('SELECT id FROM auth_session WHERE user_id = $1 ORDER BY created_at DESC LIMIT 1', [userId]);
  return oneRow(rows, 'auth_session').id;
}

describe('signing in', () => {
  it('sets HttpOnly, Secure, SameSite=Strict token cookies and a CSRF cookie the page can read', async () => {
    const user = await api.fixtures.orgAdmin(tenant.id);
    const client = api.client();
    const data = expectData(await client.login(user.email, user.password));
    expect(data.login.viewer).toMatchObject({ id: user.id, tenantId: tenant.id, tenantRole: 'ORG_ADMIN' });

    const cookies = Object.fromEntries(client.lastSetCookies.map((cookie) => [cookie.name, cookie]));
    for (const name of ['lena_access', 'lena_refresh']) {
      expect(cookies[name]).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Strict', path: '/' });
      expect(cookies[name]?.value.length).toBeGreaterThan(20);
    }
    expect(cookies.lena_access?.maxAge).toBe(AuthPolicy.accessTokenSeconds);
    expect(cookies.lena_csrf).toMatchObject({ secure: true, sameSite: 'Strict', path: '/' });
    expect(cookies.lena_csrf!.httpOnly).toBeFalsy();

    const viewer = expectData(await client.gql<{ viewer: { id: string; email: string } }>(VIEWER));
    expect(viewer.viewer).toMatchObject({ id: user.id, email: user.email });
  });

  it('refuses a cookie-authenticated request without the matching x-csrf-token header', async () => {
    const user = await api.fixtures.orgAdmin(tenant.id);
    const team = await api.fixtures.team(tenant.id);
    const client = await signedIn(user);

    const withoutHeader = await client.gql(MY_TEAMS, {}, { csrf: false });
    expectError(withoutHeader, 'FORBIDDEN', /security token/);
    expect(withoutHeader.data).toBeNull();

    const wrongHeader = await client.gql(`{ teams { id name } }`, {}, { csrf: false, headers: { 'x-csrf-token': 'x'.repeat(32) } });
    expectError(wrongHeader, 'FORBIDDEN');
    expect(wrongHeader.body).not.toContain(team.name);

    // Without the header the request is anonymous: the viewer is not revealed either.
    expect(expectData(await client.gql(VIEWER, {}, { csrf: false })).viewer).toBeNull();
    // Nothing was written by the refused mutation.
    const before = await api.fixtures.count('team', 'tenant_id = $1', [tenant.id]);
    expectError(await client.gql('mutation { createTeam(input: { name: "Forged" }) { id } }', {}, { csrf: false }), 'FORBIDDEN');
    expect(await api.fixtures.count('team', 'tenant_id = $1', [tenant.id])).toBe(before);
  });

  it('accepts a bearer token without CSRF', async () => {
    const user = await api.fixtures.participant(tenant.id);
    const token = accessTokenOf(await signedIn(user));
    const result = await bearerClient(token).gql<{ viewer: { id: string } }>(VIEWER);
    expect(expectData(result).viewer.id).toBe(user.id);
    expectData(await bearerClient(token).gql(MY_TEAMS));
  });

  it('rejects a token whose signature was tampered with, or that another secret signed', async () => {
    const user = await api.fixtures.participant(tenant.id);
    const token = accessTokenOf(await signedIn(user));
    const [header, payload, encodedSignature] = token.split('.');
    const signature = must(encodedSignature, 'a signature in the access token');
    const middle = Math.floor(signature.length / 2);
    const flipped = signature[middle] === 'A' ? 'B' : 'A';
    const tampered = `${header}.${payload}.${signature.slice(0, middle)}${flipped}${signature.slice(middle + 1)}`;
    expectError(await bearerClient(tampered).gql(MY_TEAMS), 'UNAUTHENTICATED', 'Please sign in to continue.');

    const now = Math.floor(Date.now() / 1000);
    const claims = { userId: user.id, sessionId: await sessionIdOf(user.id), tenantId: tenant.id, tenantRole: 'PARTICIPANT' };
    const foreign = await forgeAccessToken(claims, { secret: 'another-secret-another-secret-another-secret', issuedAt: now, expiresAt: now + 600 });
    expectError(await bearerClient(foreign).gql(MY_TEAMS), 'UNAUTHENTICATED', 'Please sign in to continue.');
    // The same claims signed with the real secret work, so the signature alone was refused.
    const genuine = await forgeAccessToken(claims, { issuedAt: now, expiresAt: now + 600 });
    expectData(await bearerClient(genuine).gql(MY_TEAMS));
  });

  it('refuses a token signed with the right key that names another person’s session', async () => {
    const victim = await api.fixtures.participant(tenant.id);
    await signedIn(victim);
    const attacker = await api.fixtures.participant(tenant.id);
    await signedIn(attacker);
    const now = Math.floor(Date.now() / 1000);
    const times = { issuedAt: now, expiresAt: now + 600 };
    const ownSession = { userId: attacker.id, sessionId: await sessionIdOf(attacker.id), tenantId: tenant.id, tenantRole: 'PARTICIPANT' };
    expectData(await bearerClient(await forgeAccessToken(ownSession, times)).gql(MY_TEAMS));
    // The victim's live session under the attacker's name, and the attacker's name on the victim's session.
    const crossed = await forgeAccessToken({ ...ownSession, sessionId: await sessionIdOf(victim.id) }, times);
    expectError(await bearerClient(crossed).gql(MY_TEAMS), 'UNAUTHENTICATED', 'You have been signed out. Please sign in again.');
    const impersonating = await forgeAccessToken({ ...ownSession, userId: victim.id }, times);
    expectError(await bearerClient(impersonating).gql(MY_TEAMS), 'UNAUTHENTICATED', 'You have been signed out. Please sign in again.');
  });

  it('takes roles from the database, not the token: a claimed platform or organisation role gives no authority', async () => {
    const participant = await api.fixtures.participant(tenant.id);
    await signedIn(participant);
    const now = Math.floor(Date.now() / 1000);
    const times = { issuedAt: now, expiresAt: now + 600 };
    const genuine = { userId: participant.id, sessionId: await sessionIdOf(participant.id), tenantId: tenant.id, tenantRole: 'PARTICIPANT' };

    const claimsAdmin = bearerClient(await forgeAccessToken({ ...genuine, platformRoles: ['PLATFORM_ADMIN', 'FACILITATOR'] }, times));
    const slug = `forged-${unique()}`;
    expectError(
      await claimsAdmin.gql('mutation($input: CreateTenantInput!) { createTenant(input: $input) { id } }', { input: { name: `Forged ${slug}`, slug, timeZone: 'Europe/London' } }),
      'FORBIDDEN',
    );
    expect(await api.fixtures.count('tenant', 'slug = $1', [slug])).toBe(0);
    expectError(await claimsAdmin.gql('{ failedMessages { id } }'), 'FORBIDDEN');
    expect(expectData(await claimsAdmin.gql<{ viewer: { platformRoles: string[]; tenantRole: string } }>(VIEWER)).viewer).toMatchObject({
      platformRoles: [],
      tenantRole: 'PARTICIPANT',
    });

    const claimsOrgAdmin = bearerClient(await forgeAccessToken({ ...genuine, tenantRole: 'ORG_ADMIN' }, times));
    const before = await api.fixtures.count('team', 'tenant_id = $1', [tenant.id]);
    expectError(await claimsOrgAdmin.gql('mutation { createTeam(input: { name: "Forged team" }) { id } }'), 'FORBIDDEN');
    expect(await api.fixtures.count('team', 'tenant_id = $1', [tenant.id])).toBe(before);

    // The other way round: a real platform admin whose token claims nothing still acts as one.
    const adminSession = { userId: platformAdmin.id, sessionId: await sessionIdOf(platformAdmin.id), tenantId: null, tenantRole: null, platformRoles: [] };
    expectData(await bearerClient(await forgeAccessToken(adminSession, times)).gql('{ failedMessages { id } }'));
  });

  it('rejects an expired token and says the session expired', async () => {
    const user = await api.fixtures.participant(tenant.id);
    await signedIn(user);
    const now = Math.floor(Date.now() / 1000);
    const claims = { userId: user.id, sessionId: await sessionIdOf(user.id), tenantId: tenant.id, tenantRole: 'PARTICIPANT' };
    const expired = await forgeAccessToken(claims, { issuedAt: now - 3600, expiresAt: now - 60 });
    expectError(await bearerClient(expired).gql(MY_TEAMS), 'UNAUTHENTICATED', 'Your session has expired. Please sign in again.');
    const stillValid = await forgeAccessToken(claims, { issuedAt: now - 3600, expiresAt: now + 60 });
    expectData(await bearerClient(stillValid).gql(MY_TEAMS));
  });

  it('gives the same answer for an unknown email and a wrong password', async () => {
    const user = await api.fixtures.participant(tenant.id);
    const unknown = await api.client().login(`nobody-${unique()}@example.org`, 'whatever password');
    const wrong = await api.client().login(user.email, 'not the right password');
    const unknownError = expectError(unknown, 'UNAUTHENTICATED', WRONG_CREDENTIALS);
    const wrongError = expectError(wrong, 'UNAUTHENTICATED', WRONG_CREDENTIALS);
    expect(wrongError).toEqual(unknownError);
    expect(unknown.statusCode).toBe(wrong.statusCode);
  });

  it('records LOGIN_FAILED and LOGIN_SUCCEEDED with the client address', async () => {
    const user = await api.fixtures.participant(tenant.id);
    const client = api.client();
    expectError(await client.login(user.email, 'not the right password'), 'UNAUTHENTICATED');
    expectData(await client.login(user.email, user.password));
    const { rows } = await api.owner.query<{ action: string; actor: string; ip: string; tenant: string | null; detail: { reason?: string } }>(
      `SELECT action, actor_user_id AS actor, host(ip_address) AS ip, tenant_id AS tenant, detail FROM audit_event
        WHERE actor_user_id = $1 AND action IN ('LOGIN_FAILED', 'LOGIN_SUCCEEDED') ORDER BY id`,
      [user.id],
    );
    expect(rows).toEqual([
      { action: 'LOGIN_FAILED', actor: user.id, ip: client.remoteAddress, tenant: null, detail: { reason: 'wrong password' } },
      { action: 'LOGIN_SUCCEEDED', actor: user.id, ip: client.remoteAddress, tenant: tenant.id, detail: {} },
    ]);
  });
});

describe('rate limits on signing in', () => {
  it('refuses an account after five failures, even with the right password, from any address', async () => {
    const user = await api.fixtures.participant(tenant.id);
    for (let attempt = 0; attempt < AuthPolicy.loginFailuresPerAccount; attempt += 1) {
      expectError(await api.client().login(user.email, `wrong password ${attempt}`), 'UNAUTHENTICATED', WRONG_CREDENTIALS);
    }
    const error = expectError(await api.client().login(user.email, user.password), 'RATE_LIMITED', /Too many unsuccessful sign-in attempts/);
    expect(error.extensions?.retryAfterSeconds).toBeGreaterThan(0);
    expect(error.extensions?.retryAfterSeconds).toBeLessThanOrEqual(AuthPolicy.loginFailureWindowSeconds);
    expect(await api.fixtures.count('auth_session', 'user_id = $1', [user.id])).toBe(0);
  });

  it('refuses an address after twenty failures across accounts', async () => {
    const attacker = api.client();
    for (let attempt = 0; attempt < AuthPolicy.loginFailuresPerAddress; attempt += 1) {
      expectError(await attacker.login(`guess-${attempt}-${unique()}@example.org`, 'a guessed password'), 'UNAUTHENTICATED');
    }
    const user = await api.fixtures.participant(tenant.id);
    const error = expectError(await attacker.login(user.email, user.password), 'RATE_LIMITED');
    expect(error.extensions?.retryAfterSeconds).toBeGreaterThan(0);
    // The account itself is not blocked: from another address the person signs in.
    expectData(await api.client().login(user.email, user.password));
  });
});

describe('refreshing a session', () => {
  it('rotates the refresh token and spends the old one', async () => {
    const user = await api.fixtures.participant(tenant.id);
    const client = await signedIn(user);
    const first = client.cookie('lena_refresh')!;
    const refreshed = expectData(await client.gql<{ refreshSession: { viewer: { id: string; tenantId: string } } }>(REFRESH));
    expect(refreshed.refreshSession.viewer).toMatchObject({ id: user.id, tenantId: tenant.id });
    const second = client.cookie('lena_refresh')!;
    expect(second).not.toBe(first);
    const { rows } = await api.owner.query<{ used: boolean }>('SELECT used_at IS NOT NULL AS used FROM refresh_token WHERE token_hash = $1', [
      createHash('sha256').update(first).digest(),
    ]);
    expect(rows).toEqual([{ used: true }]);
    expectData(await client.gql(MY_TEAMS));
  });

  it('treats a spent refresh token presented again as theft: the whole session ends and it is audited', async () => {
    const user = await api.fixtures.participant(tenant.id);
    const client = await signedIn(user);
    const spent = client.cookie('lena_refresh')!;
    expectData(await client.gql(REFRESH));
    const sessionId = await sessionIdOf(user.id);
    await spentLongAgo(spent);

    const thief = api.client();
    thief.setCookie('lena_refresh', spent);
    thief.setCookie('lena_csrf', 'thief-csrf-token-value');
    expectError(await thief.gql(REFRESH), 'UNAUTHENTICATED', /signed out/);

    // The legitimate holder's newest tokens stop working too.
    expectError(await client.gql(MY_TEAMS), 'UNAUTHENTICATED', 'You have been signed out. Please sign in again.');
    expectError(await client.gql(REFRESH), 'UNAUTHENTICATED');
    const { rows } = await api.owner.query<{ revoked: boolean }>('SELECT revoked_at IS NOT NULL AS revoked FROM auth_session WHERE id = $1', [sessionId]);
    expect(rows).toEqual([{ revoked: true }]);
    expect(await api.fixtures.count('audit_event', `action = 'REFRESH_TOKEN_REUSED' AND target_id = $1 AND actor_user_id = $2`, [sessionId, user.id])).toBe(1);
  });

  it('lets two tabs that refresh at the same moment both carry on in one chain (the loser of the race is not a thief)', async () => {
    const user = await api.fixtures.participant(tenant.id);
    const firstTab = await signedIn(user);
    const secondTab = api.client();
    for (const name of ['lena_access', 'lena_refresh', 'lena_csrf']) secondTab.setCookie(name, firstTab.cookie(name)!);
    const shared = firstTab.cookie('lena_refresh')!;
    const sessionId = await sessionIdOf(user.id);

    const [first, second] = await Promise.all([firstTab.gql(REFRESH), secondTab.gql(REFRESH)]);
    expectData(first);
    expectData(second);
    expect(firstTab.cookie('lena_refresh')).not.toBe(shared);
    expect(secondTab.cookie('lena_refresh')).not.toBe(shared);
    // One live chain: the later refresh superseded the earlier one's token instead of forking.
    const live = await unspentTokens(sessionId);
    expect(live).toHaveLength(1);
    expect([firstTab.cookie('lena_refresh')!, secondTab.cookie('lena_refresh')!].map(tokenHash)).toContain(live[0]);
    expectData(await firstTab.gql(MY_TEAMS));
    expectData(await secondTab.gql(MY_TEAMS));

    // The tab left holding the superseded token still refreshes inside the window, and still in one chain.
    const behind = tokenHash(firstTab.cookie('lena_refresh')!) === live[0] ? secondTab : firstTab;
    expectData(await behind.gql(REFRESH));
    expect(await unspentTokens(sessionId)).toEqual([tokenHash(behind.cookie('lena_refresh')!)]);
    expectData(await behind.gql(MY_TEAMS));
    expect(await api.fixtures.count('audit_event', `action = 'REFRESH_TOKEN_REUSED' AND actor_user_id = $1`, [user.id])).toBe(0);
  });

  it.each([
    ['the first token', 'original'],
    ['the successor the grace refresh superseded', 'successor'],
  ] as const)('after two refreshes with one token inside the window, replaying %s later ends the session', async (_, replayed) => {
    const user = await api.fixtures.participant(tenant.id);
    const client = await signedIn(user);
    const sessionId = await sessionIdOf(user.id);
    const original = client.cookie('lena_refresh')!;
    expectData(await client.gql(REFRESH));
    const successor = client.cookie('lena_refresh')!;

    const otherTab = api.client();
    otherTab.setCookie('lena_refresh', original);
    otherTab.setCookie('lena_csrf', client.cookie('lena_csrf')!);
    expectData(await otherTab.gql(REFRESH));
    const newest = otherTab.cookie('lena_refresh')!;

    // original → successor → newest: one chain, and only its end is unspent.
    const { rows: chain } = await api.owner.query<{ hash: Buffer; next: Buffer | null }>(
      `SELECT r.token_hash AS hash, n.token_hash AS next FROM refresh_token r LEFT JOIN refresh_token n ON n.id = r.replaced_by
        WHERE r.session_id = $1 ORDER BY r.created_at, r.id`,
      [sessionId],
    );
    expect(chain.map((row) => [hex(row.hash), row.next && hex(row.next)])).toEqual([
      [tokenHash(original), tokenHash(successor)],
      [tokenHash(successor), tokenHash(newest)],
      [tokenHash(newest), null],
    ]);
    expect(await unspentTokens(sessionId)).toEqual([tokenHash(newest)]);

    await api.owner.query(`UPDATE refresh_token SET used_at = now() - interval '1 minute' WHERE session_id = $1 AND used_at IS NOT NULL`, [sessionId]);
    const thief = api.client();
    thief.setCookie('lena_refresh', { original, successor }[replayed]);
    thief.setCookie('lena_csrf', 'thief-csrf-token-value');
    expectError(await thief.gql(REFRESH), 'UNAUTHENTICATED', /signed out/);
    expectError(await otherTab.gql(MY_TEAMS), 'UNAUTHENTICATED');
    expectError(await otherTab.gql(REFRESH), 'UNAUTHENTICATED');
    expect(await api.fixtures.count('audit_event', `action = 'REFRESH_TOKEN_REUSED' AND target_id = $1`, [sessionId])).toBe(1);
  });

  it('keeps a token’s first spending time, so presenting it again and again cannot stretch the grace window', async () => {
    const user = await api.fixtures.participant(tenant.id);
    const client = await signedIn(user);
    const spent = client.cookie('lena_refresh')!;
    const usedAt = async () =>
      oneRow(
        (await api.owner.query<{ usedAt: Date }>('SELECT used_at AS "usedAt" FROM refresh_token WHERE token_hash = $1', [createHash('sha256').update(spent).digest()])).rows,
        'refresh_token',
      ).usedAt;
    expectData(await client.gql(REFRESH));
    const firstSpent = await usedAt();

    const otherTab = api.client();
    otherTab.setCookie('lena_refresh', spent);
    otherTab.setCookie('lena_csrf', client.cookie('lena_csrf')!);
    expectData(await otherTab.gql(REFRESH));
    expect(await usedAt()).toEqual(firstSpent);
  });

  it('needs the CSRF header too', async () => {
    const user = await api.fixtures.participant(tenant.id);
    const client = await signedIn(user);
    const before = client.cookie('lena_refresh');
    expectError(await client.gql(REFRESH, {}, { csrf: false }), 'FORBIDDEN');
    expect(client.cookie('lena_refresh')).toBe(before);
    expectData(await client.gql(REFRESH));
  });
});

describe('ending sessions', () => {
  it('logout rejects the same access token at once', async () => {
    const user = await api.fixtures.participant(tenant.id);
    const client = await signedIn(user);
    const token = accessTokenOf(client);
    expectData(await bearerClient(token).gql(MY_TEAMS));
    expect(expectData(await client.gql<{ logout: boolean }>(LOGOUT)).logout).toBe(true);
    expect(client.cookie('lena_access')).toBeUndefined();
    expectError(await bearerClient(token).gql(MY_TEAMS), 'UNAUTHENTICATED', 'You have been signed out. Please sign in again.');
    expect(await api.fixtures.count('audit_event', `action = 'LOGGED_OUT' AND actor_user_id = $1`, [user.id])).toBe(1);
  });

  it('deactivating a facilitator ends their sessions at once and stops sign-in until reactivated', async () => {
    const facilitator = await api.fixtures.facilitator();
    const client = await signedIn(facilitator);
    const profile = '{ myFacilitatorProfile { userId } }';
    expectData(await client.gql(profile));

    const mutation = 'mutation($userId: ID!, $active: Boolean!) { setFacilitatorActive(userId: $userId, active: $active) { userId active } }';
    const deactivated = expectData(await adminClient.gql<{ setFacilitatorActive: { active: boolean } }>(mutation, { userId: facilitator.id, active: false }));
    expect(deactivated.setFacilitatorActive.active).toBe(false);
    expectError(await client.gql(profile), 'UNAUTHENTICATED');
    expectError(await client.gql(REFRESH), 'UNAUTHENTICATED');
    expectError(await api.client().login(facilitator.email, facilitator.password), 'FORBIDDEN', /has been deactivated/);

    expectData(await adminClient.gql(mutation, { userId: facilitator.id, active: true }));
    expectData(await (await signedIn(facilitator)).gql(profile));
  });

  it('changing a member’s role ends their sessions in that organisation at once', async () => {
    const admin = await api.fixtures.orgAdmin(tenant.id);
    const member = await api.fixtures.participant(tenant.id);
    const adminSession = await signedIn(admin);
    const memberSession = await signedIn(member);
    expectData(await memberSession.gql(MY_TEAMS));

    const changed = expectData(
      await adminSession.gql<{ changeMemberRole: { role: string } }>('mutation($input: ChangeMemberRoleInput!) { changeMemberRole(input: $input) { userId role } }', {
        input: { userId: member.id, role: 'ORG_ADMIN' },
      }),
    );
    expect(changed.changeMemberRole.role).toBe('ORG_ADMIN');
    expectError(await memberSession.gql(MY_TEAMS), 'UNAUTHENTICATED');
    expectError(await memberSession.gql(REFRESH), 'UNAUTHENTICATED');
    // The admin who made the change is still signed in.
    expectData(await adminSession.gql(MY_TEAMS));
    const again = expectData(await api.client().login(member.email, member.password));
    expect(again.login.viewer.tenantRole).toBe('ORG_ADMIN');
  });

  it('a token for the organisation a session switched away from stops working', async () => {
    const other = await api.fixtures.tenant();
    const person = await api.fixtures.orgAdmin(tenant.id);
    await api.fixtures.membership(other.id, person.id, 'PARTICIPANT');
    const client = await signedIn(person);
    const firstTenant = (await client.gql<{ viewer: { tenantId: string } }>(VIEWER)).data!.viewer.tenantId;
    const target = firstTenant === tenant.id ? other.id : tenant.id;
    const before = accessTokenOf(client);

    const switched = expectData(
      await client.gql<{ switchTenant: { viewer: { tenantId: string } } }>('mutation($id: ID!) { switchTenant(tenantId: $id) { viewer { tenantId } } }', { id: target }),
    );
    expect(switched.switchTenant.viewer.tenantId).toBe(target);
    expect(expectData(await client.gql<{ viewer: { tenantId: string } }>(VIEWER)).viewer.tenantId).toBe(target);
    // Otherwise a role change or removal in the first organisation would miss the old token.
    expectError(await bearerClient(before).gql(MY_TEAMS), 'UNAUTHENTICATED');
  });
});

describe('suspended organisations', () => {
  it('ends the sessions of its people at once, refuses their sign-in, and reactivation restores it', async () => {
    const suspended = await api.fixtures.tenant();
    const admin = await api.fixtures.orgAdmin(suspended.id);
    const member = await api.fixtures.participant(suspended.id);
    const adminSession = await signedIn(admin);
    const memberSession = await signedIn(member);
    const bystander = await signedIn(await api.fixtures.participant(tenant.id));

    const suspend = 'mutation($id: ID!) { suspendTenant(id: $id) { id status suspendedAt } }';
    const result = expectData(await adminClient.gql<{ suspendTenant: { status: string; suspendedAt: string } }>(suspend, { id: suspended.id }));
    expect(result.suspendTenant.status).toBe('SUSPENDED');
    expect(result.suspendTenant.suspendedAt).toBeTruthy();

    for (const session of [adminSession, memberSession]) {
      expectError(await session.gql(MY_TEAMS), 'UNAUTHENTICATED');
      expectError(await session.gql(REFRESH), 'UNAUTHENTICATED');
    }
    expectData(await bystander.gql(MY_TEAMS));
    for (const person of [admin, member]) {
      expectError(await api.client().login(person.email, person.password), 'FORBIDDEN', /suspended/);
    }

    const reactivated = expectData(
      await adminClient.gql<{ reactivateTenant: { status: string } }>('mutation($id: ID!) { reactivateTenant(id: $id) { status } }', { id: suspended.id }),
    );
    expect(reactivated.reactivateTenant.status).toBe('ACTIVE');
    expectData(await (await signedIn(admin)).gql(MY_TEAMS));
  });
});

describe('password reset', () => {
  const REQUEST = 'mutation($email: String!) { requestPasswordReset(email: $email) }';
  const RESET = 'mutation($input: ResetPasswordInput!) { resetPassword(input: $input) }';

  it('answers true for every address but emails only known accounts', async () => {
    const user = await api.fixtures.participant(tenant.id);
    const unknownEmail = `unknown-${unique()}@example.org`;
    const outboxBefore = await api.fixtures.count('outbox_message');

    expect(expectData(await api.client().gql<{ requestPasswordReset: boolean }>(REQUEST, { email: unknownEmail })).requestPasswordReset).toBe(true);
    await api.settled();
    expect(await api.fixtures.count('outbox_message')).toBe(outboxBefore);

    expect(expectData(await api.client().gql<{ requestPasswordReset: boolean }>(REQUEST, { email: user.email.toUpperCase() })).requestPasswordReset).toBe(true);
    await api.settled();
    expect(await api.fixtures.count('outbox_message')).toBe(outboxBefore + 1);
    expect(await api.fixtures.count('outbox_message', `payload->>'to' = $1`, [user.email])).toBe(1);
    expect(await api.fixtures.count('password_reset', 'user_id = $1', [user.id])).toBe(1);
  });

  it('sends no link to a deactivated account, nor to one with no password yet, and answers them alike', async () => {
    const deactivated = await api.fixtures.participant(tenant.id);
    const withoutPassword = await api.fixtures.participant(tenant.id);
    await api.owner.query(`UPDATE user_account SET status = 'DEACTIVATED' WHERE id = $1`, [deactivated.id]);
    await api.owner.query('UPDATE user_account SET password_hash = NULL WHERE id = $1', [withoutPassword.id]);

    for (const user of [deactivated, withoutPassword]) {
      expect(expectData(await api.client().gql<{ requestPasswordReset: boolean }>(REQUEST, { email: user.email })).requestPasswordReset).toBe(true);
      await api.settled();
      expect(await api.fixtures.count('password_reset', 'user_id = $1', [user.id])).toBe(0);
      expect(await api.fixtures.count('outbox_message', `payload->>'to' = $1`, [user.email])).toBe(0);
    }
  });

  it('sets the new password, ends every session, and the link works once', async () => {
    const user = await api.fixtures.participant(tenant.id);
    const oldSession = await signedIn(user);
    expectData(await api.client().gql(REQUEST, { email: user.email }));
    await api.settled();
    const token = await api.fixtures.emailedToken(user.email);
    const newPassword = 'a brand new passphrase 42';

    expect(expectData(await api.client().gql<{ resetPassword: boolean }>(RESET, { input: { token, password: newPassword } })).resetPassword).toBe(true);
    expectError(await oldSession.gql(MY_TEAMS), 'UNAUTHENTICATED');
    expectError(await api.client().login(user.email, user.password), 'UNAUTHENTICATED', WRONG_CREDENTIALS);
    expectData(await api.client().login(user.email, newPassword));

    const reused = expectError(await api.client().gql(RESET, { input: { token, password: 'yet another passphrase 7' } }), 'BAD_USER_INPUT');
    fieldProblem(reused, 'token');
    expectData(await api.client().login(user.email, newPassword));
  });

  it('of two resets with one link racing, exactly one sets the password', async () => {
    const user = await api.fixtures.participant(tenant.id);
    expectData(await api.client().gql(REQUEST, { email: user.email }));
    await api.settled();
    const token = await api.fixtures.emailedToken(user.email);
    const passwords = ['the first racing passphrase', 'the second racing passphrase'];
    // Both pass the link check before the transaction; only the atomic spend can keep one out.
    const results = await Promise.all(passwords.map((password) => api.client().gql<{ resetPassword: boolean }>(RESET, { input: { token, password } })));
    const winners = results.flatMap((result, index) => (result.errors ? [] : [passwords[index]]));
    expect(winners).toHaveLength(1);
    const winner = must(winners[0], 'a password that was set');
    fieldProblem(
      expectError(
        results.find((result) => result.errors)!,
        'BAD_USER_INPUT',
      ),
      'token',
    );
    expectData(await api.client().login(user.email, winner));
    expectError(
      await api.client().login(
        user.email,
        passwords.find((password) => password !== winner)!,
      ),
      'UNAUTHENTICATED',
      WRONG_CREDENTIALS,
    );
  });

  it('voids the person’s other reset links once one of them is used', async () => {
    const user = await api.fixtures.participant(tenant.id);
    expectData(await api.client().gql(REQUEST, { email: user.email }));
    await api.settled();
    const earlier = await api.fixtures.emailedToken(user.email);
    expectData(await api.client().gql(REQUEST, { email: user.email }));
    await api.settled();
    const later = await api.fixtures.emailedToken(user.email);
    expect(later).not.toBe(earlier);
    const bystander = await api.fixtures.participant(tenant.id);
    expectData(await api.client().gql(REQUEST, { email: bystander.email }));
    await api.settled();

    expectData(await api.client().gql(RESET, { input: { token: later, password: 'a brand new passphrase 43' } }));
    const stale = expectError(await api.client().gql(RESET, { input: { token: earlier, password: 'an attacker passphrase 44' } }), 'BAD_USER_INPUT');
    fieldProblem(stale, 'token');
    expectError(await api.client().login(user.email, 'an attacker passphrase 44'), 'UNAUTHENTICATED', WRONG_CREDENTIALS);
    expectData(await api.client().login(user.email, 'a brand new passphrase 43'));
    expect(await api.fixtures.count('password_reset', 'user_id = $1 AND used_at IS NULL', [user.id])).toBe(0);
    // Another person's link is untouched.
    expect(await api.fixtures.count('password_reset', 'user_id = $1 AND used_at IS NULL', [bystander.id])).toBe(1);
  });

  it('keeps the link out of the database in clear while the email waits to be sent', async () => {
    const user = await api.fixtures.participant(tenant.id);
    expectData(await api.client().gql(REQUEST, { email: user.email }));
    await api.settled();
    const token = await api.fixtures.emailedToken(user.email);
    const { rows } = await api.owner.query<{ payload: string }>(`SELECT payload::text AS payload FROM outbox_message WHERE payload->>'to' = $1`, [user.email]);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.payload).not.toContain(token);
    expect(rows[0]?.payload).not.toContain('reset-password');
  });
});

describe('invitations', () => {
  const CREATE_TENANT = 'mutation($input: CreateTenantInput!) { createTenant(input: $input) { id name } }';
  const INVITE_ORG_ADMIN = 'mutation($input: InviteOrgAdminInput!) { inviteOrgAdmin(input: $input) { id email role status tenantId } }';
  const PREVIEW = 'query($token: String!) { invitationPreview(token: $token) { email role organisationName existingAccount } }';
  const ACCEPT = 'mutation($input: AcceptInvitationInput!) { acceptInvitation(input: $input) { viewer { id email tenantId tenantRole } } }';
  const CREATE_TEAM = 'mutation($name: String!) { createTeam(input: { name: $name }) { id name } }';
  const INVITE_PARTICIPANT = 'mutation($input: InviteParticipantInput!) { inviteParticipant(input: $input) { id email role status teamId } }';

  it('takes a new organisation from platform admin to org admin to participant in a team', async () => {
    const suffix = unique();
    const created = expectData(
      await adminClient.gql<{ createTenant: { id: string; name: string } }>(CREATE_TENANT, {
        input: { name: `Northern Ambulance ${suffix}`, slug: `northern-${suffix}`, timeZone: 'Europe/London' },
      }),
    ).createTenant;

    const coordinatorEmail = `coordinator-${suffix}@example.org`;
    const invitation = expectData(
      await adminClient.gql<{ inviteOrgAdmin: { status: string; role: string; tenantId: string } }>(INVITE_ORG_ADMIN, { input: { tenantId: created.id, email: coordinatorEmail } }),
    );
    expect(invitation.inviteOrgAdmin).toMatchObject({ status: 'PENDING', role: 'ORG_ADMIN', tenantId: created.id });
    const adminToken = await api.fixtures.emailedToken(coordinatorEmail);

    const preview = expectData(await api.client().gql<{ invitationPreview: Record<string, unknown> }>(PREVIEW, { token: adminToken }));
    expect(preview.invitationPreview).toEqual({ email: coordinatorEmail, role: 'ORG_ADMIN', organisationName: created.name, existingAccount: false });

    const coordinator = api.client();
    const accepted = expectData(
      await coordinator.gql<{ acceptInvitation: { viewer: { tenantId: string; tenantRole: string; email: string } } }>(ACCEPT, {
        input: { token: adminToken, displayName: 'Casey Coordinator', password: 'coordinator passphrase 1' },
      }),
    );
    expect(accepted.acceptInvitation.viewer).toMatchObject({ email: coordinatorEmail, tenantId: created.id, tenantRole: 'ORG_ADMIN' });
    expect(coordinator.cookie('lena_access')).toBeTruthy();

    const team = expectData(await coordinator.gql<{ createTeam: { id: string; name: string } }>(CREATE_TEAM, { name: 'Night shift' })).createTeam;
    const participantEmail = `participant-${suffix}@example.org`;
    const invited = expectData(
      await coordinator.gql<{ inviteParticipant: { teamId: string; role: string } }>(INVITE_PARTICIPANT, { input: { email: participantEmail, teamId: team.id } }),
    );
    expect(invited.inviteParticipant).toMatchObject({ teamId: team.id, role: 'PARTICIPANT' });
    const participantToken = await api.fixtures.emailedToken(participantEmail);

    const participant = api.client();
    const joined = expectData(
      await participant.gql<{ acceptInvitation: { viewer: { tenantRole: string; tenantId: string } } }>(ACCEPT, {
        input: { token: participantToken, displayName: 'Pat Participant', password: 'participant passphrase 2' },
      }),
    );
    expect(joined.acceptInvitation.viewer).toMatchObject({ tenantId: created.id, tenantRole: 'PARTICIPANT' });
    const myTeams = expectData(await participant.gql<{ myTeams: { id: string; name: string }[] }>(MY_TEAMS));
    expect(myTeams.myTeams).toEqual([{ id: team.id, name: 'Night shift' }]);

    // Each link works once.
    const again = expectError(
      await api.client().gql(ACCEPT, { input: { token: participantToken, displayName: 'Someone Else', password: 'another passphrase 3' } }),
      'BAD_USER_INPUT',
    );
    fieldProblem(again, 'token');
    expectError(await api.client().gql(PREVIEW, { token: participantToken }), 'BAD_USER_INPUT');
  });

  it('keeps the invitation link and its token out of the outbox row in clear; only recipient and subject are readable', async () => {
    const email = `sealed-${unique()}@example.org`;
    expectData(await adminClient.gql(INVITE_ORG_ADMIN, { input: { tenantId: tenant.id, email } }));
    const sent = await api.fixtures.queuedEmailTo(email);
    const token = await api.fixtures.emailedToken(email);
    expect(sent.text).toContain(token);
    const { rows } = await api.owner.query<{ payload: Record<string, unknown>; raw: string }>(
      `SELECT payload, payload::text AS raw FROM outbox_message WHERE kind = 'email' AND payload->>'to' = $1`,
      [email],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]?.payload).toMatchObject({ to: email, subject: sent.subject });
    for (const secret of [token, 'token=', api.config.clientPortalUrl, sent.text.slice(0, 40)]) expect(rows[0]?.raw).not.toContain(secret);
    // The invitation row itself keeps only the token's hash.
    const { rows: hashes } = await api.owner.query<{ hash: Buffer }>('SELECT token_hash AS hash FROM invitation WHERE email = $1', [email]);
    expect(hashes.map((row) => hex(row.hash))).toEqual([tokenHash(token)]);
  });

  it('of two acceptances of one link racing, exactly one wins', async () => {
    const invitation = await api.fixtures.invitation({ tenantId: tenant.id, role: 'PARTICIPANT' });
    const results = await Promise.all(
      ['First Racer', 'Second Racer'].map((displayName, index) =>
        api
          .client()
          .gql<{ acceptInvitation: { viewer: { id: string } } }>(ACCEPT, { input: { token: invitation.token, displayName, password: `racing passphrase ${index} long` } }),
      ),
    );
    const winners = results.filter((result) => !result.errors);
    const losers = results.filter((result) => result.errors);
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(1);
    fieldProblem(expectError(must(losers[0], 'a refused acceptance'), 'BAD_USER_INPUT'), 'token');
    const winner = expectData(must(winners[0], 'an acceptance that won')).acceptInvitation.viewer.id;
    expect(await api.fixtures.count('user_account', 'email = $1', [invitation.email])).toBe(1);
    expect(await api.fixtures.count('tenant_membership', 'user_id = $1', [winner])).toBe(1);
    expect(await api.fixtures.count('auth_session', 'user_id = $1', [winner])).toBe(1);
  });

  it('adds a role to an existing account, which keeps its password and must prove it', async () => {
    const other = await api.fixtures.tenant();
    const person = await api.fixtures.participant(tenant.id);
    const invitation = await api.fixtures.invitation({ tenantId: other.id, role: 'ORG_ADMIN', email: person.email });
    const preview = expectData(await api.client().gql<{ invitationPreview: { existingAccount: boolean } }>(PREVIEW, { token: invitation.token }));
    expect(preview.invitationPreview.existingAccount).toBe(true);

    const wrong = expectError(
      await api.client().gql(ACCEPT, { input: { token: invitation.token, displayName: 'Someone Else', password: 'not their password at all' } }),
      'BAD_USER_INPUT',
      /already has a Lena account/,
    );
    fieldProblem(wrong, 'password');
    expect(await api.fixtures.count('tenant_membership', 'user_id = $1', [person.id])).toBe(1);

    const accepted = expectData(
      await api.client().gql<{ acceptInvitation: { viewer: { id: string; tenantId: string; tenantRole: string } } }>(ACCEPT, {
        input: { token: invitation.token, displayName: 'Someone Else', password: person.password },
      }),
    );
    expect(accepted.acceptInvitation.viewer).toEqual({ id: person.id, email: person.email, tenantId: other.id, tenantRole: 'ORG_ADMIN' });
    const { rows } = await api.owner.query<{ displayName: string }>('SELECT display_name AS "displayName" FROM user_account WHERE id = $1', [person.id]);
    expect(rows[0]?.displayName).toBe(person.displayName);
    // Same password as before, in both organisations.
    expectData(await api.client().login(person.email, person.password));
    expect(await api.fixtures.count('tenant_membership', 'user_id = $1', [person.id])).toBe(2);
  });

  it('refuses an expired invitation', async () => {
    const invitation = await api.fixtures.invitation({ tenantId: tenant.id, role: 'PARTICIPANT' });
    expectData(await api.client().gql(PREVIEW, { token: invitation.token }));
    await api.owner.query(`UPDATE invitation SET expires_at = now() - interval '1 minute' WHERE id = $1`, [invitation.id]);

    expectError(await api.client().gql(PREVIEW, { token: invitation.token }), 'BAD_USER_INPUT', /expired/);
    const error = expectError(
      await api.client().gql(ACCEPT, { input: { token: invitation.token, displayName: 'Late Person', password: 'late passphrase 123' } }),
      'BAD_USER_INPUT',
    );
    fieldProblem(error, 'token');
    expect(await api.fixtures.count('user_account', 'email = $1', [invitation.email])).toBe(0);
  });

  it('refuses to invite someone who already belongs to the organisation', async () => {
    const admin = await api.fixtures.orgAdmin(tenant.id);
    const member = await api.fixtures.participant(tenant.id);
    const invitationsBefore = await api.fixtures.count('invitation', 'email = $1', [member.email]);

    expectError(await (await signedIn(admin)).gql(INVITE_PARTICIPANT, { input: { email: member.email } }), 'CONFLICT');
    // A platform admin inviting them as org admin is refused the same way.
    expectError(await adminClient.gql(INVITE_ORG_ADMIN, { input: { tenantId: tenant.id, email: member.email } }), 'CONFLICT');
    expect(await api.fixtures.count('invitation', 'email = $1', [member.email])).toBe(invitationsBefore);
  });
});

import { randomUUID } from 'node:crypto';
import { expectData, expectError, must } from './support/expectations';
import { unique, type InvitationFixture, type TenantFixture, type UserFixture } from './support/fixtures';
import { startTestApi, type TestApi } from './support/test-api';
import type { GqlResult, TestClient } from './support/test-client';

const INVITE_PARTICIPANT = 'mutation($email: String!) { inviteParticipant(input: { email: $email }) { id email role status } }';
const INVITE_ORG_ADMIN = 'mutation($tenantId: ID!, $email: String!) { inviteOrgAdmin(input: { tenantId: $tenantId, email: $email }) { id role status } }';
const INVITE_FACILITATOR = 'mutation($email: String!) { inviteFacilitator(input: { email: $email }) { id role status } }';
const RESEND = 'mutation($id: ID!) { resendInvitation(id: $id) { id email role status tenantId expiresAt } }';
const REVOKE = 'mutation($id: ID!) { revokeInvitation(id: $id) { id status } }';
const PREVIEW = 'query($token: String!) { invitationPreview(token: $token) { email role } }';
const ACCEPT = 'mutation($input: AcceptInvitationInput!) { acceptInvitation(input: $input) { viewer { id tenantRole } } }';
const TENANT_MEMBERS = 'query($tenantId: ID!) { tenantMembers(tenantId: $tenantId) { userId displayName email role teamIds joinedAt } }';

interface InvitationResult {
  id: string;
  email: string;
  role: string;
  status: string;
  tenantId: string | null;
  expiresAt: string;
}

let api: TestApi;
let tenant: TenantFixture;
let otherTenant: TenantFixture;
let orgAdmin: UserFixture;
let orgAdminClient: TestClient;
let otherOrgAdminClient: TestClient;
let platformAdmin: UserFixture;
let platformAdminClient: TestClient;
let facilitatorClient: TestClient;
let participantClient: TestClient;

async function signedIn(user: UserFixture): Promise<TestClient> {
  const client = api.client();
  expectData(await client.login(user.email, user.password));
  return client;
}

beforeAll(async () => {
  api = await startTestApi();
  tenant = await api.fixtures.tenant();
  otherTenant = await api.fixtures.tenant();
  orgAdmin = await api.fixtures.orgAdmin(tenant.id);
  orgAdminClient = await signedIn(orgAdmin);
  otherOrgAdminClient = await signedIn(await api.fixtures.orgAdmin(otherTenant.id));
  platformAdmin = await api.fixtures.platformAdmin();
  platformAdminClient = await signedIn(platformAdmin);
  facilitatorClient = await signedIn(await api.fixtures.facilitator());
  participantClient = await signedIn(await api.fixtures.participant(tenant.id));
});

afterAll(async () => {
  await api?.close();
});

const address = (label: string) => `${label}-${unique()}@example.org`;

/** Emails queued for `to` (read from the outbox, as the worker will send them). */
function emailsTo(to: string): Promise<number> {
  return api.fixtures.count('outbox_message', `kind = 'email' AND payload->>'to' = $1`, [to]);
}

/** The plain-text body of the newest email queued for `to`, opened as the worker will open it. */
async function newestEmailText(to: string): Promise<string> {
  return (await api.fixtures.queuedEmailTo(to)).text;
}

function invitationRow(id: string): Promise<{ revokedAt: Date | null; acceptedAt: Date | null; expiresAt: Date; tokenHash: Buffer }> {
  return api.owner
    .query('SELECT revoked_at AS "revokedAt", accepted_at AS "acceptedAt", expires_at AS "expiresAt", token_hash AS "tokenHash" FROM invitation WHERE id = $1', [id])
    .then(({ rows }) => rows[0]);
}

async function auditOf(action: string, targetId: string): Promise<{ actorUserId: string | null; tenantId: string | null }[]> {
  const { rows } = await api.owner.query('SELECT actor_user_id AS "actorUserId", tenant_id AS "tenantId" FROM audit_event WHERE action = $1 AND target_id = $2', [
    action,
    targetId,
  ]);
  return rows;
}

/** A CONFLICT naming the pending invitation to resend instead. */
function expectExistingInvitation(result: GqlResult<unknown>, id: string, message: RegExp): void {
  const error = expectError(result, 'CONFLICT', message);
  expect(error.extensions?.existing).toEqual({ type: 'invitation', id });
  expect(result.data).toBeNull();
}

describe('inviting an address that already has a pending invitation', () => {
  it('answers CONFLICT with the pending invitation’s id, and leaves that invitation and its link working', async () => {
    const email = address('twice');
    const first = expectData(await orgAdminClient.gql<{ inviteParticipant: InvitationResult }>(INVITE_PARTICIPANT, { email })).inviteParticipant;
    const token = await api.fixtures.emailedToken(email);

    const again = await orgAdminClient.gql(INVITE_PARTICIPANT, { email: email.toUpperCase() });
    expectExistingInvitation(
      again,
      first.id,
      new RegExp(`^${email.replace(/[.]/g, '\\.')} already has a pending invitation to this organisation \\(as a participant\\)\\. Resend it`),
    );

    expect(await api.fixtures.count('invitation', 'email = $1', [email])).toBe(1);
    expect((await invitationRow(first.id)).revokedAt).toBeNull();
    expect(await emailsTo(email)).toBe(1);
    expect(expectData(await api.client().gql<{ invitationPreview: { email: string } }>(PREVIEW, { token })).invitationPreview.email).toBe(email);
  });

  it('is the same place whatever the role: a platform admin inviting the same person as organisation admin is offered the participant invitation', async () => {
    const email = address('either-role');
    const first = expectData(await orgAdminClient.gql<{ inviteParticipant: InvitationResult }>(INVITE_PARTICIPANT, { email })).inviteParticipant;
    expectExistingInvitation(await platformAdminClient.gql(INVITE_ORG_ADMIN, { tenantId: tenant.id, email }), first.id, /\(as a participant\)/);
    expect(await api.fixtures.count('invitation', 'email = $1', [email])).toBe(1);
  });

  it('is not the same place in another organisation', async () => {
    const email = address('two-organisations');
    expectData(await orgAdminClient.gql(INVITE_PARTICIPANT, { email }));
    expectData(await otherOrgAdminClient.gql(INVITE_PARTICIPANT, { email }));
    expect(await api.fixtures.count('invitation', 'email = $1 AND revoked_at IS NULL', [email])).toBe(2);
  });

  it('offers the pending staff invitation to resend', async () => {
    const email = address('facilitator-twice');
    const first = expectData(await platformAdminClient.gql<{ inviteFacilitator: InvitationResult }>(INVITE_FACILITATOR, { email })).inviteFacilitator;
    expectExistingInvitation(await platformAdminClient.gql(INVITE_FACILITATOR, { email }), first.id, /already has a pending invitation for this role \(as a facilitator\)/);
    expect(await emailsTo(email)).toBe(1);
  });

  it('sends a new invitation when the earlier one has expired or was revoked', async () => {
    const expired = await api.fixtures.invitation({ tenantId: tenant.id, role: 'PARTICIPANT' });
    await api.owner.query(`UPDATE invitation SET expires_at = now() - interval '1 minute' WHERE id = $1`, [expired.id]);
    const fresh = expectData(await orgAdminClient.gql<{ inviteParticipant: InvitationResult }>(INVITE_PARTICIPANT, { email: expired.email })).inviteParticipant;
    expect(fresh).toMatchObject({ status: 'PENDING' });
    expect(fresh.id).not.toBe(expired.id);

    const revoked = await api.fixtures.invitation({ tenantId: tenant.id, role: 'PARTICIPANT' });
    expectData(await orgAdminClient.gql(REVOKE, { id: revoked.id }));
    expectData(await orgAdminClient.gql(INVITE_PARTICIPANT, { email: revoked.email }));
  });

  it('lets exactly one of several simultaneous invitations of the same person through', async () => {
    const email = address('simultaneous');
    const clients = await Promise.all([orgAdmin, orgAdmin, orgAdmin, orgAdmin, orgAdmin].map((admin) => signedIn(admin)));
    const results = await Promise.all(clients.map((client) => client.gql<{ inviteParticipant: InvitationResult }>(INVITE_PARTICIPANT, { email })));

    const sent = results.filter((result) => !result.errors);
    expect(sent).toHaveLength(1);
    const id = expectData(must(sent[0], 'the invitation that was sent')).inviteParticipant.id;
    for (const refused of results.filter((result) => result.errors)) expectExistingInvitation(refused, id, /already has a pending invitation/);
    expect(await api.fixtures.count('invitation', 'email = $1', [email])).toBe(1);
    expect(await emailsTo(email)).toBe(1);
  });
});

describe('resendInvitation', () => {
  it('emails a fresh link with a fresh expiry; the earlier link stops working; audited', async () => {
    const email = address('resend');
    const invited = expectData(await orgAdminClient.gql<{ inviteParticipant: InvitationResult }>(INVITE_PARTICIPANT, { email })).inviteParticipant;
    const oldToken = await api.fixtures.emailedToken(email);
    // Nearly expired, so the fresh expiry is visibly later.
    await api.owner.query(`UPDATE invitation SET expires_at = now() + interval '1 minute' WHERE id = $1`, [invited.id]);
    const before = await invitationRow(invited.id);

    const resent = expectData(await orgAdminClient.gql<{ resendInvitation: InvitationResult }>(RESEND, { id: invited.id })).resendInvitation;
    expect(resent).toMatchObject({ id: invited.id, email, status: 'PENDING', role: 'PARTICIPANT', tenantId: tenant.id });
    expect(new Date(resent.expiresAt).getTime() - Date.now()).toBeGreaterThan(6 * 24 * 3600 * 1000);

    expect(await emailsTo(email)).toBe(2);
    // The fresh email still names whoever first invited them.
    expect(await newestEmailText(email)).toContain(orgAdmin.displayName);
    const newToken = await api.fixtures.emailedToken(email);
    expect(newToken).not.toBe(oldToken);
    expect((await invitationRow(invited.id)).tokenHash.equals(before.tokenHash)).toBe(false);
    expectError(await api.client().gql(PREVIEW, { token: oldToken }), 'BAD_USER_INPUT', /expired or has already been used/);
    expectError(await api.client().gql(ACCEPT, { input: { token: oldToken, displayName: 'Old Link', password: 'an old link passphrase 1' } }), 'BAD_USER_INPUT');

    const joined = expectData(
      await api
        .client()
        .gql<{ acceptInvitation: { viewer: { tenantRole: string } } }>(ACCEPT, { input: { token: newToken, displayName: 'New Link', password: 'a new link passphrase 2' } }),
    );
    expect(joined.acceptInvitation.viewer.tenantRole).toBe('PARTICIPANT');
    expect(await auditOf('INVITATION_RESENT', invited.id)).toEqual([{ actorUserId: orgAdmin.id, tenantId: tenant.id }]);
  });

  it('sends an expired invitation again as a pending one', async () => {
    const invitation = await api.fixtures.invitation({ tenantId: tenant.id, role: 'PARTICIPANT' });
    await api.owner.query(`UPDATE invitation SET expires_at = now() - interval '1 day' WHERE id = $1`, [invitation.id]);
    const resent = expectData(await orgAdminClient.gql<{ resendInvitation: InvitationResult }>(RESEND, { id: invitation.id })).resendInvitation;
    expect(resent.status).toBe('PENDING');
    expectData(await api.client().gql(PREVIEW, { token: await api.fixtures.emailedToken(invitation.email) }));
  });

  it('refuses an accepted or revoked invitation, and one whose person has joined since, sending nothing', async () => {
    const accepted = await api.fixtures.invitation({ tenantId: tenant.id, role: 'PARTICIPANT' });
    await api.owner.query('UPDATE invitation SET accepted_at = now() WHERE id = $1', [accepted.id]);
    expectError(await orgAdminClient.gql(RESEND, { id: accepted.id }), 'CONFLICT', `${accepted.email} has already accepted this invitation.`);

    const revoked = await api.fixtures.invitation({ tenantId: tenant.id, role: 'PARTICIPANT' });
    expectData(await orgAdminClient.gql(REVOKE, { id: revoked.id }));
    expectError(await orgAdminClient.gql(RESEND, { id: revoked.id }), 'CONFLICT', /was revoked.*Send a new invitation instead\.$/);

    const member = await api.fixtures.participant(tenant.id);
    const stale = await api.fixtures.invitation({ tenantId: tenant.id, role: 'PARTICIPANT', email: member.email });
    expectError(await orgAdminClient.gql(RESEND, { id: stale.id }), 'CONFLICT', 'That person is already a member of this organisation.');

    for (const invitation of [accepted, revoked, stale]) {
      expect(await emailsTo(invitation.email)).toBe(0);
      expect(await auditOf('INVITATION_RESENT', invitation.id)).toEqual([]);
    }
  });

  it('points at the newer pending invitation when an expired one was followed by another', async () => {
    const expired = await api.fixtures.invitation({ tenantId: tenant.id, role: 'PARTICIPANT' });
    await api.owner.query(`UPDATE invitation SET expires_at = now() - interval '1 minute' WHERE id = $1`, [expired.id]);
    const newer = await api.fixtures.invitation({ tenantId: tenant.id, role: 'ORG_ADMIN', email: expired.email });
    expectExistingInvitation(await orgAdminClient.gql(RESEND, { id: expired.id }), newer.id, /has a newer pending invitation\. Resend that one instead\.$/);
    expect(await emailsTo(expired.email)).toBe(0);
  });

  it('is NOT_FOUND to an org admin for another organisation’s or a staff invitation, exactly as for an id that exists nowhere or a malformed one', async () => {
    const theirs = await api.fixtures.invitation({ tenantId: otherTenant.id, role: 'PARTICIPANT' });
    const staff = await api.fixtures.invitation({ tenantId: null, role: 'FACILITATOR' });
    const expiriesBefore = [(await invitationRow(theirs.id)).expiresAt, (await invitationRow(staff.id)).expiresAt];
    const nowhere = await orgAdminClient.gql(RESEND, { id: randomUUID() });
    const nowhereError = expectError(nowhere, 'NOT_FOUND', 'That invitation was not found.');
    for (const id of [theirs.id, staff.id, 'not-an-id']) {
      const result = await orgAdminClient.gql(RESEND, { id });
      expect(expectError(result, 'NOT_FOUND')).toEqual(nowhereError);
    }
    for (const invitation of [theirs, staff]) expect(await emailsTo(invitation.email)).toBe(0);
    expect([(await invitationRow(theirs.id)).expiresAt, (await invitationRow(staff.id)).expiresAt]).toEqual(expiriesBefore);
    expectData(await api.client().gql(PREVIEW, { token: theirs.token }));
    expectData(await api.client().gql(PREVIEW, { token: staff.token }));
  });

  it('is FORBIDDEN to a participant and a facilitator', async () => {
    const invitation = await api.fixtures.invitation({ tenantId: tenant.id, role: 'PARTICIPANT' });
    for (const client of [participantClient, facilitatorClient]) {
      expectError(await client.gql(RESEND, { id: invitation.id }), 'FORBIDDEN', 'You do not have permission to do that.');
    }
    expect(await emailsTo(invitation.email)).toBe(0);
    expectData(await api.client().gql(PREVIEW, { token: invitation.token }));
  });
});

describe('platform admins and staff and organisation-admin invitations', () => {
  const cases: [string, () => Promise<InvitationFixture>][] = [
    ['a facilitator invitation', () => api.fixtures.invitation({ tenantId: null, role: 'FACILITATOR' })],
    ['a platform admin invitation', () => api.fixtures.invitation({ tenantId: null, role: 'PLATFORM_ADMIN' })],
    ['an organisation admin invitation', () => api.fixtures.invitation({ tenantId: otherTenant.id, role: 'ORG_ADMIN' })],
  ];

  it.each(cases)('resend %s: a fresh link to the right portal, the old one dead, audited', async (_name, make) => {
    const invitation = await make();
    const resent = expectData(await platformAdminClient.gql<{ resendInvitation: InvitationResult }>(RESEND, { id: invitation.id })).resendInvitation;
    expect(resent).toMatchObject({ id: invitation.id, status: 'PENDING', tenantId: invitation.tenantId });
    expect(await emailsTo(invitation.email)).toBe(1);
    const text = await newestEmailText(invitation.email);
    expect(text).toContain(`${invitation.tenantId ? api.config.clientPortalUrl : api.config.facilitatorPortalUrl}/invitations/accept?token=`);
    // No one is recorded as the first inviter here, so the email names whoever sent it again.
    expect(text).toContain(platformAdmin.displayName);
    expectError(await api.client().gql(PREVIEW, { token: invitation.token }), 'BAD_USER_INPUT');
    expectData(await api.client().gql(PREVIEW, { token: await api.fixtures.emailedToken(invitation.email) }));
    expect(await auditOf('INVITATION_RESENT', invitation.id)).toEqual([{ actorUserId: platformAdmin.id, tenantId: invitation.tenantId }]);
  });

  it.each(cases)('revoke %s: the link stops working, audited', async (_name, make) => {
    const invitation = await make();
    expect(expectData(await platformAdminClient.gql<{ revokeInvitation: { status: string } }>(REVOKE, { id: invitation.id })).revokeInvitation.status).toBe('REVOKED');
    expectError(await api.client().gql(PREVIEW, { token: invitation.token }), 'BAD_USER_INPUT');
    expect(await auditOf('INVITATION_REVOKED', invitation.id)).toEqual([{ actorUserId: platformAdmin.id, tenantId: invitation.tenantId }]);
  });

  it('NOT_FOUND for an id that exists nowhere or is malformed', async () => {
    expectError(await platformAdminClient.gql(RESEND, { id: randomUUID() }), 'NOT_FOUND', 'That invitation was not found.');
    expectError(await platformAdminClient.gql(RESEND, { id: '1 OR 1=1' }), 'NOT_FOUND', 'That invitation was not found.');
  });
});

describe('tenantMembers', () => {
  it('shows a platform admin an organisation’s people with their roles and teams, and no one else', async () => {
    const place = await api.fixtures.tenant();
    const admin = await api.fixtures.orgAdmin(place.id);
    const participant = await api.fixtures.participant(place.id);
    const team = await api.fixtures.team(place.id);
    await api.fixtures.teamMember(place.id, team.id, participant.id);
    const outsider = await api.fixtures.participant(otherTenant.id);

    const { tenantMembers } = expectData(
      await platformAdminClient.gql<{ tenantMembers: { userId: string; displayName: string; email: string; role: string; teamIds: string[] }[] }>(TENANT_MEMBERS, {
        tenantId: place.id,
      }),
    );
    expect(
      tenantMembers.map(({ userId, displayName, email, role, teamIds }) => ({ userId, displayName, email, role, teamIds })).sort((a, b) => a.email.localeCompare(b.email)),
    ).toEqual(
      [
        { userId: admin.id, displayName: admin.displayName, email: admin.email, role: 'ORG_ADMIN', teamIds: [] },
        { userId: participant.id, displayName: participant.displayName, email: participant.email, role: 'PARTICIPANT', teamIds: [team.id] },
      ].sort((a, b) => a.email.localeCompare(b.email)),
    );
    const result = await platformAdminClient.gql(TENANT_MEMBERS, { tenantId: place.id });
    expect(result.body).not.toContain(outsider.email);
  });

  it('is NOT_FOUND for an organisation that does not exist or a malformed id', async () => {
    expectError(await platformAdminClient.gql(TENANT_MEMBERS, { tenantId: randomUUID() }), 'NOT_FOUND', 'That organisation was not found.');
    expectError(await platformAdminClient.gql(TENANT_MEMBERS, { tenantId: 'nope' }), 'NOT_FOUND', 'That organisation was not found.');
  });

  it('is FORBIDDEN to the organisation’s own admin, a participant and a facilitator', async () => {
    for (const client of [orgAdminClient, participantClient, facilitatorClient]) {
      const result = await client.gql(TENANT_MEMBERS, { tenantId: tenant.id });
      expectError(result, 'FORBIDDEN', 'You do not have permission to do that.');
      expect(result.body).not.toContain(orgAdmin.email);
    }
  });
});

describe('the audit log names who and what', () => {
  const AUDIT = `query($tenantId: ID, $action: String) { auditEvents(tenantId: $tenantId, action: $action, limit: 200) {
    items { action actorUserId actorName actorEmail tenantId tenantName targetType targetId targetName } } }`;
  type Item = {
    action: string;
    actorUserId: string | null;
    actorName: string | null;
    tenantId: string | null;
    tenantName: string | null;
    targetType: string | null;
    targetId: string | null;
    targetName: string | null;
  };
  const read = async (variables: Record<string, unknown>): Promise<Item[]> =>
    expectData(await platformAdminClient.gql<{ auditEvents: { items: Item[] } }>(AUDIT, variables)).auditEvents.items;

  it('gives the actor’s and the organisation’s names, and the target’s name for people, organisations, invitations and sessions', async () => {
    const email = address('audited');
    const invited = expectData(await orgAdminClient.gql<{ inviteParticipant: InvitationResult }>(INVITE_PARTICIPANT, { email })).inviteParticipant;
    expectData(await orgAdminClient.gql(RESEND, { id: invited.id }));
    const person = await api.fixtures.participant(tenant.id);
    expectData(
      await orgAdminClient.gql('mutation($input: ChangeMemberRoleInput!) { changeMemberRole(input: $input) { userId } }', { input: { userId: person.id, role: 'ORG_ADMIN' } }),
    );
    expectData(await platformAdminClient.gql('mutation($id: ID!) { updateTenant(input: { id: $id, minReportingGroupSize: 6 }) { id } }', { id: tenant.id }));
    await signedIn(person);

    const items = await read({ tenantId: tenant.id });
    const find = (action: string, targetId: string) => items.find((item) => item.action === action && item.targetId === targetId);
    const byAdmin = { actorUserId: orgAdmin.id, actorName: orgAdmin.displayName, tenantId: tenant.id, tenantName: tenant.name };
    expect(find('INVITATION_SENT', invited.id)).toMatchObject({ ...byAdmin, targetType: 'invitation', targetName: email });
    expect(find('INVITATION_RESENT', invited.id)).toMatchObject({ ...byAdmin, targetType: 'invitation', targetName: email });
    expect(find('ROLE_CHANGED', person.id)).toMatchObject({ ...byAdmin, targetType: 'user_account', targetName: person.displayName });
    expect(find('TENANT_UPDATED', tenant.id)).toMatchObject({ actorName: platformAdmin.displayName, targetType: 'tenant', targetName: tenant.name });
    const signIn = items.find((item) => item.action === 'LOGIN_SUCCEEDED' && item.actorUserId === person.id);
    expect(signIn).toMatchObject({ actorName: person.displayName, targetType: 'auth_session', targetName: person.displayName });
  });

  it('reads an event whose target id is not a uuid (no name, no failure)', async () => {
    await api.owner.query(`INSERT INTO audit_event (action, tenant_id, target_type, target_id) VALUES ('ROLE_CHANGED', $1, 'user_account', 'legacy-42')`, [otherTenant.id]);
    const items = await read({ tenantId: otherTenant.id, action: 'ROLE_CHANGED' });
    expect(items[0]).toMatchObject({ targetType: 'user_account', targetId: 'legacy-42', targetName: null, actorName: null, tenantName: otherTenant.name });
  });
});

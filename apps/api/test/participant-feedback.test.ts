import { createHash } from 'node:crypto';
import { randomUUID } from 'node:crypto';
import { expectData, expectError } from './support/expectations';
import { unique, type ProgrammeFixture, type TenantFixture, type UserFixture } from './support/fixtures';
import { signedIn } from './support/programmes';
import { startTestApi, type TestApi } from './support/test-api';
import type { TestClient } from './support/test-client';

let api: TestApi;
let tenant: TenantFixture;
let programme: ProgrammeFixture;
let otherProgramme: ProgrammeFixture;
let me: UserFixture;
let neighbour: UserFixture;
let meClient: TestClient;

const TO_GIVE = '{ feedbackToGive { sessionId programmeTitle sequence sessionCount startsAt closesAt } }';
const OPEN = 'mutation($id: ID!) { openFeedbackLink(sessionId: $id) { secret } }';
const SHARED = '{ sharedActionItems { id text programmeId programmeTitle sequence startsAt } }';

const sha256 = (secret: string) => createHash('sha256').update(secret).digest();

beforeAll(async () => {
  api = await startTestApi();
  tenant = await api.fixtures.tenant({ name: `Participant Trust ${unique()}` });
  const team = await api.fixtures.team(tenant.id);
  programme = await api.fixtures.programme(tenant.id, team.id, { title: `Case discussion ${unique()}`, serviceType: 'GTS' });
  otherProgramme = await api.fixtures.programme(tenant.id, team.id, { title: `Another group ${unique()}`, serviceType: 'GTS' });
  me = await api.fixtures.participant(tenant.id);
  neighbour = await api.fixtures.participant(tenant.id);
  await api.fixtures.enrolment(tenant.id, programme.id, me.id);
  await api.fixtures.enrolment(tenant.id, programme.id, neighbour.id);
  await api.fixtures.enrolment(tenant.id, otherProgramme.id, neighbour.id);
  meClient = await signedIn(api, me);
});

afterAll(async () => {
  await api?.close();
});

describe('feedback to give', () => {
  it('lists only my own unspent links on open requests, and opening one gives the link a new secret the feedback page accepts', async () => {
    const open = await api.fixtures.groupSession(tenant.id, programme.id, 1, new Date(Date.now() - 3 * 3_600_000));
    const spent = await api.fixtures.groupSession(tenant.id, programme.id, 2, new Date(Date.now() - 4 * 3_600_000));
    const closed = await api.fixtures.groupSession(tenant.id, programme.id, 3, new Date(Date.now() - 5 * 3_600_000));
    const notMine = await api.fixtures.groupSession(tenant.id, otherProgramme.id, 1, new Date(Date.now() - 3 * 3_600_000));
    const openRequest = await api.fixtures.feedbackRequest(tenant.id, open.id);
    const mine = await api.fixtures.feedbackLink(tenant.id, openRequest.id, me.id);
    await api.fixtures.feedbackLink(tenant.id, openRequest.id, neighbour.id);
    const spentLink = await api.fixtures.feedbackLink(tenant.id, (await api.fixtures.feedbackRequest(tenant.id, spent.id)).id, me.id);
    await api.owner.query('DELETE FROM feedback_link_unspent WHERE link_id = $1', [spentLink.id]);
    await api.fixtures.feedbackLink(tenant.id, (await api.fixtures.feedbackRequest(tenant.id, closed.id, { closesAt: new Date(Date.now() - 60_000) })).id, me.id);
    await api.fixtures.feedbackLink(tenant.id, (await api.fixtures.feedbackRequest(tenant.id, notMine.id)).id, neighbour.id);

    const listed = expectData(await meClient.gql<{ feedbackToGive: Array<{ sessionId: string; programmeTitle: string; sequence: number; sessionCount: number }> }>(TO_GIVE));
    expect(listed.feedbackToGive).toEqual([expect.objectContaining({ sessionId: open.id, programmeTitle: programme.title, sequence: 1, sessionCount: 6 })]);

    const opened = expectData(await meClient.gql<{ openFeedbackLink: { secret: string } }>(OPEN, { id: open.id })).openFeedbackLink;
    expect(opened.secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const { rows } = await api.owner.query<{ token_hash: Buffer }>('SELECT token_hash FROM feedback_link WHERE id = $1', [mine.id]);
    expect(rows[0]!.token_hash.equals(sha256(opened.secret))).toBe(true);
    // The emailed secret stops working; the new one opens the form.
    const inject = (token: string) =>
      api.app
        .getHttpAdapter()
        .getInstance()
        .inject({ method: 'POST', url: '/feedback/form', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ token }) });
    expect((await inject(mine.token)).statusCode).toBe(404);
    expect((await inject(opened.secret)).statusCode).toBe(200);
  });

  it('refuses to open a link for a spent, closed or someone else’s session, or a session that exists nowhere: NOT_FOUND, changing nothing', async () => {
    const session = await api.fixtures.groupSession(tenant.id, otherProgramme.id, 2, new Date(Date.now() - 3 * 3_600_000));
    const link = await api.fixtures.feedbackLink(tenant.id, (await api.fixtures.feedbackRequest(tenant.id, session.id)).id, neighbour.id);
    const before = await api.owner.query<{ token_hash: Buffer }>('SELECT token_hash FROM feedback_link WHERE id = $1', [link.id]);
    expectError(await meClient.gql(OPEN, { id: session.id }), 'NOT_FOUND', /^Feedback for that session was not found\.$/);
    expectError(await meClient.gql(OPEN, { id: randomUUID() }), 'NOT_FOUND');
    expectError(await meClient.gql(OPEN, { id: 'not-an-id' }), 'BAD_USER_INPUT');
    const after = await api.owner.query<{ token_hash: Buffer }>('SELECT token_hash FROM feedback_link WHERE id = $1', [link.id]);
    expect(after.rows[0]!.token_hash.equals(before.rows[0]!.token_hash)).toBe(true);
  });
});

describe('action items shared with my group', () => {
  it('shows the items shared in my programmes only: not unshared ones, not another group’s, never notes', async () => {
    const session = await api.fixtures.groupSession(tenant.id, programme.id, 4, new Date(Date.now() - 26 * 3_600_000));
    const other = await api.fixtures.groupSession(tenant.id, otherProgramme.id, 4, new Date(Date.now() - 26 * 3_600_000));
    const { actionItemIds } = await api.fixtures.sessionNote(tenant.id, session.id, {
      kind: 'GTS',
      caseSummaries: 'A de-identified case summary that stays with the facilitators',
      actionItems: [{ text: 'Try the handover checklist for a fortnight', sharedWithGroup: true }, { text: 'Private follow-up for the facilitator' }],
    });
    await api.fixtures.sessionNote(tenant.id, other.id, { kind: 'GTS', caseSummaries: 'Elsewhere', actionItems: [{ text: 'Another group’s item', sharedWithGroup: true }] });

    const reply = await meClient.gql<{ sharedActionItems: Array<{ id: string; text: string; programmeTitle: string; sequence: number }> }>(SHARED);
    expect(expectData(reply).sharedActionItems).toEqual([
      expect.objectContaining({ id: actionItemIds[0], text: 'Try the handover checklist for a fortnight', programmeTitle: programme.title, sequence: 4 }),
    ]);
    expect(reply.body).not.toContain('de-identified case summary');
    expect(reply.body).not.toContain('Private follow-up');
  });
});

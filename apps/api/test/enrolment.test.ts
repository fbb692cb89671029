import { randomUUID } from 'node:crypto';
import { GROUP_AGREEMENT_VERSION } from '@lena/domain';
import { Jobs, QueueName } from '@lena/jobs';
import { Queue } from 'bullmq';
import { expectData, expectError, fieldProblem } from './support/expectations';
import { unique, type TeamFixture, type TenantFixture, type UserFixture } from './support/fixtures';
import {
  acceptProgramme,
  CHANGE_GROUP_SIZE,
  ENROL_MEMBER,
  PROGRAMME,
  proposeProgramme,
  requestProgramme,
  signedIn,
  WITHDRAW_MEMBER,
  type ProgrammeView,
} from './support/programmes';
import { requireEnv, startTestApi, type TestApi } from './support/test-api';
import type { TestClient } from './support/test-client';

const GROUP_AGREEMENT = 'query($serviceType: ServiceType!) { groupAgreement(serviceType: $serviceType) { serviceType version title introduction rules } }';
const ACCEPT_AGREEMENT = 'mutation($id: ID!) { acceptGroupAgreement(programmeId: $id) { agreementVersion agreementAcceptedAt agreementCurrent } }';
const ENROLMENTS = 'query($id: ID!) { programme(id: $id) { enrolledCount enrolments { userId displayName agreementVersion } myEnrolment { agreementCurrent } } }';

let api: TestApi;
let tenant: TenantFixture;
let team: TeamFixture;
let adminClient: TestClient;
let platformClient: TestClient;

beforeAll(async () => {
  api = await startTestApi();
  tenant = await api.fixtures.tenant({ name: `Enrolment Trust ${unique()}` });
  team = await api.fixtures.team(tenant.id);
  adminClient = await signedIn(api, await api.fixtures.orgAdmin(tenant.id));
  platformClient = await signedIn(api, await api.fixtures.platformAdmin());
});

afterAll(async () => {
  await api?.close();
});

async function acceptedProgramme(overrides: Record<string, unknown> = {}): Promise<ProgrammeView> {
  const requested = await requestProgramme(adminClient, team.id, overrides);
  return acceptProgramme(adminClient, await proposeProgramme(platformClient, requested, (await api.fixtures.facilitator()).id, overrides));
}

async function teamMembers(count: number): Promise<UserFixture[]> {
  const people: UserFixture[] = [];
  for (let index = 0; index < count; index += 1) {
    const person = await api.fixtures.participant(tenant.id);
    await api.fixtures.teamMember(tenant.id, team.id, person.id);
    people.push(person);
  }
  return people;
}

const enrolled = (programmeId: string) => api.fixtures.count('enrolment', 'programme_id = $1', [programmeId]);

describe('enrolling members', () => {
  it('enrols team members up to the largest group size, and audits each', async () => {
    const programme = await acceptedProgramme({ minGroupSize: 2, maxGroupSize: 2 });
    const [first, second, third] = await teamMembers(3);
    for (const [index, person] of [first!, second!].entries()) {
      const result = expectData(await adminClient.gql<{ enrolMember: { enrolledCount: number } }>(ENROL_MEMBER, { input: { programmeId: programme.id, userId: person.id } }));
      expect(result.enrolMember.enrolledCount).toBe(index + 1);
    }
    expectError(await adminClient.gql(ENROL_MEMBER, { input: { programmeId: programme.id, userId: third!.id } }), 'CONFLICT', 'This group is full: all 2 places are taken.');
    expect(await enrolled(programme.id)).toBe(2);
    expect(await api.fixtures.count('audit_event', `action = 'MEMBER_ENROLLED' AND tenant_id = $1 AND detail->>'programmeId' = $2`, [tenant.id, programme.id])).toBe(2);
  });

  it('asks the worker to sweep the organisation once an enrolment commits, so the person is invited at once', async () => {
    const programme = await acceptedProgramme();
    const [person] = await teamMembers(1);
    expectData(await adminClient.gql(ENROL_MEMBER, { input: { programmeId: programme.id, userId: person!.id } }));
    const scheduling = new Queue(QueueName.scheduling, { connection: { url: requireEnv('REDIS_URL') }, prefix: api.config.queuePrefix });
    try {
      const sweep = await scheduling.getJob(`sweep-tenant-scheduling-${tenant.id}-enrolment-${programme.id}-${person!.id}`);
      expect(sweep?.name).toBe(Jobs.sweepTenantScheduling.name);
      expect(sweep?.data).toEqual({ tenantId: tenant.id });
    } finally {
      await scheduling.close();
    }
  });

  it('never exceeds capacity under many concurrent enrolments: exactly capacity succeed, the rest are CONFLICT', async () => {
    const capacity = 5;
    const programme = await acceptedProgramme({ minGroupSize: 2, maxGroupSize: capacity });
    const people = await teamMembers(16);
    // Sent together: each request is its own transaction on its own pooled connection, so they race.
    const results = await Promise.all(people.map((person) => adminClient.gql(ENROL_MEMBER, { input: { programmeId: programme.id, userId: person.id } })));
    const succeeded = results.filter((result) => !result.errors);
    expect(succeeded).toHaveLength(capacity);
    for (const refused of results.filter((result) => result.errors)) expectError(refused, 'CONFLICT', `This group is full: all ${capacity} places are taken.`);
    expect(await enrolled(programme.id)).toBe(capacity);
  });

  it.each([
    ['before the proposal is accepted', 'REQUESTED', 'People can be enrolled once the proposal for this programme has been accepted.'],
    ['once a closed group has begun', 'ACTIVE', 'This is a closed group and its sessions have begun, so nobody new can join it.'],
  ])('refuses %s as CONFLICT', async (_case, status, message) => {
    let programme = await requestProgramme(adminClient, team.id);
    if (status === 'ACTIVE') {
      programme = await acceptProgramme(adminClient, await proposeProgramme(platformClient, programme, (await api.fixtures.facilitator()).id));
      expectData(
        await platformClient.gql('mutation($input: ProgrammeTransitionInput!) { activateProgramme(input: $input) { id } }', {
          input: { programmeId: programme.id, version: programme.version },
        }),
      );
    }
    const [person] = await teamMembers(1);
    expectError(await adminClient.gql(ENROL_MEMBER, { input: { programmeId: programme.id, userId: person!.id } }), 'CONFLICT', message);
    expect(await enrolled(programme.id)).toBe(0);
  });

  it('refuses someone outside the team, someone twice, and a person of another organisation', async () => {
    const programme = await acceptedProgramme();
    const outsider = await api.fixtures.participant(tenant.id);
    fieldProblem(expectError(await adminClient.gql(ENROL_MEMBER, { input: { programmeId: programme.id, userId: outsider.id } }), 'BAD_USER_INPUT'), 'userId');
    const [member] = await teamMembers(1);
    expectData(await adminClient.gql(ENROL_MEMBER, { input: { programmeId: programme.id, userId: member!.id } }));
    expectError(
      await adminClient.gql(ENROL_MEMBER, { input: { programmeId: programme.id, userId: member!.id } }),
      'CONFLICT',
      `${member!.displayName} is already enrolled in this programme.`,
    );
    const elsewhere = await api.fixtures.participant((await api.fixtures.tenant()).id);
    expectError(await adminClient.gql(ENROL_MEMBER, { input: { programmeId: programme.id, userId: elsewhere.id } }), 'NOT_FOUND', 'That person was not found.');
    expect(await enrolled(programme.id)).toBe(1);
  });

  it('withdraws a member, and withdrawing someone not enrolled is NOT_FOUND', async () => {
    const programme = await acceptedProgramme();
    const [member] = await teamMembers(1);
    expectData(await adminClient.gql(ENROL_MEMBER, { input: { programmeId: programme.id, userId: member!.id } }));
    const withdrawn = expectData(
      await adminClient.gql<{ withdrawMember: { enrolledCount: number } }>(WITHDRAW_MEMBER, { input: { programmeId: programme.id, userId: member!.id } }),
    );
    expect(withdrawn.withdrawMember.enrolledCount).toBe(0);
    expectError(await adminClient.gql(WITHDRAW_MEMBER, { input: { programmeId: programme.id, userId: member!.id } }), 'NOT_FOUND', 'That enrolment was not found.');
    expect(await api.fixtures.count('audit_event', `action = 'MEMBER_WITHDRAWN' AND target_id = $1`, [member!.id])).toBe(1);
  });
});

describe('the largest group size', () => {
  it('can change, but never below the people enrolled: BAD_USER_INPUT, writing nothing', async () => {
    const programme = await acceptedProgramme({ minGroupSize: 2, maxGroupSize: 6 });
    for (const person of await teamMembers(3)) expectData(await adminClient.gql(ENROL_MEMBER, { input: { programmeId: programme.id, userId: person.id } }));
    const before = (await api.owner.query('SELECT * FROM programme WHERE id = $1', [programme.id])).rows;

    const refused = await adminClient.gql(CHANGE_GROUP_SIZE, { input: { programmeId: programme.id, version: programme.version, minGroupSize: 2, maxGroupSize: 2 } });
    expect(expectError(refused, 'BAD_USER_INPUT', '3 people are already enrolled, so the largest group size cannot be less than 3.').extensions?.fieldProblems).toEqual([
      { field: 'maxGroupSize', message: '3 people are already enrolled, so the largest group size cannot be less than 3.' },
    ]);
    fieldProblem(
      expectError(
        await adminClient.gql(CHANGE_GROUP_SIZE, { input: { programmeId: programme.id, version: programme.version, minGroupSize: 5, maxGroupSize: 4 } }),
        'BAD_USER_INPUT',
      ),
      'maxGroupSize',
    );
    expect((await api.owner.query('SELECT * FROM programme WHERE id = $1', [programme.id])).rows).toEqual(before);

    const changed = expectData(
      await adminClient.gql<{ changeProgrammeGroupSize: { version: number; maxGroupSize: number } }>(CHANGE_GROUP_SIZE, {
        input: { programmeId: programme.id, version: programme.version, minGroupSize: 2, maxGroupSize: 3 },
      }),
    ).changeProgrammeGroupSize;
    expect(changed).toEqual({ id: programme.id, version: programme.version + 1, minGroupSize: 2, maxGroupSize: 3 });
    expectError(
      await adminClient.gql(CHANGE_GROUP_SIZE, { input: { programmeId: programme.id, version: programme.version, minGroupSize: 2, maxGroupSize: 4 } }),
      'CONFLICT',
      /^Someone else changed this programme/,
    );
  });
});

describe('the group agreement', () => {
  it('is written for each service, confidentiality first', async () => {
    for (const serviceType of ['GRP', 'GTS']) {
      const { groupAgreement } = expectData(await adminClient.gql<{ groupAgreement: { serviceType: string; version: string; rules: string[] } }>(GROUP_AGREEMENT, { serviceType }));
      expect(groupAgreement).toMatchObject({ serviceType, version: GROUP_AGREEMENT_VERSION });
      expect(groupAgreement.rules[0]).toMatch(/stays in the group/);
    }
  });

  it('is accepted by an enrolled participant, recorded on their enrolment with its version; others get NOT_FOUND', async () => {
    const programme = await acceptedProgramme({ serviceType: 'GRP' });
    const [participant] = await teamMembers(1);
    expectData(await adminClient.gql(ENROL_MEMBER, { input: { programmeId: programme.id, userId: participant!.id } }));
    const client = await signedIn(api, participant!);
    expect(
      expectData(
        await client.gql<{ programme: { myEnrolment: { agreementCurrent: boolean } } }>(ENROLMENTS.replace(' enrolments { userId displayName agreementVersion }', ''), {
          id: programme.id,
        }),
      ).programme.myEnrolment,
    ).toEqual({
      agreementCurrent: false,
    });

    const accepted = expectData(
      await client.gql<{ acceptGroupAgreement: { agreementVersion: string; agreementCurrent: boolean } }>(ACCEPT_AGREEMENT, { id: programme.id }),
    ).acceptGroupAgreement;
    expect(accepted).toMatchObject({ agreementVersion: GROUP_AGREEMENT_VERSION, agreementCurrent: true });
    const { rows } = await api.owner.query(`SELECT agreement_version, agreement_accepted_at IS NOT NULL AS accepted FROM enrolment WHERE programme_id = $1 AND user_id = $2`, [
      programme.id,
      participant!.id,
    ]);
    expect(rows).toEqual([{ agreement_version: GROUP_AGREEMENT_VERSION, accepted: true }]);
    // Accepting again changes nothing and audits nothing new.
    expectData(await client.gql(ACCEPT_AGREEMENT, { id: programme.id }));
    expect(await api.fixtures.count('audit_event', `action = 'GROUP_AGREEMENT_ACCEPTED' AND target_id = $1`, [programme.id])).toBe(1);

    const admins = expectData(
      await adminClient.gql<{ programme: { enrolments: { userId: string; agreementVersion: string }[] } }>(ENROLMENTS.replace(' myEnrolment { agreementCurrent }', ''), {
        id: programme.id,
      }),
    );
    expect(admins.programme.enrolments).toEqual([{ userId: participant!.id, displayName: participant!.displayName, agreementVersion: GROUP_AGREEMENT_VERSION }]);

    const [notEnrolled] = await teamMembers(1);
    const outsider = await signedIn(api, notEnrolled!);
    expectError(await outsider.gql(ACCEPT_AGREEMENT, { id: programme.id }), 'NOT_FOUND', 'That programme was not found.');
    expectError(await outsider.gql(ACCEPT_AGREEMENT, { id: randomUUID() }), 'NOT_FOUND', 'That programme was not found.');
  });

  it('a participant never sees who else is enrolled', async () => {
    const programme = await acceptedProgramme();
    const [me, other] = await teamMembers(2);
    for (const person of [me!, other!]) expectData(await adminClient.gql(ENROL_MEMBER, { input: { programmeId: programme.id, userId: person.id } }));
    const client = await signedIn(api, me!);
    const result = await client.gql(ENROLMENTS, { id: programme.id });
    expectError(result, 'FORBIDDEN');
    expect(result.body).not.toContain(other!.displayName);
    const allowed = await client.gql(PROGRAMME, { id: programme.id });
    expectData(allowed);
    expect(allowed.body).not.toContain(other!.displayName);
    expect(allowed.body).not.toContain(other!.email);
  });
});

import { randomUUID } from 'node:crypto';
import { NEEDS_ASSESSMENT_VERSION } from '@lena/domain';
import { Jobs, programmeExpansionJobId, QueueName } from '@lena/jobs';
import { Queue } from 'bullmq';
import { expectData, expectError, expectNoInternals, fieldProblem } from './support/expectations';
import { unique, type TeamFixture, type TenantFixture, type UserFixture } from './support/fixtures';
import {
  acceptProgramme,
  ACCEPT_PROGRAMME,
  ACTIVATE_PROGRAMME,
  CANCEL_PROGRAMME,
  COMPLETE_PROGRAMME,
  MY_PROGRAMMES,
  PIPELINE,
  PROGRAMME,
  PROGRAMMES,
  programmeDetails,
  proposeProgramme,
  PROPOSE_PROGRAMME,
  REQUEST_CHANGES,
  REQUEST_PROGRAMME,
  requestProgramme,
  sessionsOf,
  signedIn,
  type ProgrammeView,
} from './support/programmes';
import { requireEnv, startTestApi, type TestApi } from './support/test-api';
import type { TestClient } from './support/test-client';

const QUESTIONNAIRE = '{ needsAssessmentQuestionnaire { version questions { id kind prompt hint options { value label } } } }';
const SAVE_ASSESSMENT = `mutation($input: SaveNeedsAssessmentInput!) { saveNeedsAssessment(input: $input) {
  id teamId questionnaireVersion answers { primaryConcern workingPatterns } recommendation { plan services headline reasons questionnaireVersion } assessedByName } }`;
const ASSESSMENTS = 'query($teamId: ID!) { needsAssessments(teamId: $teamId) { id recommendation { plan } } }';

const ANSWERS = {
  primaryConcern: 'PRACTICAL_SKILLS',
  distressingMaterial: 'REGULARLY',
  strainSigns: 'SOME',
  workingPatterns: ['SHIFT_WORK', 'LONE_WORKING'],
  teamCohesion: 'MIXED',
  groupSupervision: 'NEVER',
};

let api: TestApi;
let tenant: TenantFixture;
let team: TeamFixture;
let admin: UserFixture;
let adminClient: TestClient;
let platformAdmin: UserFixture;
let platformClient: TestClient;
let facilitator: UserFixture;

beforeAll(async () => {
  api = await startTestApi();
  tenant = await api.fixtures.tenant({ name: `Harbour Trust ${unique()}` });
  team = await api.fixtures.team(tenant.id, `Night team ${unique()}`);
  admin = await api.fixtures.orgAdmin(tenant.id);
  adminClient = await signedIn(api, admin);
  platformAdmin = await api.fixtures.platformAdmin();
  platformClient = await signedIn(api, platformAdmin);
  facilitator = await api.fixtures.facilitator();
});

afterAll(async () => {
  await api?.close();
});

/** A facilitator with nothing booked: proposals of the same slots for one facilitator would clash. */
const anyFacilitator = async () => (await api.fixtures.facilitator()).id;

const auditRows = async (programmeId: string) =>
  (
    await api.owner.query<{ action: string; tenant_id: string; actor_user_id: string; detail: Record<string, unknown> }>(
      `SELECT action, tenant_id, actor_user_id, detail FROM audit_event WHERE target_type = 'programme' AND target_id = $1 ORDER BY id`,
      [programmeId],
    )
  ).rows;

/** What a refused change must leave as it was. */
const stateOf = async (programmeId: string) =>
  JSON.stringify([
    (await api.owner.query('SELECT * FROM programme WHERE id = $1', [programmeId])).rows,
    (await api.owner.query('SELECT * FROM programme_facilitator WHERE programme_id = $1 ORDER BY user_id', [programmeId])).rows,
    await api.fixtures.count('audit_event'),
    await api.fixtures.count('programme'),
  ]);

describe('the needs assessment', () => {
  it('serves the questionnaire from the domain, with its version', async () => {
    const { needsAssessmentQuestionnaire: questionnaire } = expectData(
      await adminClient.gql<{ needsAssessmentQuestionnaire: { version: string; questions: { id: string; kind: string; options: unknown[] }[] } }>(QUESTIONNAIRE),
    );
    expect(questionnaire.version).toBe(NEEDS_ASSESSMENT_VERSION);
    expect(questionnaire.questions.map((question) => question.id)).toEqual([
      'primaryConcern',
      'distressingMaterial',
      'strainSigns',
      'workingPatterns',
      'teamCohesion',
      'groupSupervision',
    ]);
    expect(questionnaire.questions.find((question) => question.id === 'workingPatterns')?.kind).toBe('MULTIPLE');
  });

  it('is saved with its answers, version and recommendation, audited, and listed for the team newest first', async () => {
    const saved = expectData(
      await adminClient.gql<{ saveNeedsAssessment: { id: string; recommendation: { plan: string; services: string[]; reasons: string[] }; assessedByName: string } }>(
        SAVE_ASSESSMENT,
        { input: { teamId: team.id, questionnaireVersion: NEEDS_ASSESSMENT_VERSION, answers: ANSWERS } },
      ),
    ).saveNeedsAssessment;
    expect(saved.recommendation.plan).toBe('GTS_THEN_GRP');
    expect(saved.recommendation.services).toEqual(['GTS', 'GRP']);
    expect(saved.recommendation.reasons.length).toBeGreaterThan(2);
    expect(saved.assessedByName).toBe(admin.displayName);
    const { rows } = await api.owner.query(`SELECT questionnaire_version, answers, recommendation->>'plan' AS plan FROM needs_assessment WHERE id = $1`, [saved.id]);
    expect(rows).toEqual([{ questionnaire_version: NEEDS_ASSESSMENT_VERSION, answers: ANSWERS, plan: 'GTS_THEN_GRP' }]);
    expect(await api.fixtures.count('audit_event', `action = 'NEEDS_ASSESSMENT_SAVED' AND target_id = $1 AND tenant_id = $2`, [team.id, tenant.id])).toBe(1);

    const second = expectData(
      await adminClient.gql<{ saveNeedsAssessment: { id: string } }>(SAVE_ASSESSMENT, {
        input: { teamId: team.id, questionnaireVersion: NEEDS_ASSESSMENT_VERSION, answers: { ...ANSWERS, primaryConcern: 'EMOTIONAL_WELLBEING', workingPatterns: [] } },
      }),
    ).saveNeedsAssessment;
    const listed = expectData(await adminClient.gql<{ needsAssessments: { id: string; recommendation: { plan: string } }[] }>(ASSESSMENTS, { teamId: team.id })).needsAssessments;
    expect(listed.map((assessment) => assessment.id)).toEqual([second.id, saved.id]);
  });

  it.each([
    ['an answer not on the list', { ...ANSWERS, strainSigns: 'EXHAUSTED' }, NEEDS_ASSESSMENT_VERSION, 'answers.strainSigns'],
    ['a working pattern twice', { ...ANSWERS, workingPatterns: ['SHIFT_WORK', 'SHIFT_WORK'] }, NEEDS_ASSESSMENT_VERSION, 'answers.workingPatterns'],
    ['answers to an older questionnaire', ANSWERS, '2020-01', 'questionnaireVersion'],
  ])('refuses %s as BAD_USER_INPUT, writing nothing', async (_case, answers, questionnaireVersion, field) => {
    const before = await api.fixtures.count('needs_assessment');
    const result = await adminClient.gql(SAVE_ASSESSMENT, { input: { teamId: team.id, questionnaireVersion, answers } });
    fieldProblem(expectError(result, 'BAD_USER_INPUT'), field);
    expect(await api.fixtures.count('needs_assessment')).toBe(before);
  });
});

describe('requesting a programme', () => {
  it('from an assessment in one step: REQUESTED, the cadence as an RRULE, waiting on the provider, audited', async () => {
    const assessment = await api.fixtures.needsAssessment(tenant.id, team.id);
    const programme = await requestProgramme(adminClient, team.id, { needsAssessmentId: assessment.id, cadence: 'FORTNIGHTLY', numberOfSessions: 6 });
    expect(programme).toMatchObject({
      status: 'REQUESTED',
      tenantName: tenant.name,
      teamName: team.name,
      needsAssessmentId: assessment.id,
      cadence: 'FORTNIGHTLY',
      rrule: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;COUNT=6',
      waitingOn: 'PLATFORM_ADMIN',
      availableActions: ['CANCEL'],
      version: 1,
      enrolledCount: 0,
      facilitators: [],
    });
    expect(programme.cadenceSummary).toBe('Every other Tuesday, 6 sessions');
    expect(programme.schedulePreview).toEqual(sessionsOf(programmeDetails({ cadence: 'FORTNIGHTLY', numberOfSessions: 6 })).slice(0, 3));
    expect(await auditRows(programme.id)).toEqual([expect.objectContaining({ action: 'PROGRAMME_REQUESTED', tenant_id: tenant.id, actor_user_id: admin.id })]);
  });

  it('keeps up to three rotating start times for shift workers', async () => {
    const programme = await requestProgramme(adminClient, team.id, { startTimes: ['08:00', '14:00', '20:00'] });
    expect(programme.startTimes).toEqual(['08:00', '14:00', '20:00']);
    const [first, second, third] = programme.schedulePreview;
    const local = (iso: string | undefined) => new Date(iso!).toLocaleTimeString('en-GB', { timeZone: 'Europe/London', hour: '2-digit', minute: '2-digit' });
    expect([local(first?.startsAt), local(second?.startsAt), local(third?.startsAt)]).toEqual(['08:00', '14:00', '20:00']);
  });

  it.each([
    ['a monthly cadence on a fifth weekday (an impossible rule)', { cadence: 'MONTHLY_NTH_WEEKDAY', startDate: '2027-03-30' }, 'cadence'],
    ['an unknown time zone', { timeZone: 'Europe/Atlantis' }, 'timeZone'],
    ['more than three rotating start times', { startTimes: ['06:00', '10:00', '14:00', '20:00'] }, 'startTimes'],
    ['a largest group smaller than the smallest', { minGroupSize: 8, maxGroupSize: 4 }, 'maxGroupSize'],
    ['a hybrid group without a place', { deliveryMode: 'HYBRID', location: null }, 'location'],
    ['a start date that does not exist', { startDate: '2027-02-30' }, 'startDate'],
    ['sessions that end before they start', { sessionLengthMinutes: -30 }, 'sessionLengthMinutes'],
    ['sessions that end as they start', { sessionLengthMinutes: 0 }, 'sessionLengthMinutes'],
    ['no sessions at all', { numberOfSessions: 0 }, 'numberOfSessions'],
  ])('refuses %s as BAD_USER_INPUT on that field, writing nothing', async (_case, overrides, field) => {
    const before = await api.fixtures.count('programme');
    const audits = await api.fixtures.count('audit_event');
    const result = await adminClient.gql(REQUEST_PROGRAMME, { input: { teamId: team.id, ...programmeDetails(overrides) } });
    fieldProblem(expectError(result, 'BAD_USER_INPUT'), field);
    expectNoInternals(result.body);
    expect(await api.fixtures.count('programme')).toBe(before);
    expect(await api.fixtures.count('audit_event')).toBe(audits);
  });

  it('refuses an assessment of another team', async () => {
    const otherTeam = await api.fixtures.team(tenant.id);
    const assessment = await api.fixtures.needsAssessment(tenant.id, otherTeam.id);
    const result = await adminClient.gql(REQUEST_PROGRAMME, { input: { teamId: team.id, needsAssessmentId: assessment.id, ...programmeDetails() } });
    fieldProblem(expectError(result, 'BAD_USER_INPUT'), 'needsAssessmentId');
  });
});

describe('the lifecycle', () => {
  it('request → propose → accept: each party sees what waits on them, and every step is audited', async () => {
    const requested = await requestProgramme(adminClient, team.id, { title: `Pipeline ${unique()}` });
    const pipeline = expectData(await platformClient.gql<{ programmePipeline: ProgrammeView[] }>(PIPELINE)).programmePipeline;
    expect(pipeline.find((programme) => programme.id === requested.id)).toMatchObject({
      status: 'REQUESTED',
      tenantName: tenant.name,
      teamName: team.name,
      waitingOn: 'PLATFORM_ADMIN',
      availableActions: ['PROPOSE', 'CANCEL'],
    });

    const proposed = await proposeProgramme(platformClient, requested, facilitator.id, { title: requested.title, startTimes: ['11:00'], maxGroupSize: 10 });
    expect(proposed).toMatchObject({
      status: 'PROPOSED',
      version: 2,
      waitingOn: 'ORG_ADMIN',
      startTimes: ['11:00'],
      maxGroupSize: 10,
      facilitators: [{ userId: facilitator.id, displayName: facilitator.displayName, role: 'LEAD' }],
    });
    const asOrgAdmin = expectData(await adminClient.gql<{ programmes: ProgrammeView[] }>(PROGRAMMES)).programmes.find((programme) => programme.id === requested.id);
    expect(asOrgAdmin).toMatchObject({ status: 'PROPOSED', waitingOn: 'ORG_ADMIN', availableActions: ['REQUEST_CHANGES', 'ACCEPT', 'CANCEL'] });
    const inPipeline = expectData(await platformClient.gql<{ programmePipeline: ProgrammeView[] }>(PIPELINE)).programmePipeline.find((programme) => programme.id === requested.id);
    expect(inPipeline).toMatchObject({ status: 'PROPOSED', facilitators: [{ userId: facilitator.id, role: 'LEAD' }] });

    const accepted = await acceptProgramme(adminClient, proposed);
    expect(accepted).toMatchObject({ status: 'ACCEPTED', version: 3, waitingOn: null });
    expect(expectData(await platformClient.gql<{ programmePipeline: ProgrammeView[] }>(PIPELINE)).programmePipeline.map((programme) => programme.id)).not.toContain(requested.id);
    // The request writes no sessions: it hands the accepted programme to the worker once it has
    // committed (and the worker's sweep would find it in the database had the hand-over been lost).
    expect(await api.fixtures.asTenant(tenant.id, 'SELECT 1 FROM group_session WHERE programme_id = $1', [requested.id])).toHaveLength(0);
    const scheduling = new Queue(QueueName.scheduling, { connection: { url: requireEnv('REDIS_URL') }, prefix: api.config.queuePrefix });
    try {
      const expansion = await scheduling.getJob(programmeExpansionJobId(requested.id));
      expect(expansion?.name).toBe(Jobs.expandProgrammeSeries.name);
      expect(expansion?.data).toEqual({ tenantId: tenant.id, programmeId: requested.id });
    } finally {
      await scheduling.close();
    }

    expect((await auditRows(requested.id)).map(({ action, tenant_id, actor_user_id, detail }) => ({ action, tenant_id, actor_user_id, to: detail.to }))).toEqual([
      { action: 'PROGRAMME_REQUESTED', tenant_id: tenant.id, actor_user_id: admin.id, to: undefined },
      { action: 'PROGRAMME_PROPOSED', tenant_id: tenant.id, actor_user_id: platformAdmin.id, to: 'PROPOSED' },
      { action: 'PROGRAMME_ACCEPTED', tenant_id: tenant.id, actor_user_id: admin.id, to: 'ACCEPTED' },
    ]);

    // The platform admins' audit log names the programme by its title.
    const log = expectData(
      await platformClient.gql<{ auditEvents: { items: { action: string; targetType: string; targetName: string; tenantName: string }[] } }>(
        'query($tenantId: ID) { auditEvents(tenantId: $tenantId) { items { action targetType targetName tenantName } } }',
        { tenantId: tenant.id },
      ),
    ).auditEvents.items.filter((event) => event.targetType === 'programme' && event.targetName === requested.title);
    expect(log.map((event) => event.action)).toEqual(['PROGRAMME_ACCEPTED', 'PROGRAMME_PROPOSED', 'PROGRAMME_REQUESTED']);
    expect(log[0]?.tenantName).toBe(tenant.name);

    const active = expectData(
      await platformClient.gql<{ activateProgramme: ProgrammeView }>(ACTIVATE_PROGRAMME, { input: { programmeId: requested.id, version: 3 } }),
    ).activateProgramme;
    expect(active.status).toBe('ACTIVE');
    const completed = expectData(
      await platformClient.gql<{ completeProgramme: ProgrammeView }>(COMPLETE_PROGRAMME, { input: { programmeId: requested.id, version: 4 } }),
    ).completeProgramme;
    expect(completed).toMatchObject({ status: 'COMPLETED', version: 5, availableActions: [] });
    expect((await auditRows(requested.id)).map((row) => row.action).slice(3)).toEqual(['PROGRAMME_ACTIVATED', 'PROGRAMME_COMPLETED']);
  });

  it('a proposal can be sent back for changes, and proposed again', async () => {
    const requested = await requestProgramme(adminClient, team.id);
    const proposed = await proposeProgramme(platformClient, requested, await anyFacilitator());
    const sentBack = expectData(
      await adminClient.gql<{ requestProgrammeChanges: ProgrammeView }>(REQUEST_CHANGES, { input: { programmeId: proposed.id, version: proposed.version } }),
    ).requestProgrammeChanges;
    expect(sentBack).toMatchObject({ status: 'REQUESTED', waitingOn: 'PLATFORM_ADMIN' });
    expect((await proposeProgramme(platformClient, sentBack, await anyFacilitator(), { startTimes: ['15:00'] })).status).toBe('PROPOSED');
  });

  it('either party can cancel with a reason, which is kept and audited', async () => {
    for (const client of [adminClient, platformClient]) {
      const programme = await requestProgramme(adminClient, team.id);
      const cancelled = expectData(
        await client.gql<{ cancelProgramme: ProgrammeView }>(CANCEL_PROGRAMME, { input: { programmeId: programme.id, version: 1, reason: ' The team has been reorganised. ' } }),
      ).cancelProgramme;
      expect(cancelled).toMatchObject({ status: 'CANCELLED', cancelledReason: 'The team has been reorganised.', waitingOn: null });
      expect((await auditRows(programme.id)).at(-1)).toMatchObject({
        action: 'PROGRAMME_CANCELLED',
        detail: expect.objectContaining({ reason: 'The team has been reorganised.' }),
      });
    }
  });

  it('refuses a cancellation without a reason as BAD_USER_INPUT, writing nothing', async () => {
    const programme = await requestProgramme(adminClient, team.id);
    const before = await stateOf(programme.id);
    fieldProblem(expectError(await adminClient.gql(CANCEL_PROGRAMME, { input: { programmeId: programme.id, version: 1, reason: ' ' } }), 'BAD_USER_INPUT'), 'reason');
    expect(await stateOf(programme.id)).toBe(before);
  });

  /** A programme in `status`, at its current version. */
  async function programmeIn(status: 'REQUESTED' | 'PROPOSED' | 'ACCEPTED' | 'ACTIVE' | 'COMPLETED' | 'CANCELLED'): Promise<ProgrammeView> {
    let programme = await requestProgramme(adminClient, team.id);
    if (status === 'CANCELLED') {
      return expectData(
        await adminClient.gql<{ cancelProgramme: ProgrammeView }>(CANCEL_PROGRAMME, { input: { programmeId: programme.id, version: 1, reason: 'No longer needed.' } }),
      ).cancelProgramme;
    }
    if (status === 'REQUESTED') return programme;
    programme = await proposeProgramme(platformClient, programme, await anyFacilitator());
    if (status === 'PROPOSED') return programme;
    programme = await acceptProgramme(adminClient, programme);
    if (status === 'ACCEPTED') return programme;
    programme = expectData(
      await platformClient.gql<{ activateProgramme: ProgrammeView }>(ACTIVATE_PROGRAMME, { input: { programmeId: programme.id, version: programme.version } }),
    ).activateProgramme;
    if (status === 'ACTIVE') return programme;
    return expectData(await platformClient.gql<{ completeProgramme: ProgrammeView }>(COMPLETE_PROGRAMME, { input: { programmeId: programme.id, version: programme.version } }))
      .completeProgramme;
  }

  const transition = (programme: ProgrammeView) => ({ input: { programmeId: programme.id, version: programme.version } });
  const ILLEGAL: [
    string,
    'REQUESTED' | 'PROPOSED' | 'ACCEPTED' | 'ACTIVE' | 'COMPLETED' | 'CANCELLED',
    'admin' | 'platform',
    string,
    (p: ProgrammeView) => Record<string, unknown>,
    RegExp,
  ][] = [
    ['accepting a request that has no proposal', 'REQUESTED', 'admin', ACCEPT_PROGRAMME, transition, /^There is no proposal for this programme yet/],
    ['accepting twice', 'ACCEPTED', 'admin', ACCEPT_PROGRAMME, transition, /already been accepted/],
    ['asking for changes to an accepted programme', 'ACCEPTED', 'admin', REQUEST_CHANGES, transition, /already been accepted/],
    [
      'proposing for an accepted programme',
      'ACCEPTED',
      'platform',
      PROPOSE_PROGRAMME,
      (p) => ({ input: { programmeId: p.id, version: p.version, leadFacilitatorId: facilitator.id, ...programmeDetails() } }),
      /already been accepted/,
    ],
    ['activating a proposal', 'PROPOSED', 'platform', ACTIVATE_PROGRAMME, transition, /only once its proposal has been accepted/],
    ['completing an accepted programme that never ran', 'ACCEPTED', 'platform', COMPLETE_PROGRAMME, transition, /only once it has been running/],
    [
      'cancelling a completed programme',
      'COMPLETED',
      'admin',
      CANCEL_PROGRAMME,
      (p) => ({ input: { programmeId: p.id, version: p.version, reason: 'Too late now.' } }),
      /already finished/,
    ],
    ['cancelling twice', 'CANCELLED', 'platform', CANCEL_PROGRAMME, (p) => ({ input: { programmeId: p.id, version: p.version, reason: 'Once more.' } }), /has been cancelled/],
    ['accepting a cancelled programme', 'CANCELLED', 'admin', ACCEPT_PROGRAMME, transition, /has been cancelled/],
  ];

  it.each(ILLEGAL)('%s is CONFLICT with a clear message, writing nothing', async (_case, status, who, document, variables, message) => {
    const programme = await programmeIn(status);
    expect(programme.status).toBe(status);
    const before = await stateOf(programme.id);
    const result = await (who === 'admin' ? adminClient : platformClient).gql(document, variables(programme));
    expectError(result, 'CONFLICT', message);
    expect(await stateOf(programme.id)).toBe(before);
  });

  it('a change made against an older version is CONFLICT, never a lost update', async () => {
    const requested = await requestProgramme(adminClient, team.id);
    const proposed = await proposeProgramme(platformClient, requested, await anyFacilitator());
    const before = await stateOf(proposed.id);
    // The org admin still has version 1 on screen; the proposal made it 2.
    expectError(await adminClient.gql(ACCEPT_PROGRAMME, { input: { programmeId: proposed.id, version: 1 } }), 'CONFLICT', /^Someone else changed this programme/);
    expectError(
      await platformClient.gql(PROPOSE_PROGRAMME, {
        input: { programmeId: proposed.id, version: 1, leadFacilitatorId: facilitator.id, ...programmeDetails({ startTimes: ['16:00'] }) },
      }),
      'CONFLICT',
      /^Someone else changed this programme/,
    );
    expect(await stateOf(proposed.id)).toBe(before);
  });

  it('two acceptances at once: one wins, the other is CONFLICT', async () => {
    const proposed = await proposeProgramme(platformClient, await requestProgramme(adminClient, team.id), await anyFacilitator());
    const results = await Promise.all([0, 1, 2].map(() => adminClient.gql(ACCEPT_PROGRAMME, { input: { programmeId: proposed.id, version: proposed.version } })));
    expect(results.filter((result) => !result.errors).length).toBe(1);
    for (const result of results.filter((candidate) => candidate.errors)) expectError(result, 'CONFLICT');
    expect((await auditRows(proposed.id)).filter((row) => row.action === 'PROGRAMME_ACCEPTED')).toHaveLength(1);
  });

  it.each([
    ['more than three rotating start times', { startTimes: ['06:00', '10:00', '14:00', '20:00'] }, 'startTimes'],
    ['an unknown time zone', { timeZone: 'Mars/Olympus_Mons' }, 'timeZone'],
    ['a monthly date not every month has', { cadence: 'MONTHLY_DAY', startDate: '2027-03-30' }, 'cadence'],
  ])('refuses a proposal with %s as BAD_USER_INPUT, writing nothing', async (_case, overrides, field) => {
    const requested = await requestProgramme(adminClient, team.id);
    const before = await stateOf(requested.id);
    const result = await platformClient.gql(PROPOSE_PROGRAMME, {
      input: { programmeId: requested.id, version: 1, leadFacilitatorId: facilitator.id, ...programmeDetails(overrides) },
    });
    fieldProblem(expectError(result, 'BAD_USER_INPUT'), field);
    expect(await stateOf(requested.id)).toBe(before);
  });

  it('a proposal names active facilitators only', async () => {
    const requested = await requestProgramme(adminClient, team.id);
    const notAFacilitator = await api.fixtures.user();
    const deactivated = await api.fixtures.facilitator();
    await api.owner.query(`UPDATE user_account SET status = 'DEACTIVATED' WHERE id = $1`, [deactivated.id]);
    const before = await stateOf(requested.id);
    for (const [lead, co, field] of [
      [notAFacilitator.id, [], 'leadFacilitatorId'],
      [facilitator.id, [deactivated.id], 'coFacilitatorIds.0'],
      [randomUUID(), [], 'leadFacilitatorId'],
    ] as const) {
      const result = await platformClient.gql(PROPOSE_PROGRAMME, {
        input: { programmeId: requested.id, version: 1, leadFacilitatorId: lead, coFacilitatorIds: co, ...programmeDetails() },
      });
      fieldProblem(expectError(result, 'BAD_USER_INPUT'), field);
    }
    fieldProblem(
      expectError(
        await platformClient.gql(PROPOSE_PROGRAMME, {
          input: { programmeId: requested.id, version: 1, leadFacilitatorId: facilitator.id, coFacilitatorIds: [facilitator.id], ...programmeDetails() },
        }),
        'BAD_USER_INPUT',
      ),
      'coFacilitatorIds',
    );
    expect(await stateOf(requested.id)).toBe(before);
  });
});

describe('who reads a programme', () => {
  it('a participant only when enrolled; a facilitator only when assigned, in any organisation', async () => {
    const programme = await acceptProgramme(adminClient, await proposeProgramme(platformClient, await requestProgramme(adminClient, team.id), facilitator.id));
    const enrolled = await api.fixtures.participant(tenant.id);
    const notEnrolled = await api.fixtures.participant(tenant.id);
    await api.fixtures.enrolment(tenant.id, programme.id, enrolled.id);
    const enrolledClient = await signedIn(api, enrolled);
    const notEnrolledClient = await signedIn(api, notEnrolled);

    const seen = expectData(await enrolledClient.gql<{ programme: ProgrammeView }>(PROGRAMME, { id: programme.id })).programme;
    expect(seen).toMatchObject({ id: programme.id, enrolledCount: 1, availableActions: [] });
    expect(expectData(await enrolledClient.gql<{ myProgrammes: ProgrammeView[] }>(MY_PROGRAMMES)).myProgrammes.map((p) => p.id)).toEqual([programme.id]);
    expectError(await notEnrolledClient.gql(PROGRAMME, { id: programme.id }), 'NOT_FOUND', 'That programme was not found.');
    expect(expectData(await notEnrolledClient.gql<{ myProgrammes: ProgrammeView[] }>(MY_PROGRAMMES)).myProgrammes).toEqual([]);

    const facilitatorClient = await signedIn(api, facilitator);
    const assigned = expectData(await facilitatorClient.gql<{ programme: ProgrammeView }>(PROGRAMME, { id: programme.id })).programme;
    // A facilitator acts in no organisation: they see the programme, never the organisation's teams.
    expect(assigned).toMatchObject({ id: programme.id, tenantName: tenant.name, teamName: null, enrolledCount: 1 });
    expect(expectData(await facilitatorClient.gql<{ myProgrammes: ProgrammeView[] }>(MY_PROGRAMMES)).myProgrammes.map((p) => p.id)).toContain(programme.id);
    const otherFacilitator = await signedIn(api, await api.fixtures.facilitator());
    expectError(await otherFacilitator.gql(PROGRAMME, { id: programme.id }), 'NOT_FOUND', 'That programme was not found.');
    expect(expectData(await otherFacilitator.gql<{ myProgrammes: ProgrammeView[] }>(MY_PROGRAMMES)).myProgrammes).toEqual([]);

    const asPlatformAdmin = expectData(await platformClient.gql<{ programme: ProgrammeView }>(PROGRAMME, { id: programme.id })).programme;
    expect(asPlatformAdmin).toMatchObject({ teamName: team.name, availableActions: ['ACTIVATE', 'CANCEL'] });
  });
});

import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { Jobs, openEmail, outcomeReportJobId, QueueName } from '@lena/jobs';
import { startWorker, type WorkerHandle } from '@lena/worker';
import { Job, Queue, QueueEvents } from 'bullmq';
import { expectData, expectError, fieldProblem } from './support/expectations';
import { unique, WORK_BURNOUT_SUBSCALES, workBurnoutPairs, type ProgrammeFixture, type TenantFixture, type UserFixture } from './support/fixtures';
import { signedIn } from './support/programmes';
import { requireEnv, startTestApi, TEST_OUTBOX_KEY, type TestApi } from './support/test-api';
import type { TestClient } from './support/test-client';

const REPORT_FIELDS = `id tenantId scope programmeId programmeTitle from to status progress requestedByName createdAt readyAt expiresAt expired pdfUrl csvUrl`;
const REQUEST = `mutation($input: RequestOutcomeReportInput!) { requestOutcomeReport(input: $input) { ${REPORT_FIELDS} } }`;
const ONE = `query($id: ID!, $tenantId: ID) { outcomeReport(id: $id, tenantId: $tenantId) { ${REPORT_FIELDS} } }`;
const LIST = `query($tenantId: ID) { outcomeReports(tenantId: $tenantId) { ${REPORT_FIELDS} } }`;
const PROGRAMME_OUTCOMES = `query($id: ID!) { programmeOutcomes(programmeId: $id) {
  sessions { bought planned delivered cancelled } attendance { shown message people rate }
  changes { title shown message n meanDifference meanDifferenceCi95 { lower upper } cohensDz hedgesG hedgesGCi95 { lower upper } summary }
  feedback { shown message responses items { itemId prompt mean } }
} }`;

interface Report {
  id: string;
  tenantId: string;
  scope: string;
  programmeId: string | null;
  status: string;
  progress: number;
  expired: boolean;
  pdfUrl: string | null;
  csvUrl: string | null;
}
interface ProgrammeFigures {
  sessions: { bought: number; planned: number; delivered: number; cancelled: number };
  attendance: { shown: boolean; message: string | null; people: number | null; rate: number | null };
  changes: Array<{
    title: string;
    shown: boolean;
    message: string | null;
    n: number | null;
    meanDifference: number | null;
    meanDifferenceCi95: { lower: number; upper: number } | null;
    cohensDz: number | null;
    hedgesG: number | null;
    hedgesGCi95: { lower: number; upper: number } | null;
    summary: string | null;
  }>;
  feedback: { shown: boolean; message: string | null; responses: number | null; items: Array<{ itemId: string; prompt: string; mean: number }> | null } | null;
}

let api: TestApi;
let worker: WorkerHandle;
let reportsQueue: Queue;
let events: QueueEvents;
let northshire: TenantFixture;
let coastal: TenantFixture;
let big: ProgrammeFixture;
let small: ProgrammeFixture;
let northAdmin: UserFixture;
let northAdminClient: TestClient;
let coastalAdminClient: TestClient;
let participantClient: TestClient;
let facilitatorClient: TestClient;
let platformAdminClient: TestClient;
let scratch: string;

/** Writes the programme's rollup as the worker would: `pairs` people whose work-related burnout fell by about 8. */
async function rollUp(programme: ProgrammeFixture, pairs: number): Promise<void> {
  await api.fixtures.outcomeRollup(programme.tenantId, programme.id, {
    sessionsBought: 6,
    sessions: [
      { status: 'DELIVERED', month: '2026-09' },
      { status: 'DELIVERED', month: '2026-10' },
      { status: 'CANCELLED', month: '2026-10' },
      { status: 'SCHEDULED', month: '2026-11' },
    ],
    attendance: { marked: pairs * 2, present: pairs * 2 - 1, attendees: pairs },
    measurements: workBurnoutPairs(programme.id, pairs, (index) => 52 + index - (index % 3) * 2),
    subscales: WORK_BURNOUT_SUBSCALES,
  });
}

/** A published feedback snapshot of one session with `responses` answers (each item's answers spread over 3, 4 and 5). */
async function feedbackPublished(programme: ProgrammeFixture, responses: number): Promise<void> {
  const session = await api.fixtures.groupSession(programme.tenantId, programme.id, 1, new Date(Date.now() - 86_400_000));
  const request = await api.fixtures.feedbackRequest(programme.tenantId, session.id);
  const spread = [0, 0, 1, responses - 3, 2];
  const tallies = Object.fromEntries(['safe_to_share', 'useful_for_practice', 'held_well', 'protected_time', 'feel_about_work'].map((item) => [item, spread]));
  await api.fixtures.asTenant(
    programme.tenantId,
    `INSERT INTO feedback_result_snapshot (tenant_id, session_id, request_id, responses, tallies, published_on) VALUES ($1, $2, $3, $4, $5, current_date)`,
    [programme.tenantId, session.id, request.id, responses, JSON.stringify(tallies)],
  );
}

async function request(client: TestClient, input: Record<string, unknown>): Promise<Report> {
  return expectData(await client.gql<{ requestOutcomeReport: Report }>(REQUEST, { input })).requestOutcomeReport;
}

/** Waits for the worker to finish the report's build job (added after the request's commit). */
async function built(reportId: string): Promise<unknown> {
  for (let attempt = 0; ; attempt += 1) {
    const job = await Job.fromId(reportsQueue, outcomeReportJobId(reportId));
    if (job) return job.waitUntilFinished(events, 30_000);
    // The nudge runs after the response's commit; give that turn a chance.
    if (attempt > 50) throw new Error('The report’s build job was never added');
    await api.settled();
    await new Promise((resolve) => setImmediate(resolve));
  }
}

async function report(client: TestClient, id: string, tenantId?: string): Promise<Report> {
  return expectData(await client.gql<{ outcomeReport: Report }>(ONE, { id, tenantId })).outcomeReport;
}

function pdfText(pdf: Buffer): string {
  const file = join(scratch, `${randomUUID()}.pdf`);
  writeFileSync(file, pdf);
  // One space for every run of white space: pdftotext wraps lines where the PDF does.
  return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-']).toString('utf8').replace(/\s+/g, ' ');
}

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'lena-reports-'));
  api = await startTestApi();
  reportsQueue = new Queue(QueueName.reports, { connection: { url: requireEnv('REDIS_URL') }, prefix: api.config.queuePrefix });
  events = new QueueEvents(QueueName.reports, { connection: { url: requireEnv('REDIS_URL') }, prefix: api.config.queuePrefix });
  await events.waitUntilReady();
  worker = await startWorker(
    {
      DATABASE_URL: api.database.ownerUrl,
      APP_DATABASE_URL: api.database.appUrl,
      REDIS_URL: requireEnv('REDIS_URL'),
      LENA_QUEUE_PREFIX: api.config.queuePrefix,
      LENA_OUTBOX_KEY: TEST_OUTBOX_KEY,
      PUBLIC_CLIENT_PORTAL_URL: 'https://client.lena.test',
      PUBLIC_FACILITATOR_PORTAL_URL: 'https://staff.lena.test',
    },
    { config: { retry: { attempts: 1 } }, logger: false },
  );
  northshire = await api.fixtures.tenant({ name: `Northshire ${unique()}` });
  coastal = await api.fixtures.tenant({ name: `Coastal ${unique()}` });
  big = await api.fixtures.programme(northshire.id, (await api.fixtures.team(northshire.id, 'Night shift')).id, { title: 'Night shift reflective practice' });
  small = await api.fixtures.programme(coastal.id, (await api.fixtures.team(coastal.id, 'Harbour team')).id, { title: 'Harbour supervision', serviceType: 'GTS' });
  await rollUp(big, 9);
  await rollUp(small, 4);
  await feedbackPublished(big, 7);
  await feedbackPublished(small, 4);
  northAdmin = await api.fixtures.orgAdmin(northshire.id);
  northAdminClient = await signedIn(api, northAdmin);
  coastalAdminClient = await signedIn(api, await api.fixtures.orgAdmin(coastal.id));
  participantClient = await signedIn(api, await api.fixtures.participant(northshire.id));
  facilitatorClient = await signedIn(api, await api.fixtures.facilitator());
  platformAdminClient = await signedIn(api, await api.fixtures.platformAdmin());
});

afterAll(async () => {
  await worker?.close();
  await events?.close();
  await reportsQueue?.close();
  await api?.close();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

describe('a programme report', () => {
  let ready: Report;
  let figures: ProgrammeFigures;

  beforeAll(async () => {
    const asked = await request(northAdminClient, { scope: 'PROGRAMME', programmeId: big.id, from: '2026-01', to: '2026-12' });
    expect(asked).toMatchObject({ status: 'QUEUED', progress: 0, pdfUrl: null, csvUrl: null, expired: false, programmeId: big.id });
    expect(await built(asked.id)).toBe('built');
    ready = await report(northAdminClient, asked.id);
    figures = expectData(await northAdminClient.gql<{ programmeOutcomes: ProgrammeFigures }>(PROGRAMME_OUTCOMES, { id: big.id })).programmeOutcomes;
  });

  it('is built by the worker, READY at 100% with its download links', () => {
    expect(ready).toMatchObject({ status: 'READY', progress: 100, expired: false });
    expect(ready.pdfUrl).toBe(`/outcomes/reports/${ready.id}/report.pdf?tenantId=${northshire.id}`);
    expect(ready.csvUrl).toBe(`/outcomes/reports/${ready.id}/report.csv?tenantId=${northshire.id}`);
  });

  it('downloads with the cookie alone, as a browser following the link sends it; anything else with the cookie alone is still refused', async () => {
    const followed = await northAdminClient.get(ready.pdfUrl!, { csrf: false });
    expect(followed.statusCode).toBe(200);
    expect(followed.headers['content-type']).toBe('application/pdf');
    // The same cookie without the CSRF header is no one to GraphQL, even for a read.
    const query = await northAdminClient.gql<{ outcomeReports: unknown[] }>('{ outcomeReports { id } }', {}, { csrf: false });
    expect(query.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('downloads as a PDF whose text carries the dashboard’s figures: sessions, attendance, feedback means, the change, d_z, g with its interval, and n', async () => {
    const response = await northAdminClient.get(ready.pdfUrl!);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['cache-control']).toBe('no-store');
    const text = pdfText(response.rawBody);
    const [change] = figures.changes;
    expect(change!.shown).toBe(true);
    expect(text).toContain('Outcome report: Night shift reflective practice');
    expect(text).toContain('January 2026 to December 2026');
    expect(text).toContain(`Sessions bought: ${figures.sessions.bought}`);
    expect(text).toContain(`Sessions delivered: ${figures.sessions.delivered}`);
    expect(text).toContain(`Sessions cancelled: ${figures.sessions.cancelled}`);
    expect(text).toContain(`Sessions still to come: ${figures.sessions.planned}`);
    expect(text).toContain(`Attendance: ${Math.round(figures.attendance.rate! * 100)}% of places attended (${figures.attendance.people} people)`);
    expect(figures.feedback).toMatchObject({ shown: true, responses: 7 });
    expect(text).toContain(`Feedback responses: 7`);
    for (const item of figures.feedback!.items!) expect(text).toContain(`Feedback: ${item.prompt} (mean, 1–5): ${item.mean.toFixed(2)}`);
    expect(text).toContain(change!.summary!);
    expect(text).toContain(`Work-related burnout: people (n): ${change!.n}`);
    expect(text).toContain(`Work-related burnout: average change (points): ${change!.meanDifference!.toFixed(1)}`);
    expect(text).toContain(`of the change: ${change!.meanDifferenceCi95!.lower.toFixed(1)} to ${change!.meanDifferenceCi95!.upper.toFixed(1)}`);
    expect(text).toContain(`(Cohen’s d_z): ${change!.cohensDz!.toFixed(2)}`);
    expect(text).toContain(`(Hedges’ g): ${change!.hedgesG!.toFixed(2)}`);
    expect(text).toContain(`of Hedges’ g: ${change!.hedgesGCi95!.lower.toFixed(2)} to ${change!.hedgesGCi95!.upper.toFixed(2)}`);
    expect(text).toMatch(/reliably better \/ no change \/ worse: \d+% \/ \d+% \/ \d+%/);
  });

  it('downloads as a CSV with the same figures, one a row', async () => {
    const response = await northAdminClient.get(ready.csvUrl!);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toBe('attachment; filename="outcome-report-night-shift-reflective-practice.csv"');
    const [change] = figures.changes;
    const rows = response.body.trimEnd().split('\r\n');
    expect(rows[0]).toBe('Section,Figure,Value');
    expect(rows).toContain(`Figures,Work-related burnout: people (n),${change!.n}`);
    expect(rows).toContain(`Figures,Work-related burnout: average change (points),${change!.meanDifference!.toFixed(1)}`);
    expect(rows).toContain(`Figures,Work-related burnout: effect size (Hedges’ g),${change!.hedgesG!.toFixed(2)}`);
    expect(rows).toContain(`Figures,Sessions bought,${figures.sessions.bought}`);
  });

  it('emails the person who asked, once, a link to the report’s page in their portal (and no figure)', async () => {
    const { rows } = await api.owner.query<{ payload: unknown }>(
      `SELECT payload FROM outbox_message WHERE tenant_id = $1 AND payload->>'subject' LIKE 'Your outcome report is ready%'`,
      [northshire.id],
    );
    expect(rows).toHaveLength(1);
    const email = openEmail(rows[0]!.payload, Buffer.from(TEST_OUTBOX_KEY, 'base64'));
    expect(email.to).toBe(northAdmin.email);
    expect(email.text).toContain(`https://client.lena.test/reports/${ready.id}`);
    expect(email.text).not.toContain(figures.changes[0]!.meanDifference!.toFixed(1));
  });

  it('is not rebuilt: the job again (a retry, the sweep) leaves the READY report and its email as they were', async () => {
    const before = await api.owner.query(`SELECT ready_at, md5(pdf) AS pdf FROM outcome_report WHERE id = $1`, [ready.id]);
    const jobId = await worker.queues.enqueue(Jobs.buildOutcomeReport, { tenantId: northshire.id, reportId: ready.id }, { jobId: `${outcomeReportJobId(ready.id)}-again` });
    expect(await (await Job.fromId(reportsQueue, jobId))!.waitUntilFinished(events, 30_000)).toBe('already-ready');
    expect((await api.owner.query(`SELECT ready_at, md5(pdf) AS pdf FROM outcome_report WHERE id = $1`, [ready.id])).rows).toEqual(before.rows);
    const { rows } = await api.owner.query(`SELECT 1 FROM outbox_message WHERE tenant_id = $1 AND payload->>'subject' LIKE 'Your outcome report is ready%'`, [northshire.id]);
    expect(rows).toHaveLength(1);
  });

  it('is refused to another organisation (404, as a random id), to a participant, a facilitator and the signed-out', async () => {
    const random = await coastalAdminClient.get(`/outcomes/reports/${randomUUID()}/report.pdf`);
    expect(random.statusCode).toBe(404);
    for (const client of [coastalAdminClient, participantClient, facilitatorClient, api.client()]) {
      for (const url of [ready.pdfUrl!, ready.csvUrl!, `/outcomes/reports/${ready.id}/report.pdf`]) {
        const response = await client.get(url);
        expect(response.statusCode).toBe(404);
        expect(response.body).toBe(random.body);
      }
    }
    const theirs = expectError(await coastalAdminClient.gql(ONE, { id: ready.id }), 'NOT_FOUND');
    expect(expectError(await coastalAdminClient.gql(ONE, { id: randomUUID() }), 'NOT_FOUND')).toEqual(theirs);
    expectError(await coastalAdminClient.gql(ONE, { id: ready.id, tenantId: northshire.id }), 'NOT_FOUND');
    expect(expectData(await coastalAdminClient.gql<{ outcomeReports: Report[] }>(LIST, {})).outcomeReports.map((entry) => entry.id)).not.toContain(ready.id);
    expectError(await participantClient.gql(ONE, { id: ready.id }), 'FORBIDDEN');
    expectError(await facilitatorClient.gql(LIST, {}), 'FORBIDDEN');
  });

  it('is downloadable by a platform admin naming its organisation', async () => {
    const response = await platformAdminClient.get(ready.pdfUrl!);
    expect(response.statusCode).toBe(200);
    expect(pdfText(response.rawBody)).toContain('Night shift reflective practice');
  });
});

describe('suppression in reports', () => {
  it('writes “Fewer than 5 responses” for every figure about a four-person programme, in the PDF and the CSV, and no number about them', async () => {
    const asked = await request(coastalAdminClient, { scope: 'PROGRAMME', programmeId: small.id });
    expect(await built(asked.id)).toBe('built');
    const ready = await report(coastalAdminClient, asked.id);
    const dashboard = expectData(await coastalAdminClient.gql<{ programmeOutcomes: ProgrammeFigures }>(PROGRAMME_OUTCOMES, { id: small.id })).programmeOutcomes;
    expect(dashboard.changes[0]).toMatchObject({ shown: false, message: 'Fewer than 5 responses' });
    expect(dashboard.attendance).toMatchObject({ shown: false, message: 'Fewer than 5 responses' });
    expect(dashboard.feedback).toMatchObject({ shown: false, message: 'Fewer than 5 responses' });

    const text = pdfText((await coastalAdminClient.get(ready.pdfUrl!)).rawBody);
    expect(text).toContain('Attendance: Fewer than 5 responses');
    expect(text).toContain('Feedback: Fewer than 5 responses');
    expect(text).toContain('Work-related burnout: change: Fewer than 5 responses');
    expect(text).not.toMatch(/people \(n\)|\(4 people\)|n = 4|average change|Hedges/);

    const csv = (await coastalAdminClient.get(ready.csvUrl!)).body;
    expect(csv).toContain('Figures,Attendance,Fewer than 5 responses\r\n');
    expect(csv).toContain('Figures,Feedback,Fewer than 5 responses\r\n');
    expect(csv).toContain('Figures,Work-related burnout: change,Fewer than 5 responses\r\n');
    expect(csv).not.toMatch(/people \(n\)|\(4 people\)|Hedges|Feedback responses/);
  });
});

describe('organisation reports and platform admins', () => {
  it('lets a platform admin ask for any organisation’s report, which then lists with its progress; naming none is BAD_USER_INPUT', async () => {
    const missing = expectError(await platformAdminClient.gql(REQUEST, { input: { scope: 'ORGANISATION' } }), 'BAD_USER_INPUT');
    expect(fieldProblem(missing, 'tenantId')).toBe('Choose the organisation.');
    expectError(await platformAdminClient.gql(REQUEST, { input: { scope: 'ORGANISATION', tenantId: randomUUID() } }), 'NOT_FOUND');
    const asked = await request(platformAdminClient, { scope: 'ORGANISATION', tenantId: northshire.id, from: '2026-01', to: '2026-12' });
    expect(asked).toMatchObject({ scope: 'ORGANISATION', programmeId: null, tenantId: northshire.id });
    expect(await built(asked.id)).toBe('built');
    const listed = expectData(await platformAdminClient.gql<{ outcomeReports: Report[] }>(LIST, { tenantId: northshire.id })).outcomeReports;
    expect(listed.find((entry) => entry.id === asked.id)).toMatchObject({ status: 'READY', progress: 100 });
    const text = pdfText((await northAdminClient.get(`/outcomes/reports/${asked.id}/report.pdf`)).rawBody);
    expect(text).toContain('Across the organisation');
    expect(text).toContain('Programmes: 1');
    // The platform admin's email links to the facilitator portal, where platform admins work.
    const { rows } = await api.owner.query<{ payload: unknown }>(
      `SELECT payload FROM outbox_message WHERE tenant_id = $1 AND payload->>'subject' = 'Your outcome report is ready: Outcome report'`,
      [northshire.id],
    );
    expect(openEmail(rows[0]!.payload, Buffer.from(TEST_OUTBOX_KEY, 'base64')).text).toContain(`https://staff.lena.test/admin/reports/${asked.id}?tenantId=${northshire.id}`);
  });

  it('refuses bad requests with field problems, another organisation’s programme as NOT_FOUND, and other roles; and writes nothing', async () => {
    const before = await api.fixtures.count('outcome_report');
    expect(fieldProblem(expectError(await northAdminClient.gql(REQUEST, { input: { scope: 'PROGRAMME' } }), 'BAD_USER_INPUT'), 'programmeId')).toBe(
      'Choose the programme the report is about.',
    );
    expect(fieldProblem(expectError(await northAdminClient.gql(REQUEST, { input: { scope: 'ORGANISATION', from: '2026-12', to: '2026-01' } }), 'BAD_USER_INPUT'), 'to')).toBe(
      'The period must start on or before the month it ends.',
    );
    const theirs = expectError(await northAdminClient.gql(REQUEST, { input: { scope: 'PROGRAMME', programmeId: small.id } }), 'NOT_FOUND');
    expect(expectError(await northAdminClient.gql(REQUEST, { input: { scope: 'PROGRAMME', programmeId: randomUUID() } }), 'NOT_FOUND')).toEqual(theirs);
    expectError(await northAdminClient.gql(REQUEST, { input: { scope: 'ORGANISATION', tenantId: coastal.id } }), 'NOT_FOUND');
    expectError(await participantClient.gql(REQUEST, { input: { scope: 'ORGANISATION' } }), 'FORBIDDEN');
    expectError(await facilitatorClient.gql(REQUEST, { input: { scope: 'ORGANISATION', tenantId: northshire.id } }), 'FORBIDDEN');
    expect(await api.fixtures.count('outcome_report')).toBe(before);
  });
});

describe('expiry', () => {
  it('answers an expired report’s download with 410 Gone and says why; the report shows as expired, without links', async () => {
    const asked = await request(northAdminClient, { scope: 'PROGRAMME', programmeId: big.id });
    expect(await built(asked.id)).toBe('built');
    await api.owner.query(`UPDATE outcome_report SET expires_at = now() - interval '1 second' WHERE id = $1`, [asked.id]);
    const response = await northAdminClient.get(`/outcomes/reports/${asked.id}/report.pdf`);
    expect(response.statusCode).toBe(410);
    expect(response.body).toBe('This report has expired: reports are kept for 30 days. Ask for a new one on the Reports page.');
    expect((await northAdminClient.get(`/outcomes/reports/${asked.id}/report.csv`)).statusCode).toBe(410);
    expect(await report(northAdminClient, asked.id)).toMatchObject({ status: 'READY', expired: true, pdfUrl: null, csvUrl: null });
    // Another organisation still gets the bare 404, expired or not.
    expect((await coastalAdminClient.get(`/outcomes/reports/${asked.id}/report.pdf`)).statusCode).toBe(404);
  });
});

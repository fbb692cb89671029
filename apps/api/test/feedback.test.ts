import { createLogger } from '@lena/logging';
import { captureLogs, type CapturedLogs } from '@lena/logging/testing';
import { DEFAULT_SESSION_FEEDBACK } from '@lena/domain';
import { feedbackPublicationDedupId, Jobs, QueueName } from '@lena/jobs';
import { startWorker, type WorkerHandle } from '@lena/worker';
import { Job, Queue, QueueEvents } from 'bullmq';
import { Client } from 'pg';
import { expectData, expectError } from './support/expectations';
import { unique, type ProgrammeFixture, type TenantFixture, type UserFixture } from './support/fixtures';
import { signedIn } from './support/programmes';
import { requireEnv, startTestApi, TEST_OUTBOX_KEY, type TestApi } from './support/test-api';
import type { TestClient } from './support/test-client';

let api: TestApi;
let logs: CapturedLogs;
let feedbackQueue: Queue;
let tenant: TenantFixture;
let otherTenant: TenantFixture;
let admin: UserFixture;
let facilitator: UserFixture;
let programme: ProgrammeFixture;
let people: UserFixture[];
let adminClient: TestClient;
let facilitatorClient: TestClient;

const ANSWERS = { safe_to_share: 4, useful_for_practice: 5, held_well: 4, protected_time: 3, feel_about_work: 4 };

const RESULTS = `query FeedbackResults($programmeId: ID!) {
  feedbackResults(programmeId: $programmeId) {
    programmeId minGroupSize updatedOn instrument { key version licence }
    programme { scores { shown withheldReason message responses items { itemId mean answered distribution { value count } } } comments { shown withheldReason message comments } }
    sessions { sessionId sequence figure { scores { shown withheldReason message responses items { itemId mean } } comments { shown withheldReason comments } } }
  }
}`;

interface FeedbackReply {
  statusCode: number;
  body: {
    stored?: boolean;
    form?: { key: string; items: Array<{ id: string }> };
    programmeTitle?: string;
    error?: { code: string; message: string; linkState?: string; fieldProblems: Array<{ field: string; message: string }> };
  };
  raw: string;
}

/** The feedback page's own call, as its plain fetch makes it (optionally with a signed-in person's cookies). */
async function post(path: 'form' | 'responses', payload: unknown, headers: Record<string, string> = {}): Promise<FeedbackReply> {
  const response = await api.app
    .getHttpAdapter()
    .getInstance()
    .inject({
      method: 'POST',
      url: `/feedback/${path}`,
      headers: { 'content-type': 'application/json', ...headers },
      payload: JSON.stringify(payload),
      remoteAddress: '127.0.0.77',
    });
  return { statusCode: response.statusCode, body: JSON.parse(response.body) as FeedbackReply['body'], raw: response.body };
}

/** The form the page was shown (the fixtures' requests ask the default one), sent with the answers as the page sends it. */
const FORM = { key: DEFAULT_SESSION_FEEDBACK.key, version: DEFAULT_SESSION_FEEDBACK.version };

const submit = (token: string, answers: unknown = ANSWERS, headers: Record<string, string> = {}) => post('responses', { token, form: FORM, answers }, headers);

async function openSession(sequence: number, startsAt = new Date(Date.now() - 2 * 3_600_000)): Promise<{ sessionId: string; requestId: string }> {
  const session = await api.fixtures.groupSession(tenant.id, programme.id, sequence, startsAt);
  const request = await api.fixtures.feedbackRequest(tenant.id, session.id);
  return { sessionId: session.id, requestId: request.id };
}

async function responsesTo(requestId: string): Promise<number> {
  return api.fixtures.count('feedback_response', 'request_id = $1', [requestId]);
}

beforeAll(async () => {
  logs = captureLogs();
  api = await startTestApi({ logger: createLogger({ service: 'api', level: 'debug', destination: logs.stream }) });
  feedbackQueue = new Queue(QueueName.feedback, { connection: { url: requireEnv('REDIS_URL') }, prefix: api.config.queuePrefix });
  tenant = await api.fixtures.tenant({ name: `Feedback Trust ${unique()}` });
  otherTenant = await api.fixtures.tenant({ name: `Other Trust ${unique()}` });
  admin = await api.fixtures.orgAdmin(tenant.id);
  const team = await api.fixtures.team(tenant.id);
  programme = await api.fixtures.programme(tenant.id, team.id, { title: 'Night shift reflective practice', serviceType: 'GRP' });
  facilitator = await api.fixtures.facilitator();
  await api.fixtures.programmeFacilitator(tenant.id, programme.id, facilitator.id, 'LEAD');
  people = [];
  for (let index = 0; index < 12; index += 1) people.push(await api.fixtures.participant(tenant.id));
  adminClient = await signedIn(api, admin);
  facilitatorClient = await signedIn(api, facilitator);
});

afterAll(async () => {
  await feedbackQueue?.close();
  await api?.close();
});

describe('the schema: no join path from an answer to a person', () => {
  it('a response row carries the request and the answers only: no person, link, token, address or time', async () => {
    const { rows } = await api.owner.query<{ column_name: string; data_type: string }>(
      `SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = 'public' AND table_name = 'feedback_response' ORDER BY ordinal_position`,
    );
    expect(rows).toEqual([
      { column_name: 'tenant_id', data_type: 'uuid' },
      { column_name: 'id', data_type: 'uuid' },
      { column_name: 'request_id', data_type: 'uuid' },
      { column_name: 'answers', data_type: 'jsonb' },
    ]);
    for (const row of rows) expect(row.data_type).not.toMatch(/time|date|inet|cidr|serial/);
    // Its id is random, never a sequence that would give away the order of arrival.
    const { rows: defaults } = await api.owner.query<{ column_default: string | null }>(
      `SELECT column_default FROM information_schema.columns WHERE table_schema = 'public' AND table_name = 'feedback_response' AND column_name = 'id'`,
    );
    expect(defaults).toEqual([{ column_default: 'gen_random_uuid()' }]);
  });

  it('the record of unspent links shares no column with responses but the organisation, and no foreign key joins a response to a link or a person', async () => {
    const columns = async (table: string) =>
      (await api.owner.query<{ column_name: string }>(`SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1`, [table])).rows.map(
        (row) => row.column_name,
      );
    const response = await columns('feedback_response');
    const unspent = await columns('feedback_link_unspent');
    expect(response.filter((column) => unspent.includes(column))).toEqual(['tenant_id']);
    const { rows: keys } = await api.owner.query<{ referenced: string }>(
      `SELECT ccu.table_name AS referenced FROM information_schema.table_constraints tc
         JOIN information_schema.constraint_column_usage ccu ON ccu.constraint_name = tc.constraint_name
        WHERE tc.table_name = 'feedback_response' AND tc.constraint_type = 'FOREIGN KEY'`,
    );
    expect([...new Set(keys.map((key) => key.referenced))]).toEqual(['feedback_request']);
  });

  it('storing a response writes no row that shares its transaction id (xmin) with anything naming the link or its recipient', async () => {
    const { requestId } = await openSession(90);
    const link = await api.fixtures.feedbackLink(tenant.id, requestId, people[0]!.id);
    expect((await submit(link.token)).statusCode).toBe(201);
    // The attack: every row a transaction writes carries its id in xmin, so a "spent" row written
    // beside the response would name the link (and so the person). Spending deletes instead.
    const { rows } = await api.owner.query<{ table: string }>(
      `SELECT 'feedback_link' AS table FROM feedback_link l JOIN feedback_response r ON r.xmin = l.xmin WHERE r.request_id = $1
       UNION ALL SELECT 'feedback_link_unspent' FROM feedback_link_unspent u JOIN feedback_response r ON r.xmin = u.xmin WHERE r.request_id = $1
       UNION ALL SELECT 'audit_event' FROM audit_event a JOIN feedback_response r ON r.xmin = a.xmin WHERE r.request_id = $1
       UNION ALL SELECT 'outbox_message' FROM outbox_message o JOIN feedback_response r ON r.xmin = o.xmin WHERE r.request_id = $1`,
      [requestId],
    );
    expect(await responsesTo(requestId)).toBe(1);
    expect(await api.fixtures.count('feedback_link_unspent', 'link_id = $1', [link.id])).toBe(0);
    expect(rows).toEqual([]);
  });
});

describe('feedback_link_by_token and feedback_respond (how a link is found, and answered, before its organisation is known)', () => {
  it.each(['feedback_link_by_token', 'feedback_respond'])(
    '%s is owned by the migration owner with a fixed search_path, executable by the application role and not PUBLIC, and returns no recipient',
    async (name) => {
      const { rows } = await api.owner.query<{ definer: boolean; config: string[]; acl: string; result: string }>(
        `SELECT p.prosecdef AS definer, p.proconfig AS config, array_to_string(p.proacl, ',') AS acl, pg_get_function_result(p.oid) AS result
         FROM pg_proc p WHERE p.pronamespace = 'public'::regnamespace AND p.proname = $1`,
        [name],
      );
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ definer: true, config: ['search_path=pg_catalog, public'] });
      expect(rows[0]!.acl).toContain('lena_app=X/');
      expect(rows[0]!.acl).not.toMatch(/(^|,)=X\//);
      expect(rows[0]!.result).not.toMatch(/user|email|token_hash/);
    },
  );
});

describe('instruments', () => {
  it('cannot be changed or deleted once a request uses them, even by the application role acting for no one in particular', async () => {
    const { id } = await api.fixtures.feedbackInstrument();
    await openSession(91);
    const app = new Client({ connectionString: api.database.appUrl });
    await app.connect();
    try {
      await expect(app.query(`UPDATE feedback_instrument SET definition = definition || '{"title":"Changed"}' WHERE id = $1`, [id])).rejects.toMatchObject({ code: '23000' });
      await expect(api.owner.query('DELETE FROM feedback_instrument WHERE id = $1', [id])).rejects.toMatchObject({ code: '23000' });
    } finally {
      await app.end();
    }
    const { rows } = await api.owner.query<{ title: string }>(`SELECT definition->>'title' AS title FROM feedback_instrument WHERE id = $1`, [id]);
    expect(rows).toEqual([{ title: 'How was this session for you?' }]);
  });

  it('can still be corrected while no request has used them', async () => {
    const { rows } = await api.owner.query<{ id: string }>(`INSERT INTO feedback_instrument (key, version, licence, definition) VALUES ($1, 1, 'CC-BY-4.0', '{}') RETURNING id`, [
      `draft-${unique()}`,
    ]);
    const updated = await api.owner.query(`UPDATE feedback_instrument SET licence = 'CC0-1.0' WHERE id = $1`, [rows[0]!.id]);
    expect(updated.rowCount).toBe(1);
  });
});

describe('submitting feedback through a single-use link', () => {
  it('opens the form for an unspent link, with the programme and no sign-in', async () => {
    const { requestId } = await openSession(1);
    const link = await api.fixtures.feedbackLink(tenant.id, requestId, people[1]!.id);
    const reply = await post('form', { token: link.token });
    expect(reply.statusCode).toBe(200);
    expect(reply.body.programmeTitle).toBe('Night shift reflective practice');
    expect(reply.body.form?.key).toBe('session-feedback');
    expect(reply.body.form?.items.map((item) => item.id)).toContain('take_away');
  });

  it('stores the answers, spends the link, and asks the worker (with the request id only) to consider publishing the results', async () => {
    const { requestId } = await openSession(2);
    const link = await api.fixtures.feedbackLink(tenant.id, requestId, people[2]!.id);
    const before = await feedbackQueue.getJobCountByTypes('waiting', 'active', 'delayed', 'completed', 'failed');
    const reply = await submit(link.token, { ...ANSWERS, take_away: 'Noticing when I hold my breath.' });
    expect(reply).toMatchObject({ statusCode: 201, body: { stored: true } });
    const { rows } = await api.owner.query<{ answers: unknown }>('SELECT answers FROM feedback_response WHERE request_id = $1', [requestId]);
    expect(rows).toEqual([{ answers: { ...ANSWERS, take_away: 'Noticing when I hold my breath.' } }]);
    expect(await api.fixtures.count('feedback_link_unspent', 'link_id = $1', [link.id])).toBe(0);

    const jobs = await feedbackQueue.getJobs(['waiting', 'active', 'delayed', 'completed', 'failed']);
    expect(jobs.length).toBe(before + 1);
    const job = jobs.find((candidate) => candidate.data.requestId === requestId);
    expect(job?.name).toBe(Jobs.publishFeedbackResults.name);
    expect(job?.data).toEqual({ tenantId: tenant.id, requestId });
  });

  it('refuses a second submission with the same link as CONFLICT, and it does not count', async () => {
    const { requestId } = await openSession(3);
    const link = await api.fixtures.feedbackLink(tenant.id, requestId, people[3]!.id);
    expect((await submit(link.token)).statusCode).toBe(201);
    const second = await submit(link.token, { ...ANSWERS, safe_to_share: 1 });
    expect(second).toMatchObject({
      statusCode: 409,
      body: { error: { code: 'CONFLICT', linkState: 'SPENT', message: 'Feedback has already been given with this link. Each link can be used once.' } },
    });
    expect(await responsesTo(requestId)).toBe(1);
    expect((await post('form', { token: link.token })).body.error).toMatchObject({ code: 'CONFLICT', linkState: 'SPENT' });
  });

  it('lets exactly one of 20 concurrent submissions with one link through', async () => {
    const { requestId } = await openSession(4);
    const link = await api.fixtures.feedbackLink(tenant.id, requestId, people[4]!.id);
    const replies = await Promise.all(Array.from({ length: 20 }, (_, index) => submit(link.token, { ...ANSWERS, safe_to_share: (index % 5) + 1 })));
    expect(replies.map((reply) => reply.statusCode).sort()).toEqual([201, ...Array<number>(19).fill(409)]);
    for (const refused of replies.filter((reply) => reply.statusCode === 409)) expect(refused.body.error).toMatchObject({ code: 'CONFLICT', linkState: 'SPENT' });
    expect(await responsesTo(requestId)).toBe(1);
  });

  it('refuses an expired link with a clear typed error, storing nothing', async () => {
    const session = await api.fixtures.groupSession(tenant.id, programme.id, 5, new Date(Date.now() - 10 * 86_400_000));
    const request = await api.fixtures.feedbackRequest(tenant.id, session.id, { closesAt: new Date(Date.now() - 60_000) });
    const link = await api.fixtures.feedbackLink(tenant.id, request.id, people[5]!.id);
    for (const reply of [await submit(link.token), await post('form', { token: link.token })]) {
      expect(reply).toMatchObject({
        statusCode: 404,
        body: { error: { code: 'NOT_FOUND', linkState: 'EXPIRED', message: 'This feedback link has expired: the time for feedback on this session has ended.' } },
      });
    }
    expect(await responsesTo(request.id)).toBe(0);
    expect(await api.fixtures.count('feedback_link_unspent', 'link_id = $1', [link.id])).toBe(1);
  });

  it.each([
    ['an unknown link', 'A'.repeat(43)],
    ['a malformed link', 'not-a-token'],
    ['no link at all', undefined],
  ])('refuses %s as UNKNOWN', async (_what, token) => {
    const reply = await submit(token as string);
    expect(reply).toMatchObject({ statusCode: 404, body: { error: { code: 'NOT_FOUND', linkState: 'UNKNOWN' } } });
    expect(reply.body.error?.message).toBe('This feedback link is not recognised. Check that you copied the whole link from your email.');
  });

  it('stores answers sent without the form they answer (a page from before forms were named) against the link’s own form', async () => {
    const { requestId } = await openSession(31);
    const link = await api.fixtures.feedbackLink(tenant.id, requestId, people[1]!.id);
    expect((await post('responses', { token: link.token, answers: { ...ANSWERS, held_well: 9 } })).body.error?.fieldProblems).toEqual([
      { field: 'held_well', message: 'Choose an answer for “The facilitator held the group well.”' },
    ]);
    expect((await post('responses', { token: link.token, answers: ANSWERS })).statusCode).toBe(201);
    expect(await responsesTo(requestId)).toBe(1);
  });

  it('checks answers naming another form against the form the link asks: they count only if they answer it', async () => {
    const other = {
      ...DEFAULT_SESSION_FEEDBACK,
      version: 9_000 + Math.floor(Math.random() * 999),
      items: DEFAULT_SESSION_FEEDBACK.items.filter((item) => item.id !== 'held_well'),
    };
    await api.owner.query('INSERT INTO feedback_instrument (key, version, licence, definition) VALUES ($1, $2, $3, $4)', [
      other.key,
      other.version,
      other.licence,
      JSON.stringify(other),
    ]);
    const { requestId } = await openSession(32);
    const link = await api.fixtures.feedbackLink(tenant.id, requestId, people[2]!.id);
    const { held_well: _heldWell, ...withoutHeldWell } = ANSWERS;
    // Right for the form named, wrong for the link's own (which asks held_well): refused, the link unspent.
    const refused = await post('responses', { token: link.token, form: { key: other.key, version: other.version }, answers: withoutHeldWell });
    expect(refused.body.error).toMatchObject({
      code: 'BAD_USER_INPUT',
      fieldProblems: [{ field: 'held_well', message: 'Choose an answer for “The facilitator held the group well.”' }],
    });
    expect(await responsesTo(requestId)).toBe(0);
    expect(await api.fixtures.count('feedback_link_unspent', 'link_id = $1', [link.id])).toBe(1);
    // A form the platform does not hold is no form at all: the link's own is used.
    expect((await post('responses', { token: link.token, form: { key: 'no-such-form', version: 1 }, answers: ANSWERS })).statusCode).toBe(201);
    expect(await responsesTo(requestId)).toBe(1);
  });

  it('refuses incomplete or wrong answers by item, leaving the link unspent', async () => {
    const { requestId } = await openSession(6);
    const link = await api.fixtures.feedbackLink(tenant.id, requestId, people[6]!.id);
    const reply = await submit(link.token, { ...ANSWERS, held_well: 7, protected_time: undefined });
    expect(reply.statusCode).toBe(400);
    expect(reply.body.error?.code).toBe('BAD_USER_INPUT');
    expect(reply.body.error?.fieldProblems).toEqual([
      { field: 'held_well', message: 'Choose an answer for “The facilitator held the group well.”' },
      { field: 'protected_time', message: 'Choose an answer for “The session gave me protected time and space I could use.”' },
    ]);
    expect(await responsesTo(requestId)).toBe(0);
    expect((await submit(link.token)).statusCode).toBe(201);
  });

  it('never puts an answer, the token or who sent it in a log line or a job, even when a signed-in person submits', async () => {
    const { requestId } = await openSession(7);
    const person = people[7]!;
    const link = await api.fixtures.feedbackLink(tenant.id, requestId, person.id);
    const personClient = await signedIn(api, person);
    const cookie = ['lena_access', 'lena_csrf']
      .map((name) => [name, personClient.cookie(name)] as const)
      .filter(([, value]) => value)
      .map(([name, value]) => `${name}=${value}`)
      .join('; ');
    const secret = `marmalade-${unique()}`;
    const before = logs.lines().length;
    const reply = await submit(link.token, { ...ANSWERS, take_away: `I keep thinking about ${secret}` }, { cookie, 'user-agent': 'Distinctive-Agent/9.9' });
    expect(reply.statusCode).toBe(201);
    expect(await responsesTo(requestId)).toBe(1);
    await api.settled();

    const lines = logs.lines().slice(before);
    const completed = lines.filter((line) => line.msg === 'request completed' && (line.request as { url?: string }).url === '/feedback/responses');
    expect(completed).toHaveLength(1);
    expect(completed[0]).toMatchObject({ userId: null, tenantId: null, request: { method: 'POST', url: '/feedback/responses' } });
    const text = JSON.stringify(lines);
    for (const leak of [secret, link.token, person.id, person.email, '127.0.0.77', 'Distinctive-Agent', link.id])
      expect({ leak, found: text.includes(leak) }).toEqual({ leak, found: false });

    const jobs = await feedbackQueue.getJobs(['waiting', 'active', 'delayed', 'completed', 'failed']);
    const mine = jobs.filter((job) => job.data.requestId === requestId);
    expect(mine).toHaveLength(1);
    expect(Object.keys(mine[0]!.data as object).sort()).toEqual(['requestId', 'tenantId']);
    const redisText = JSON.stringify(mine.map((job) => job.asJSON()));
    for (const leak of [secret, link.token, person.id, link.id, '"safe_to_share"']) expect({ leak, found: redisText.includes(leak) }).toEqual({ leak, found: false });
  });
});

describe('results (published snapshots only: the real worker publishes them)', () => {
  let resultsProgramme: ProgrammeFixture;
  let sessions: Array<{ sessionId: string; requestId: string }>;
  let worker: WorkerHandle;
  let events: QueueEvents;

  interface Scores {
    shown: boolean;
    withheldReason: string | null;
    message: string | null;
    responses: number | null;
    items: Array<{ itemId: string; mean: number }> | null;
  }
  interface Results {
    updatedOn: string | null;
    programme: { scores: Scores; comments: { shown: boolean; comments: string[] | null } };
    sessions: Array<{ sequence: number; figure: { scores: Scores } }>;
  }

  async function results(client: TestClient = facilitatorClient): Promise<Results> {
    return expectData(await client.gql<{ feedbackResults: Results }>(RESULTS, { programmeId: resultsProgramme.id })).feedbackResults;
  }

  /** Waits until the worker has finished every publication job of this request (the API added them before answering). */
  async function published(requestId: string): Promise<void> {
    for (;;) {
      const jobId = await feedbackQueue.getDeduplicationJobId(feedbackPublicationDedupId(requestId));
      const job = jobId ? await Job.fromId(feedbackQueue, jobId) : undefined;
      if (!job) return;
      await job.waitUntilFinished(events, 15_000);
    }
  }

  /**
   * `count` people answer through their own links (held_well = `value`), then the worker has done
   * its work. Each is marked present first, as everyone holding a link is: the worker's feedback
   * sweep, running beside these tests, withdraws the unspent links of anyone else.
   */
  async function answer(requestId: string, count: number, value: number, comment?: string): Promise<void> {
    const [request] = await api.fixtures.asTenant<{ sessionId: string }>(tenant.id, 'SELECT session_id AS "sessionId" FROM feedback_request WHERE id = $1', [requestId]);
    for (let index = 0; index < count; index += 1) {
      const person = await api.fixtures.participant(tenant.id);
      await api.fixtures.attendance(tenant.id, request!.sessionId, person.id);
      const link = await api.fixtures.feedbackLink(tenant.id, requestId, person.id);
      expect((await submit(link.token, { ...ANSWERS, held_well: value, ...(comment ? { take_away: `${comment} ${index}` } : {}) })).statusCode).toBe(201);
    }
    await published(requestId);
  }

  beforeAll(async () => {
    events = new QueueEvents(QueueName.feedback, { connection: { url: requireEnv('REDIS_URL') }, prefix: api.config.queuePrefix });
    await events.waitUntilReady();
    worker = await startWorker(
      {
        DATABASE_URL: api.database.ownerUrl,
        APP_DATABASE_URL: api.database.appUrl,
        REDIS_URL: requireEnv('REDIS_URL'),
        LENA_QUEUE_PREFIX: api.config.queuePrefix,
        LENA_OUTBOX_KEY: TEST_OUTBOX_KEY,
      },
      { config: { retry: { attempts: 1 } }, logger: false },
    );
    const team = await api.fixtures.team(tenant.id);
    resultsProgramme = await api.fixtures.programme(tenant.id, team.id, { title: 'Results programme', serviceType: 'GRP' });
    await api.fixtures.programmeFacilitator(tenant.id, resultsProgramme.id, facilitator.id, 'CO_FACILITATOR');
    sessions = [];
    for (const sequence of [1, 2]) {
      const session = await api.fixtures.groupSession(tenant.id, resultsProgramme.id, sequence, new Date(Date.now() - (3 - sequence) * 86_400_000));
      sessions.push({ sessionId: session.id, requestId: (await api.fixtures.feedbackRequest(tenant.id, session.id)).id });
    }
  });

  afterAll(async () => {
    await worker?.close();
    await events?.close();
  });

  it('says "Fewer than 5 responses" and gives no number until the fifth response, to the facilitator and the org admin alike', async () => {
    await answer(sessions[0]!.requestId, 4, 5, 'Private thought');
    for (const client of [facilitatorClient, adminClient]) {
      const { feedbackResults } = expectData(await client.gql<{ feedbackResults: Record<string, unknown> }>(RESULTS, { programmeId: resultsProgramme.id }));
      expect(feedbackResults.updatedOn).toBeNull();
      expect(feedbackResults.programme).toEqual({
        scores: { shown: false, withheldReason: 'TOO_FEW_RESPONSES', message: 'Fewer than 5 responses', responses: null, items: null },
        comments: { shown: false, withheldReason: 'COMMENTS_OFF', message: 'Comments are not shown for this programme', comments: null },
      });
      expect(JSON.stringify(feedbackResults)).not.toMatch(/Private thought|"mean"/);
    }

    // Dated the day (UTC) the fifth answer's job ran: the day before the check when midnight falls in between.
    const today = () => new Date().toISOString().slice(0, 10);
    const before = today();
    await answer(sessions[0]!.requestId, 1, 3);
    for (const client of [facilitatorClient, adminClient]) {
      const shown = await results(client);
      expect(shown.programme.scores.responses).toBe(5);
      expect(shown.programme.scores.items!.find((item) => item.itemId === 'held_well')?.mean).toBe(4.6);
      expect([before, today()]).toContain(shown.updatedOn);
    }
  });

  it('defeats the differencing attack over time: with five published, a sixth answer (and a seventh, eighth, ninth) changes no figure shown; the tenth does', async () => {
    const atFive = await results();
    expect(atFive.programme.scores).toMatchObject({ shown: true, responses: 5 });
    // Were results live, the mean after the sixth answer less the mean before would give that
    // one person's answers (here a 1, against everyone's 5s and a 3).
    await answer(sessions[0]!.requestId, 1, 1);
    expect(await api.fixtures.count('feedback_response', 'request_id = $1', [sessions[0]!.requestId])).toBe(6);
    expect(await results()).toEqual(atFive);
    expect(await results(adminClient)).toEqual(atFive);
    await answer(sessions[0]!.requestId, 3, 1);
    expect(await results()).toEqual(atFive);

    await answer(sessions[0]!.requestId, 1, 1);
    const atTen = await results();
    expect(atTen.programme.scores.responses).toBe(10);
    // The mean moved by what five people (not one) answered together.
    expect(atTen.programme.scores.items!.find((item) => item.itemId === 'held_well')?.mean).toBe(2.8);
  });

  it('counts a programme as the sum of its sessions’ published snapshots: a session below five never counts, so no subtraction reaches it', async () => {
    await answer(sessions[1]!.requestId, 2, 1);
    const withTwo = await results();
    // Session two's two answers are in no figure: the programme is session one's published ten.
    expect(withTwo.programme.scores).toMatchObject({ shown: true, responses: 10 });
    expect(withTwo.sessions.map((session) => [session.sequence, session.figure.scores.withheldReason, session.figure.scores.responses])).toEqual([
      [1, null, 10],
      [2, 'TOO_FEW_RESPONSES', null],
    ]);

    await answer(sessions[1]!.requestId, 3, 1);
    const withFive = await results();
    expect(withFive.programme.scores).toMatchObject({ shown: true, responses: 15 });
    expect(withFive.sessions.map((session) => session.figure.scores.responses)).toEqual([10, 5]);
    // Whatever is shown, no shown count less another leaves 1–4 people.
    const shown = [withFive.programme.scores, ...withFive.sessions.map((session) => session.figure.scores)].filter((scores) => scores.shown).map((scores) => scores.responses!);
    for (const a of shown) for (const b of shown) expect(a - b <= 0 || a - b >= 5).toBe(true);
  });

  it('shows comments once ten or more responded, sorted, and for GRP only when the organisation turns them on', async () => {
    await api.owner.query('UPDATE tenant SET feedback_grp_comments_enabled = true WHERE id = $1', [tenant.id]);
    try {
      // The next response has session one's comments published (11 responses, past the 10).
      await answer(sessions[0]!.requestId, 1, 4, 'Useful');
      const { feedbackResults } = expectData(
        await adminClient.gql<{ feedbackResults: { programme: { comments: { shown: boolean; comments: string[] | null } } } }>(RESULTS, { programmeId: resultsProgramme.id }),
      );
      expect(feedbackResults.programme.comments.shown).toBe(true);
      expect(feedbackResults.programme.comments.comments).toEqual([...feedbackResults.programme.comments.comments!].sort((a, b) => a.localeCompare(b)));
      expect(feedbackResults.programme.comments.comments).toEqual(expect.arrayContaining(['Private thought 0', 'Useful 0']));
    } finally {
      await api.owner.query('UPDATE tenant SET feedback_grp_comments_enabled = false WHERE id = $1', [tenant.id]);
    }
    // Turned off again: the published comments are not shown.
    expect((await results(adminClient)).programme.comments.shown).toBe(false);
  });

  it('answers NOT_FOUND to a facilitator of another programme, another organisation’s admin and for a random id; FORBIDDEN to a participant', async () => {
    const stranger = await signedIn(api, await api.fixtures.facilitator());
    const otherAdmin = await signedIn(api, await api.fixtures.orgAdmin(otherTenant.id));
    for (const client of [stranger, otherAdmin]) expectError(await client.gql(RESULTS, { programmeId: resultsProgramme.id }), 'NOT_FOUND', 'That programme was not found.');
    expectError(await adminClient.gql(RESULTS, { programmeId: '00000000-0000-4000-8000-000000000000' }), 'NOT_FOUND');
    const participant = await signedIn(api, people[8]!);
    expectError(await participant.gql(RESULTS, { programmeId: resultsProgramme.id }), 'FORBIDDEN');
  });
});

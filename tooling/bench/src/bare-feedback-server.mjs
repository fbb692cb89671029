// The baseline for feedback submissions: a bare Fastify route that stores the same row (the
// answers, against the request) and adds the same BullMQ job (`publish-feedback-results`, the
// tenant and request ids, deduplicated per request and waiting the API's default publication delay,
// as the API adds it) after the insert, and does nothing else: no link, no lookup, no
// validation, no transaction of its own. The insert is one autocommit statement as the same
// application role, on the same pool size as the API: the organisation's setting, which row-level
// security reads, is the connection's own (`options`), so it costs no round trip. It is not a
// prepared statement, while the API's `feedback_respond` is (prepared here too, two 20 s runs on
// 2026-12-08 gave ratios of 0.518 and 0.562 against 0.586-0.663 unprepared).
import { createRequire } from 'node:module';
import Fastify from 'fastify';
import pg from 'pg';

const require = createRequire(import.meta.url);
const { DEFAULT_FEEDBACK_PUBLICATION_DELAY_MS, JobQueues } = require('@lena/jobs');

const { APP_DATABASE_URL, REDIS_URL, LENA_QUEUE_PREFIX, TENANT_ID, REQUEST_IDS, PORT, POOL_SIZE = '10' } = process.env;
const requestIds = REQUEST_IDS.split(',');
const pool = new pg.Pool({ connectionString: APP_DATABASE_URL, max: Number(POOL_SIZE), options: `-c app.tenant_id=${TENANT_ID}` });
const queues = new JobQueues({ redisUrl: REDIS_URL, prefix: LENA_QUEUE_PREFIX, feedbackPublicationDelayMs: DEFAULT_FEEDBACK_PUBLICATION_DELAY_MS });
const app = Fastify({ logger: false });
let next = 0;

app.post('/feedback/responses', async (request, reply) => {
  // Spread over the requests as the links spread the real side's answers.
  const requestId = requestIds[next++ % requestIds.length];
  await pool.query('INSERT INTO feedback_response (tenant_id, request_id, answers) VALUES ($1, $2, $3::jsonb)', [TENANT_ID, requestId, JSON.stringify(request.body.answers)]);
  await queues.enqueueFeedbackPublication(TENANT_ID, requestId);
  return reply.code(201).send({ stored: true });
});

await app.listen({ port: Number(PORT), host: '127.0.0.1' });
process.send?.('ready');

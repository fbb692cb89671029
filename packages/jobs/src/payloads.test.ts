import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { jobCatalogue, Jobs } from './catalogue';
import { QueueName } from './constants';
import { defineJob, InvalidJobPayloadError, JobCatalogue, parseJobPayload } from './define-job';
import { recurringJobs } from './recurring';

describe('job payload schemas', () => {
  it('declares each job once, with its queue, scope and schedule beside its payload', () => {
    expect(jobCatalogue.names.sort()).toEqual([
      'build-outcome-report',
      'deliver-outbox-message',
      'expand-programme-series',
      'publish-feedback-results',
      'purge-expired-records',
      'refresh-outcome-rollup',
      'refresh-outcome-rollups',
      'refresh-tenant-outcome-rollups',
      'relay-outbox',
      'sweep-feedback',
      'sweep-outcomes',
      'sweep-scheduling',
      'sweep-tenant-feedback',
      'sweep-tenant-outcomes',
      'sweep-tenant-scheduling',
    ]);
    expect(Jobs.deliverOutboxMessage.queue).toBe(QueueName.notifications);
    expect(Jobs.relayOutbox.queue).toBe(QueueName.maintenance);
    expect(Jobs.expandProgrammeSeries.queue).toBe(QueueName.scheduling);
    expect(Jobs.publishFeedbackResults.queue).toBe(QueueName.feedback);
    expect(Jobs.sweepTenantFeedback.queue).toBe(QueueName.feedback);
    expect(Jobs.sweepFeedback.queue).toBe(QueueName.feedback);
    expect(Jobs.sweepTenantOutcomes.queue).toBe(QueueName.outcomes);
    expect(Jobs.sweepOutcomes.queue).toBe(QueueName.outcomes);
    expect(Jobs.refreshOutcomeRollup.queue).toBe(QueueName.outcomes);
    expect(Jobs.refreshTenantOutcomeRollups.queue).toBe(QueueName.outcomes);
    expect(Jobs.refreshOutcomeRollups.queue).toBe(QueueName.outcomes);
    // Reports on a queue of their own: a long one never holds up another queue's jobs.
    expect(Jobs.buildOutcomeReport.queue).toBe(QueueName.reports);
    // Sessions and reminders are an organisation's rows; the outbox, sessions and purges are platform tables.
    expect(Object.fromEntries(jobCatalogue.definitions.map((job) => [job.name, job.scope]))).toEqual({
      'deliver-outbox-message': 'platform',
      'relay-outbox': 'platform',
      'purge-expired-records': 'platform',
      'expand-programme-series': 'tenant',
      'sweep-tenant-scheduling': 'tenant',
      'sweep-scheduling': 'platform',
      'publish-feedback-results': 'tenant',
      'sweep-tenant-feedback': 'tenant',
      'sweep-feedback': 'platform',
      'sweep-tenant-outcomes': 'tenant',
      'sweep-outcomes': 'platform',
      'refresh-outcome-rollup': 'tenant',
      'refresh-tenant-outcome-rollups': 'tenant',
      'refresh-outcome-rollups': 'platform',
      'build-outcome-report': 'tenant',
    });
    expect(recurringJobs(jobCatalogue, { [Jobs.relayOutbox.name]: 1_000 }).map(({ schedulerId, everyMs }) => ({ schedulerId, everyMs }))).toEqual([
      { schedulerId: 'relay-outbox', everyMs: 1_000 },
      { schedulerId: 'purge-expired-records', everyMs: 24 * 60 * 60 * 1000 },
      { schedulerId: 'sweep-scheduling', everyMs: 60_000 },
      { schedulerId: 'sweep-feedback', everyMs: 60_000 },
      { schedulerId: 'sweep-outcomes', everyMs: 5 * 60_000 },
      { schedulerId: 'refresh-outcome-rollups', everyMs: 24 * 60 * 60 * 1000 },
    ]);
  });

  it('accepts an outbox delivery that carries only the message id', () => {
    const messageId = randomUUID();
    expect(parseJobPayload(Jobs.deliverOutboxMessage, { messageId })).toEqual({ messageId });
  });

  it('rejects a message id that is not a uuid', () => {
    expect(() => parseJobPayload(Jobs.deliverOutboxMessage, { messageId: 'not-a-uuid' })).toThrow(InvalidJobPayloadError);
    expect(Jobs.deliverOutboxMessage.payload.safeParse({}).success).toBe(false);
  });

  it('rejects any field beyond ids, so a body can never reach Redis', () => {
    const error = captureError(() => parseJobPayload(Jobs.deliverOutboxMessage, { messageId: randomUUID(), text: 'Your sign-in link: https://…' }));
    expect(error).toBeInstanceOf(InvalidJobPayloadError);
    expect((error as InvalidJobPayloadError).jobName).toBe(Jobs.deliverOutboxMessage.name);
    expect((error as Error).message).toContain('text');
  });

  it('takes a feedback sweep as its organisation alone: no session, link or person reaches Redis', () => {
    const tenantId = randomUUID();
    expect(parseJobPayload(Jobs.sweepTenantFeedback, { tenantId })).toEqual({ tenantId });
    for (const extra of [{ sessionId: randomUUID() }, { userId: randomUUID() }, { token: 'a'.repeat(43) }]) {
      expect(() => parseJobPayload(Jobs.sweepTenantFeedback, { tenantId, ...extra })).toThrow(InvalidJobPayloadError);
    }
  });

  it('takes a stored feedback response as its request id alone: answers, a link or a person are refused before Redis', () => {
    const [tenantId, requestId] = [randomUUID(), randomUUID()];
    expect(parseJobPayload(Jobs.publishFeedbackResults, { tenantId, requestId })).toEqual({ tenantId, requestId });
    for (const extra of [{ answers: { held_well: 5 } }, { linkId: randomUUID() }, { userId: randomUUID() }]) {
      expect(() => parseJobPayload(Jobs.publishFeedbackResults, { tenantId, requestId, ...extra })).toThrow(InvalidJobPayloadError);
    }
  });

  it('accepts an empty relay payload and nothing else: a platform job carries no tenant', () => {
    expect(parseJobPayload(Jobs.relayOutbox, {})).toEqual({});
    expect(() => parseJobPayload(Jobs.relayOutbox, { tenantId: randomUUID() })).toThrow(InvalidJobPayloadError);
  });
});

describe('defineJob', () => {
  const expandSeries = defineJob({ name: 'expand-series', queue: QueueName.maintenance, scope: 'tenant', payload: { seriesId: z.uuid() } });

  it('gives a tenant job a required tenantId that must be an id', () => {
    const [tenantId, seriesId] = [randomUUID(), randomUUID()];
    expect(parseJobPayload(expandSeries, { tenantId, seriesId })).toEqual({ tenantId, seriesId });
    expect(captureError(() => parseJobPayload(expandSeries, { seriesId }))).toBeInstanceOf(InvalidJobPayloadError);
    expect((captureError(() => parseJobPayload(expandSeries, { seriesId })) as Error).message).toContain('tenantId');
    expect(() => parseJobPayload(expandSeries, { tenantId: 'northshire', seriesId })).toThrow(InvalidJobPayloadError);
    expect(() => parseJobPayload(expandSeries, { tenantId, seriesId, name: 'Monday group' })).toThrow(InvalidJobPayloadError);
  });

  it('refuses a job that writes tenantId by hand, and a tenant job with a schedule (no tenant to run in)', () => {
    expect(() => defineJob({ name: 'x', queue: QueueName.maintenance, scope: 'platform', payload: { tenantId: z.uuid() } })).toThrow('declares tenantId itself');
    expect(() => defineJob({ name: 'y', queue: QueueName.maintenance, scope: 'tenant', payload: {}, schedule: { everyMs: 1_000 } })).toThrow(
      'schedule a platform job that enqueues one per tenant',
    );
  });

  it('refuses two jobs of one name in a catalogue', () => {
    expect(() => jobCatalogue.with(defineJob({ name: 'relay-outbox', queue: QueueName.maintenance, scope: 'platform', payload: {} }))).toThrow(
      'Job "relay-outbox" is declared twice.',
    );
    expect(new JobCatalogue([expandSeries]).find('expand-series')).toBe(expandSeries);
  });
});

function captureError(work: () => unknown): unknown {
  try {
    work();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error');
}

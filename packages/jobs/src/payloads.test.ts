import { randomUUID } from 'node:crypto';
import { JobName, allJobNames, queueOfJob, QueueName } from './constants';
import { deliverOutboxMessagePayloadSchema, InvalidJobPayloadError, jobPayloadSchemas, parseJobPayload } from './payloads';

describe('job payload schemas', () => {
  it('has exactly one schema and one queue per job name', () => {
    expect(Object.keys(jobPayloadSchemas).sort()).toEqual([...allJobNames].sort());
    expect(queueOfJob[JobName.deliverOutboxMessage]).toBe(QueueName.notifications);
    expect(queueOfJob[JobName.relayOutbox]).toBe(QueueName.maintenance);
  });

  it('accepts an outbox delivery that carries only the message id', () => {
    const messageId = randomUUID();
    expect(parseJobPayload(JobName.deliverOutboxMessage, { messageId })).toEqual({ messageId });
  });

  it('rejects a message id that is not a uuid', () => {
    expect(() => parseJobPayload(JobName.deliverOutboxMessage, { messageId: 'not-a-uuid' })).toThrow(InvalidJobPayloadError);
    expect(deliverOutboxMessagePayloadSchema.safeParse({}).success).toBe(false);
  });

  it('rejects any field beyond ids, so a body can never reach Redis', () => {
    const error = captureError(() =>
      parseJobPayload(JobName.deliverOutboxMessage, { messageId: randomUUID(), text: 'Your sign-in link: https://…' }),
    );
    expect(error).toBeInstanceOf(InvalidJobPayloadError);
    expect((error as InvalidJobPayloadError).jobName).toBe(JobName.deliverOutboxMessage);
    expect((error as Error).message).toContain('text');
  });

  it('accepts an empty relay payload and nothing else', () => {
    expect(parseJobPayload(JobName.relayOutbox, {})).toEqual({});
    expect(() => parseJobPayload(JobName.relayOutbox, { tenantId: randomUUID() })).toThrow(InvalidJobPayloadError);
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

import { allJobNames, JobName } from '@lena/jobs';
import type { JobHandlerInstance } from '../src/jobs/job-handler';
import { buildJobHandlerRegistry, type DiscoveredJobHandler } from '../src/jobs/job-handler-registry';

const handler = (jobName: string, provider = `${jobName}-handler`): DiscoveredJobHandler => ({
  jobName,
  provider,
  instance: { handle: async () => provider } as JobHandlerInstance,
});

describe('job handler registry (start-up check)', () => {
  it('maps every job name to its one handler', async () => {
    const registry = buildJobHandlerRegistry(allJobNames.map((name) => handler(name)));
    expect([...registry.keys()].sort()).toEqual([...allJobNames].sort());
    expect(await registry.get(JobName.relayOutbox)!.handle({} as never, {} as never)).toBe('relay-outbox-handler');
  });

  it('refuses to start when a job has no handler', () => {
    expect(() => buildJobHandlerRegistry([handler(JobName.deliverOutboxMessage)])).toThrow('job "relay-outbox" has no handler');
  });

  it('refuses to start when a job has two handlers', () => {
    expect(() =>
      buildJobHandlerRegistry([handler(JobName.deliverOutboxMessage, 'A'), handler(JobName.deliverOutboxMessage, 'B'), handler(JobName.relayOutbox)]),
    ).toThrow('job "deliver-outbox-message" has 2 handlers (A, B)');
  });

  it('refuses a handler for a job nobody declared', () => {
    expect(() => buildJobHandlerRegistry([handler(JobName.deliverOutboxMessage), handler(JobName.relayOutbox), handler('send-fax')])).toThrow(
      'handles unknown job "send-fax"',
    );
  });
});

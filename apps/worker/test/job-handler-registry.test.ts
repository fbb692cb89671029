import { jobCatalogue, Jobs } from '@lena/jobs';
import type { JobHandlerInstance } from '../src/jobs/job-handler';
import { buildJobHandlerRegistry, type DiscoveredJobHandler } from '../src/jobs/job-handler-registry';

const handler = (jobName: string, provider = `${jobName}-handler`): DiscoveredJobHandler => ({
  jobName,
  provider,
  instance: { handle: async () => provider } as JobHandlerInstance,
});

describe('job handler registry (start-up check)', () => {
  it('maps every job name to its one handler', async () => {
    const registry = buildJobHandlerRegistry(jobCatalogue.names.map((name) => handler(name)));
    expect([...registry.keys()].sort()).toEqual([...jobCatalogue.names].sort());
    expect(await registry.get(Jobs.relayOutbox.name)!.handle({} as never, {} as never)).toBe('relay-outbox-handler');
  });

  it('refuses to start when a job has no handler', () => {
    expect(() => buildJobHandlerRegistry([handler(Jobs.deliverOutboxMessage.name)])).toThrow('job "relay-outbox" has no handler');
  });

  it('refuses to start when a job has two handlers', () => {
    expect(() => buildJobHandlerRegistry([handler(Jobs.deliverOutboxMessage.name, 'A'), handler(Jobs.deliverOutboxMessage.name, 'B'), handler(Jobs.relayOutbox.name)])).toThrow(
      'job "deliver-outbox-message" has 2 handlers (A, B)',
    );
  });

  it('refuses a handler for a job nobody declared', () => {
    expect(() => buildJobHandlerRegistry([handler(Jobs.deliverOutboxMessage.name), handler(Jobs.relayOutbox.name), handler('send-fax')])).toThrow('handles unknown job "send-fax"');
  });
});

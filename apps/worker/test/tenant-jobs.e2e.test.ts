import 'reflect-metadata';
import { randomBytes, randomUUID } from 'node:crypto';
import { createDataSource, oneRow, withUnitOfWork } from '@lena/database';
import { createTestDatabase, type TestDatabase } from '@lena/database/testing';
import { DomainError } from '@lena/domain';
import { defineJob, InvalidJobPayloadError, JobCatalogue, JobQueues, QueueName } from '@lena/jobs';
import { Injectable, Module, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Job, type QueueEvents } from 'bullmq';
import type { DataSource } from 'typeorm';
import { z } from 'zod';
import { ConfigModule } from '../src/config/config.module';
import { loadWorkerConfig } from '../src/config/worker-config';
import { DatabaseModule } from '../src/database/database.module';
import type { JobHandlerInstance, TenantJobContext } from '../src/jobs/job-handler';
import { JobHandler } from '../src/jobs/job-handler.decorator';
import { JobsModule } from '../src/jobs/jobs.module';
import { tenantJobContext } from '../src/jobs/tenant-job-context';
import { listenToQueue } from './support/queue-events';
import { deleteQueueKeys, testDatabaseServerUrl, testRedisUrl, uniqueQueuePrefix, WORKER_SUITE, workerEnv } from './support/test-environment';

/*
 * Two tenant jobs of this test's own, run by the worker's real job runner (real PostgreSQL as the
 * application role, real Redis): one reads teams with no WHERE on the tenant, so only row-level
 * security (the tenant the runner set) decides what it sees; one writes a team and may then throw.
 */
const listTeams = defineJob({ name: 'test-list-teams', queue: QueueName.maintenance, scope: 'tenant', payload: { otherTenantId: z.uuid() } });
const addTeam = defineJob({ name: 'test-add-team', queue: QueueName.maintenance, scope: 'tenant', payload: { teamId: z.uuid(), fail: z.boolean() } });

interface ListTeamsOutcome {
  teams: Array<{ tenant_id: string; name: string }>;
  contextTenantId: string;
  switchRefusedWith: string | null;
}

@Injectable()
@JobHandler(listTeams)
class ListTeamsJob implements JobHandlerInstance<typeof listTeams> {
  async handle({ otherTenantId }: { otherTenantId: string }, { uow }: TenantJobContext): Promise<ListTeamsOutcome> {
    const teams = await uow.query<{ tenant_id: string; name: string }>('SELECT tenant_id, name FROM team ORDER BY name');
    let switchRefusedWith: string | null = null;
    try {
      await uow.actAs({ tenantId: otherTenantId });
    } catch (error) {
      switchRefusedWith = error instanceof DomainError ? error.code : String(error);
    }
    return { teams, contextTenantId: tenantJobContext().tenantId, switchRefusedWith };
  }
}

@Injectable()
@JobHandler(addTeam)
class AddTeamJob implements JobHandlerInstance<typeof addTeam> {
  async handle({ tenantId, teamId, fail }: { tenantId: string; teamId: string; fail: boolean }, { uow }: TenantJobContext): Promise<string> {
    await uow.query('INSERT INTO team (tenant_id, id, name) VALUES ($1, $2, $3)', [tenantId, teamId, `Team ${teamId}`]);
    if (fail) throw new Error('Planned failure after writing the team');
    return 'added';
  }
}

@Module({ providers: [ListTeamsJob, AddTeamJob] })
class TestJobsModule {}

describe('tenant jobs', () => {
  const prefix = uniqueQueuePrefix();
  let database: TestDatabase;
  let owner: DataSource;
  let app: INestApplicationContext;
  let queues: JobQueues;
  let events: QueueEvents;
  let tenantA: string;
  let tenantB: string;

  beforeAll(async () => {
    database = await createTestDatabase(testDatabaseServerUrl(), WORKER_SUITE);
    owner = await createDataSource({ url: database.ownerUrl, poolSize: 1, applicationName: 'lena-worker-test' }).initialize();
    const createTenant = (name: string, teams: string[]) =>
      withUnitOfWork(owner, { tenantId: null, userId: null }, async (uow) => {
        const tenant = oneRow(
          await uow.query<{ id: string }>('INSERT INTO tenant (name, slug, time_zone) VALUES ($1, $2, $3) RETURNING id', [
            name,
            `${name.toLowerCase().replace(/\W+/g, '-')}-${randomBytes(3).toString('hex')}`,
            'Europe/London',
          ]),
          'tenant',
        );
        await uow.actAs({ tenantId: tenant.id });
        for (const team of teams) await uow.query('INSERT INTO team (tenant_id, name) VALUES ($1, $2)', [tenant.id, team]);
        return tenant.id;
      });
    tenantA = await createTenant('Northshire', ['A: Night shift', 'A: Duty desk']);
    tenantB = await createTenant('Coastal', ['B: Control room']);

    const config = loadWorkerConfig(workerEnv(database, prefix), { retry: { attempts: 1 } });
    app = await NestFactory.createApplicationContext(
      {
        module: class TenantJobsTestApp {},
        imports: [ConfigModule.forRoot(config), DatabaseModule, JobsModule.forRoot(new JobCatalogue([listTeams, addTeam])), TestJobsModule],
      },
      { logger: false, abortOnError: false },
    );
    queues = app.get(JobQueues);
    events = await listenToQueue(QueueName.maintenance, { redisUrl: testRedisUrl(), prefix });
  });

  afterAll(async () => {
    await events?.close();
    await app?.close();
    await owner?.destroy();
    await database?.drop();
    await deleteQueueKeys(prefix);
  });

  async function outcomeOf(jobId: string): Promise<unknown> {
    const job = await Job.fromId(queues.queue(QueueName.maintenance), jobId);
    if (!job) throw new Error(`no job ${jobId}`);
    return job.waitUntilFinished(events, 15_000);
  }

  const teamExists = (tenantId: string, teamId: string) =>
    withUnitOfWork(owner, { tenantId, userId: null }, async (uow) => (await uow.query('SELECT 1 FROM team WHERE tenant_id = $1 AND id = $2', [tenantId, teamId])).length === 1);

  it("runs a tenant job's handler inside its tenant: it sees that tenant's rows and no other's", async () => {
    const forA = (await outcomeOf(await queues.enqueue(listTeams, { tenantId: tenantA, otherTenantId: tenantB }))) as ListTeamsOutcome;
    expect(forA.teams).toEqual([
      { tenant_id: tenantA, name: 'A: Duty desk' },
      { tenant_id: tenantA, name: 'A: Night shift' },
    ]);
    expect(forA.contextTenantId).toBe(tenantA);

    const forB = (await outcomeOf(await queues.enqueue(listTeams, { tenantId: tenantB, otherTenantId: tenantA }))) as ListTeamsOutcome;
    expect(forB.teams).toEqual([{ tenant_id: tenantB, name: 'B: Control room' }]);
  });

  it('never lets a handler move its transaction to another tenant', async () => {
    const outcome = (await outcomeOf(await queues.enqueue(listTeams, { tenantId: tenantA, otherTenantId: tenantB }))) as ListTeamsOutcome;
    expect(outcome.switchRefusedWith).toBe('CONFLICT');
  });

  it('refuses at enqueue a tenant job without a tenant, or with a tenant that is not an id, before anything reaches Redis', async () => {
    const before = await queues.queue(QueueName.maintenance).getJobCountByTypes('waiting', 'active', 'delayed', 'completed', 'failed');
    await expect(queues.enqueue(addTeam, { teamId: randomUUID(), fail: false } as never)).rejects.toBeInstanceOf(InvalidJobPayloadError);
    await expect(queues.enqueue(addTeam, { tenantId: 'northshire', teamId: randomUUID(), fail: false })).rejects.toThrow('tenantId');
    expect(await queues.queue(QueueName.maintenance).getJobCountByTypes('waiting', 'active', 'delayed', 'completed', 'failed')).toBe(before);
  });

  it("commits a tenant job's writes when its handler succeeds, and rolls them back when it throws", async () => {
    const kept = randomUUID();
    expect(await outcomeOf(await queues.enqueue(addTeam, { tenantId: tenantA, teamId: kept, fail: false }))).toBe('added');
    expect(await teamExists(tenantA, kept)).toBe(true);

    const rolledBack = randomUUID();
    await expect(outcomeOf(await queues.enqueue(addTeam, { tenantId: tenantA, teamId: rolledBack, fail: true }))).rejects.toThrow('Planned failure after writing the team');
    expect(await teamExists(tenantA, rolledBack)).toBe(false);
  });
});

import { z } from 'zod';
import type { QueueName } from './constants';

/**
 * `tenant`: the job works on one organisation's rows. Its payload carries `tenantId`, and the
 * worker runs its handler inside that tenant's transaction (row-level security applied).
 * `platform`: the job works on platform tables only (the outbox, sessions, purges) and opens no
 * tenant transaction.
 */
export type JobScope = 'tenant' | 'platform';

/** What a tenant job's payload always carries, added by `defineJob`. */
const tenantShape = { tenantId: z.uuid() };

type PayloadShape<Shape extends z.ZodRawShape, Scope extends JobScope> = Scope extends 'tenant' ? Omit<Shape, 'tenantId'> & typeof tenantShape : Shape;

/** One job: its name (stored in Redis), queue, scope, payload schema and, when recurring, schedule. */
export interface JobDefinition<Name extends string = string, Scope extends JobScope = JobScope, Payload = unknown> {
  readonly name: Name;
  readonly queue: QueueName;
  readonly scope: Scope;
  /** Strict: a field the schema does not name is refused on enqueue (payloads carry ids, never text). */
  readonly payload: z.ZodType<Payload>;
  /** A recurring job: its scheduler is upserted by every worker at start. */
  readonly schedule?: { readonly everyMs: number };
}

/** The payload a job is enqueued with and its handler receives (`tenantId` included for tenant jobs). */
export type JobPayloadOf<D extends JobDefinition> = D extends JobDefinition<string, JobScope, infer P> ? P : never;

export interface JobSpec<Name extends string, Shape extends z.ZodRawShape, Scope extends JobScope> {
  name: Name;
  queue: QueueName;
  scope: Scope;
  /** The payload's fields (ids only); a tenant job's `tenantId` is added here, never written by hand. */
  payload: Shape;
  schedule?: { everyMs: number };
}

/**
 * Declares one job. Names, queues, payloads, scopes and schedules live together here, so a job
 * cannot exist in one list and be missing from another.
 */
export function defineJob<const Name extends string, Shape extends z.ZodRawShape, Scope extends JobScope>(
  spec: JobSpec<Name, Shape, Scope>,
): JobDefinition<Name, Scope, z.output<z.ZodObject<PayloadShape<Shape, Scope>>>> {
  if ('tenantId' in spec.payload) {
    throw new Error(`Job "${spec.name}" declares tenantId itself: give it scope 'tenant' and the tenant is added for it.`);
  }
  if (spec.scope === 'tenant' && spec.schedule) {
    // A schedule has no tenant to run in: a recurring platform job fans out one tenant job per
    // organisation instead.
    throw new Error(`Job "${spec.name}" is a tenant job with a schedule: schedule a platform job that enqueues one per tenant.`);
  }
  const shape = spec.scope === 'tenant' ? { ...spec.payload, ...tenantShape } : spec.payload;
  return {
    name: spec.name,
    queue: spec.queue,
    scope: spec.scope,
    payload: z.strictObject(shape) as unknown as z.ZodType<z.output<z.ZodObject<PayloadShape<Shape, Scope>>>>,
    ...(spec.schedule ? { schedule: { everyMs: spec.schedule.everyMs } } : {}),
  };
}

export class InvalidJobPayloadError extends Error {
  constructor(
    readonly jobName: string,
    readonly issues: z.ZodError,
  ) {
    super(`Invalid payload for job "${jobName}": ${z.prettifyError(issues)}`);
    this.name = 'InvalidJobPayloadError';
  }
}

/** Validates a payload against its job's schema; throws InvalidJobPayloadError naming the job when it does not fit. */
export function parseJobPayload<D extends JobDefinition>(job: D, data: unknown): JobPayloadOf<D> {
  const result = job.payload.safeParse(data);
  if (!result.success) throw new InvalidJobPayloadError(job.name, result.error);
  return result.data as JobPayloadOf<D>;
}

/**
 * A set of jobs with unique names: the worker requires a handler for each, and the queues enqueue
 * only these. Production uses `jobCatalogue`; a test may add a job of its own.
 */
export class JobCatalogue {
  private readonly byName = new Map<string, JobDefinition>();

  constructor(readonly definitions: readonly JobDefinition[]) {
    for (const definition of definitions) {
      if (this.byName.has(definition.name)) throw new Error(`Job "${definition.name}" is declared twice.`);
      this.byName.set(definition.name, definition);
    }
  }

  get names(): string[] {
    return [...this.byName.keys()];
  }

  /** The job of a name read back from Redis, or undefined for a name nobody declared. */
  find(name: string): JobDefinition | undefined {
    return this.byName.get(name);
  }

  has(definition: JobDefinition): boolean {
    return this.byName.get(definition.name) === definition;
  }

  /** With the catalogue plus `more` (a test's own jobs). */
  with(...more: JobDefinition[]): JobCatalogue {
    return new JobCatalogue([...this.definitions, ...more]);
  }
}

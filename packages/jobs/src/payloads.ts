import { z } from 'zod';
import { JobName } from './constants';

/*
 * One schema per job payload. Job data sits in Redis in clear text, so payloads carry ids only,
 * never message bodies, answers or names; the worker loads everything else from PostgreSQL.
 * The schemas are strict: an unexpected field is a bug (or a leak) and is rejected on enqueue.
 */

export const deliverOutboxMessagePayloadSchema = z.strictObject({
  messageId: z.uuid(),
});
export type DeliverOutboxMessagePayload = z.infer<typeof deliverOutboxMessagePayloadSchema>;

export const relayOutboxPayloadSchema = z.strictObject({});
export type RelayOutboxPayload = z.infer<typeof relayOutboxPayloadSchema>;

export const purgeExpiredRecordsPayloadSchema = z.strictObject({});
export type PurgeExpiredRecordsPayload = z.infer<typeof purgeExpiredRecordsPayloadSchema>;

export const jobPayloadSchemas = {
  [JobName.deliverOutboxMessage]: deliverOutboxMessagePayloadSchema,
  [JobName.relayOutbox]: relayOutboxPayloadSchema,
  [JobName.purgeExpiredRecords]: purgeExpiredRecordsPayloadSchema,
} as const satisfies Record<JobName, z.ZodType>;

export type JobPayload<N extends JobName> = z.infer<(typeof jobPayloadSchemas)[N]>;

/** Validates a payload for a job name; throws a ZodError naming the job when it does not fit. */
export function parseJobPayload<N extends JobName>(name: N, data: unknown): JobPayload<N> {
  const result = jobPayloadSchemas[name].safeParse(data);
  if (!result.success) {
    throw new InvalidJobPayloadError(name, result.error);
  }
  return result.data as JobPayload<N>;
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

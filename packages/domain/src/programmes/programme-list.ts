import { z } from 'zod';
import { uuidSchema } from '../tenancy/tenancy-schemas.js';
import { ProgrammeStatus } from './programme-lifecycle.js';
import { serviceTypeSchema } from './service-type.js';

export const ProgrammeListLimits = {
  defaultPageSize: 50,
  maxPageSize: 100,
} as const;

/**
 * What the platform admins' programme list shows when no status is chosen: programmes from
 * acceptance on. Requests and proposals are the pipeline's (`programmePipeline`).
 */
export const AGREED_PROGRAMME_STATUSES: readonly ProgrammeStatus[] = [ProgrammeStatus.ACCEPTED, ProgrammeStatus.ACTIVE, ProgrammeStatus.COMPLETED, ProgrammeStatus.CANCELLED];

const statusSchema = z.enum(ProgrammeStatus, { error: 'Choose a programme status from the list.' });

/** The platform admins' programme list: which programmes, and which page of them (newest first). */
export const programmeListFilterSchema = z.object({
  statuses: z
    .array(statusSchema)
    .max(Object.keys(ProgrammeStatus).length, { error: 'Choose each status at most once.' })
    .nullish()
    // None chosen (or an empty choice) means the agreed programmes, not nothing at all.
    .transform((statuses) => (statuses?.length ? [...new Set(statuses)] : [...AGREED_PROGRAMME_STATUSES])),
  tenantId: uuidSchema.nullish().transform((id) => id ?? null),
  serviceType: serviceTypeSchema.nullish().transform((type) => type ?? null),
  first: z
    .number({ error: 'Choose how many programmes to show.' })
    .int({ error: 'Choose a whole number of programmes.' })
    .min(1, { error: 'Show at least one programme.' })
    .max(ProgrammeListLimits.maxPageSize, { error: `Show at most ${ProgrammeListLimits.maxPageSize} programmes at a time.` }),
  after: uuidSchema.nullish().transform((id) => id ?? null),
});
export type ProgrammeListFilter = z.output<typeof programmeListFilterSchema>;

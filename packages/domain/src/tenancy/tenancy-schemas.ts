import { IANAZone } from 'luxon';
import { z } from 'zod';
import { emailSchema, personNameSchema, singleLine } from '../identity/identity-schemas.js';
import { NoteRetention, noteRetentionMonthsSchema } from '../delivery/note-retention.js';

export const DEFAULT_MIN_REPORTING_GROUP_SIZE = 5;
/** DESIGN.md: no figure from fewer than five people, whatever an organisation asks for (a smaller "group" can point at a person). */
export const LOWEST_MIN_REPORTING_GROUP_SIZE = 5;

/**
 * Zone names already found valid. Luxon asks Intl by building a formatter, which costs more than
 * placing a session, and a series is validated for every programme the worker expands. Only valid
 * names are kept (at most a few hundred real zones, in whatever case they were written), bounded all
 * the same.
 */
const validTimeZones = new Set<string>();
const MAX_VALID_TIME_ZONES = 2_000;

function isValidTimeZone(zone: string): boolean {
  if (validTimeZones.has(zone)) return true;
  if (!IANAZone.isValidZone(zone)) return false;
  if (validTimeZones.size >= MAX_VALID_TIME_ZONES) validTimeZones.clear();
  validTimeZones.add(zone);
  return true;
}

export const timeZoneSchema = z.string().trim().max(64, { error: 'Time zone names can be at most 64 characters.' }).refine(isValidTimeZone, {
  error: 'Choose a time zone from the list, for example Europe/London.',
});

export const localeSchema = z
  .string()
  .trim()
  .max(35, { error: 'Locales can be at most 35 characters.' })
  .refine(
    (locale) => {
      try {
        return Intl.getCanonicalLocales(locale).length === 1;
      } catch {
        return false;
      }
    },
    { error: 'Choose a locale such as en-GB.' },
  );

export const slugSchema = z
  .string()
  .trim()
  .min(3, { error: 'Short names must be at least 3 characters.' })
  .max(63, { error: 'Short names can be at most 63 characters.' })
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, {
    error: 'Short names use lower-case letters, digits and single hyphens, like north-ambulance.',
  });

export const organisationNameSchema = singleLine(
  z.string().trim().min(2, { error: 'Enter the organisation’s name.' }).max(160, { error: 'Organisation names can be at most 160 characters.' }),
  'Organisation names',
);

export const minReportingGroupSizeSchema = z
  .number()
  .int({ error: 'The minimum reporting group size must be a whole number.' })
  .min(LOWEST_MIN_REPORTING_GROUP_SIZE, {
    error: `The minimum reporting group size must be at least ${LOWEST_MIN_REPORTING_GROUP_SIZE}.`,
  })
  .max(50, { error: 'The minimum reporting group size can be at most 50.' });

const tenantFields = {
  name: organisationNameSchema,
  slug: slugSchema,
  timeZone: timeZoneSchema,
  locale: localeSchema,
  minReportingGroupSize: minReportingGroupSizeSchema,
  orgAdminsSeeIndividualAttendance: z.boolean(),
  noteRetentionMonths: noteRetentionMonthsSchema,
};

export const createTenantSchema = z.object({
  ...tenantFields,
  locale: tenantFields.locale.default('en-GB'),
  minReportingGroupSize: tenantFields.minReportingGroupSize.default(DEFAULT_MIN_REPORTING_GROUP_SIZE),
  orgAdminsSeeIndividualAttendance: tenantFields.orgAdminsSeeIndividualAttendance.default(false),
  noteRetentionMonths: tenantFields.noteRetentionMonths.default(NoteRetention.defaultMonths),
});
export type CreateTenant = z.output<typeof createTenantSchema>;

/** Only the fields given change; nothing falls back to a default (that could lower the reporting floor). */
export const updateTenantSchema = z.object(tenantFields).partial();
export type UpdateTenant = z.output<typeof updateTenantSchema>;

export const teamNameSchema = singleLine(z.string().trim().min(1, { error: 'Enter a team name.' }).max(120, { error: 'Team names can be at most 120 characters.' }), 'Team names');

export const inviteSchema = z.object({
  email: emailSchema,
  displayName: personNameSchema.optional(),
});

export const uuidSchema = z.uuid({ error: 'That id is not valid.' });

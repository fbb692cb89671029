import { z } from 'zod';
import { DomainError } from '../errors/domain-error.js';
import { singleLine } from '../identity/identity-schemas.js';
import { cadenceProblem, cadenceSchema } from '../scheduling/cadence.js';
import { localDateSchema, parseLocalDate } from '../scheduling/local-time.js';
import { SeriesLimits } from '../scheduling/recurrence-rule.js';
import { startTimesSchema } from '../scheduling/series-expansion.js';
import { timeZoneSchema, uuidSchema } from '../tenancy/tenancy-schemas.js';
import { programmeSchedule } from './programme-schedule.js';
import { serviceTypeSchema } from './service-type.js';

export const DeliveryMode = {
  /** By video: needs a video link. */
  ONLINE: 'ONLINE',
  /** In a room: needs a location. */
  IN_PERSON: 'IN_PERSON',
  /** In a room, with some joining by video: needs both. */
  HYBRID: 'HYBRID',
} as const;
export type DeliveryMode = (typeof DeliveryMode)[keyof typeof DeliveryMode];

/** Closed groups keep the same members throughout; open groups take new members as they go. */
export const Membership = { OPEN: 'OPEN', CLOSED: 'CLOSED' } as const;
export type Membership = (typeof Membership)[keyof typeof Membership];

export const ProgrammeLimits = {
  /** Two years of weekly sessions. */
  maxSessions: 104,
  minSessionMinutes: 30,
  maxSessionMinutes: 240,
  /** A group of one is not a group. The largest is the database's own limit. */
  smallestGroup: 2,
  largestGroup: 40,
  maxCoFacilitators: 3,
} as const;

const wholeNumber = (what: string, min: number, max: number) =>
  z
    .number({ error: `Enter the ${what}.` })
    .int({ error: `The ${what} must be a whole number.` })
    .min(min, { error: `The ${what} must be at least ${min}.` })
    .max(max, { error: `The ${what} can be at most ${max}.` });

export const programmeTitleSchema = singleLine(
  z
    .string({ error: 'Enter a title for the programme.' })
    .trim()
    .min(1, { error: 'Enter a title for the programme.' })
    .max(160, { error: 'Programme titles can be at most 160 characters.' }),
  'Programme titles',
);

export const videoLinkSchema = z
  .string()
  .trim()
  .max(2000, { error: 'Video links can be at most 2,000 characters.' })
  .pipe(z.url({ protocol: /^https$/, hostname: z.regexes.domain, error: 'Enter the video link as a full address starting https://, like https://meet.example.org/team-room.' }));

export const locationSchema = singleLine(
  z.string().trim().min(1, { error: 'Enter where the sessions take place.' }).max(300, { error: 'Locations can be at most 300 characters.' }),
  'Locations',
);

const programmeFields = {
  serviceType: serviceTypeSchema,
  title: programmeTitleSchema,
  numberOfSessions: wholeNumber('number of sessions', 1, ProgrammeLimits.maxSessions),
  cadence: cadenceSchema,
  /** The first session's date, in the programme's time zone. */
  startDate: localDateSchema,
  /** One start time, or up to three to rotate among (session i at time i mod n). */
  startTimes: startTimesSchema,
  sessionLengthMinutes: wholeNumber('session length in minutes', ProgrammeLimits.minSessionMinutes, ProgrammeLimits.maxSessionMinutes).multipleOf(5, {
    error: 'Session lengths go in steps of 5 minutes.',
  }),
  timeZone: timeZoneSchema,
  deliveryMode: z.enum(DeliveryMode, { error: 'Choose online, in person or hybrid.' }),
  videoLink: videoLinkSchema.nullish(),
  location: locationSchema.nullish(),
  minGroupSize: wholeNumber('smallest group size', ProgrammeLimits.smallestGroup, ProgrammeLimits.largestGroup),
  maxGroupSize: wholeNumber('largest group size', ProgrammeLimits.smallestGroup, ProgrammeLimits.largestGroup),
  membership: z.enum(Membership, { error: 'Choose whether the group is closed or open to new members.' }),
};
const programmeDetailsObject = z.object(programmeFields);
type ProgrammeDetailsInput = z.output<typeof programmeDetailsObject>;

/**
 * The rules between fields. zod runs them even when a field failed one of its own checks (a
 * fractional group size, a date that does not exist), so each rule looks only at fields that are
 * valid: a person sees one message per problem.
 */
function checkProgrammeDetails(details: ProgrammeDetailsInput, context: z.RefinementCtx): void {
  const problem = (path: keyof ProgrammeDetailsInput, message: string) => context.addIssue({ code: 'custom', path: [path], message });
  const needsLink = details.deliveryMode === DeliveryMode.ONLINE || details.deliveryMode === DeliveryMode.HYBRID;
  const needsPlace = details.deliveryMode === DeliveryMode.IN_PERSON || details.deliveryMode === DeliveryMode.HYBRID;
  if (needsLink && !details.videoLink) problem('videoLink', `Enter the video link for ${details.deliveryMode === DeliveryMode.HYBRID ? 'hybrid' : 'online'} sessions.`);
  if (needsPlace && !details.location) problem('location', 'Enter where the sessions take place.');

  if (Number.isInteger(details.minGroupSize) && Number.isInteger(details.maxGroupSize) && details.minGroupSize > details.maxGroupSize) {
    problem('maxGroupSize', 'The largest group size cannot be smaller than the smallest.');
  }

  if (!parseLocalDate(details.startDate) || !cadenceSchema.safeParse(details.cadence).success) return;
  const cadence = cadenceProblem(details.cadence, details.startDate);
  if (cadence) return problem('cadence', cadence);
  const schedulable =
    startTimesSchema.safeParse(details.startTimes).success &&
    timeZoneSchema.safeParse(details.timeZone).success &&
    programmeFields.numberOfSessions.safeParse(details.numberOfSessions).success &&
    programmeFields.sessionLengthMinutes.safeParse(details.sessionLengthMinutes).success;
  if (!schedulable) return;
  try {
    programmeSchedule(details);
  } catch (error) {
    // The one way a valid cadence can fail: too many sessions to fit within the series limits.
    if (error instanceof DomainError) {
      return problem(
        'numberOfSessions',
        `${details.numberOfSessions} sessions at this cadence would run for more than ${SeriesLimits.maxSpanYears} years. Choose fewer sessions or a more frequent cadence.`,
      );
    }
    throw error;
  }
}

/** Keeps only what the delivery mode uses, so a form that switched modes leaves nothing stale behind. */
function keepDeliveryDetailsInUse<T extends { deliveryMode: DeliveryMode; videoLink?: string | null; location?: string | null }>(details: T) {
  return {
    ...details,
    videoLink: details.deliveryMode === DeliveryMode.IN_PERSON ? null : (details.videoLink ?? null),
    location: details.deliveryMode === DeliveryMode.ONLINE ? null : (details.location ?? null),
  };
}

/** A programme's service, schedule, delivery and group, as set when it is requested or proposed. */
export const programmeDetailsSchema = programmeDetailsObject.superRefine(checkProgrammeDetails).transform(keepDeliveryDetailsInUse);
export type ProgrammeDetails = z.output<typeof programmeDetailsSchema>;

const facilitatorFields = {
  leadFacilitatorId: uuidSchema,
  coFacilitatorIds: z
    .array(uuidSchema, { error: 'Choose the co-facilitators from the list.' })
    .refine((ids) => ids.length <= ProgrammeLimits.maxCoFacilitators, {
      error: `A programme can have at most ${ProgrammeLimits.maxCoFacilitators} co-facilitators.`,
    })
    .default([]),
};

function checkFacilitators(value: { leadFacilitatorId: string; coFacilitatorIds: string[] }, context: z.RefinementCtx): void {
  const everyone = [value.leadFacilitatorId, ...value.coFacilitatorIds];
  if (new Set(everyone).size !== everyone.length) {
    context.addIssue({ code: 'custom', path: ['coFacilitatorIds'], message: 'Choose each facilitator once: the lead cannot also be a co-facilitator.' });
  }
}

export const programmeFacilitatorsSchema = z.object(facilitatorFields).superRefine(checkFacilitators);
export type ProgrammeFacilitators = z.output<typeof programmeFacilitatorsSchema>;

/** An organisation admin's request, for one of their teams, perhaps from a needs assessment. */
export const requestProgrammeSchema = programmeDetailsObject
  .extend({ teamId: uuidSchema, needsAssessmentId: uuidSchema.nullish() })
  .superRefine(checkProgrammeDetails)
  .transform(keepDeliveryDetailsInUse);
export type RequestProgramme = z.output<typeof requestProgrammeSchema>;

/** A platform admin's proposal: the details (as requested or changed) and the facilitators. */
export const proposeProgrammeSchema = programmeDetailsObject
  .extend({ programmeId: uuidSchema, ...facilitatorFields })
  .superRefine(checkProgrammeDetails)
  .superRefine(checkFacilitators)
  .transform(keepDeliveryDetailsInUse);
export type ProposeProgramme = z.output<typeof proposeProgrammeSchema>;

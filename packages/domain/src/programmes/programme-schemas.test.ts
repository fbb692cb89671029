import { DateTime } from 'luxon';
import { parseInput } from '../errors/parse-input.js';
import { DomainError } from '../errors/domain-error.js';
import {
  DeliveryMode,
  Membership,
  programmeDetailsSchema,
  programmeFacilitatorsSchema,
  ProgrammeLimits,
  proposeProgrammeSchema,
  requestProgrammeSchema,
} from './programme-schemas.js';
import { fromStoredSeriesStart, programmeSchedule, toStoredSeriesStart } from './programme-schedule.js';

const LEAD = '0b8f1c7e-2a51-4a8e-9d3c-5f8a4e6b7c10';
const CO = '6f1d2e3c-4b5a-4c7d-8e9f-0a1b2c3d4e5f';
const TEAM = '3a2b1c0d-9e8f-4a7b-8c6d-5e4f3a2b1c0d';

/** A fortnightly online GRP group on Tuesdays at 10:00 London time. */
const valid = {
  serviceType: 'GRP',
  title: '  Night shift reflective practice ',
  numberOfSessions: 10,
  cadence: 'FORTNIGHTLY',
  startDate: '2027-03-16',
  startTimes: ['10:00'],
  sessionLengthMinutes: 90,
  timeZone: 'Europe/London',
  deliveryMode: 'ONLINE',
  videoLink: 'https://meet.example.org/night-shift',
  minGroupSize: 4,
  maxGroupSize: 10,
  membership: 'CLOSED',
};

const problemsOf = (input: unknown, schema: { safeParse: (value: unknown) => { error?: { issues: { path: PropertyKey[]; message: string }[] } } } = programmeDetailsSchema) =>
  (schema.safeParse(input).error?.issues ?? []).map((issue) => ({ field: issue.path.map(String).join('.'), message: issue.message }));

describe('programmeDetailsSchema', () => {
  it('accepts a programme, trimming the title and dropping delivery details it does not use', () => {
    expect(programmeDetailsSchema.parse({ ...valid, location: 'Room 4' })).toEqual({
      ...valid,
      title: 'Night shift reflective practice',
      location: null,
    });
  });

  it.each([
    [DeliveryMode.ONLINE, { videoLink: 'https://meet.example.org/a' }, { videoLink: 'https://meet.example.org/a', location: null }],
    [DeliveryMode.IN_PERSON, { location: 'Room 4, Station Road, Leeds', videoLink: 'https://meet.example.org/a' }, { videoLink: null, location: 'Room 4, Station Road, Leeds' }],
    [DeliveryMode.HYBRID, { location: 'Room 4', videoLink: 'https://meet.example.org/a' }, { videoLink: 'https://meet.example.org/a', location: 'Room 4' }],
  ])('%s keeps %j as %j', (deliveryMode, given, kept) => {
    const { videoLink: _link, ...withoutLink } = valid;
    expect(programmeDetailsSchema.parse({ ...withoutLink, deliveryMode, ...given })).toMatchObject(kept);
  });

  it.each([
    ['online without a video link', { deliveryMode: 'ONLINE', videoLink: null }, [{ field: 'videoLink', message: 'Enter the video link for online sessions.' }]],
    ['in person without a location', { deliveryMode: 'IN_PERSON', videoLink: undefined }, [{ field: 'location', message: 'Enter where the sessions take place.' }]],
    [
      'hybrid without either',
      { deliveryMode: 'HYBRID', videoLink: undefined },
      [
        { field: 'videoLink', message: 'Enter the video link for hybrid sessions.' },
        { field: 'location', message: 'Enter where the sessions take place.' },
      ],
    ],
    ['an unknown delivery mode', { deliveryMode: 'CARRIER_PIGEON' }, [{ field: 'deliveryMode', message: 'Choose online, in person or hybrid.' }]],
    [
      'a video link that is not https',
      { videoLink: 'http://meet.example.org/a' },
      [{ field: 'videoLink', message: expect.stringMatching(/^Enter the video link as a full address starting https:\/\//) }],
    ],
    ['a video link that is not a link', { videoLink: 'meet us on Teams' }, [{ field: 'videoLink', message: expect.stringMatching(/^Enter the video link as a full address/) }]],
    [
      'a location over two lines',
      { deliveryMode: 'HYBRID', location: 'Room 4\nLeeds' },
      [{ field: 'location', message: 'Locations must be on one line, without line breaks or tabs.' }],
    ],
    [
      'a smallest group larger than the largest',
      { minGroupSize: 8, maxGroupSize: 6 },
      [{ field: 'maxGroupSize', message: 'The largest group size cannot be smaller than the smallest.' }],
    ],
    ['a group of one', { minGroupSize: 1 }, [{ field: 'minGroupSize', message: 'The smallest group size must be at least 2.' }]],
    ['a group of 41', { maxGroupSize: 41 }, [{ field: 'maxGroupSize', message: 'The largest group size can be at most 40.' }]],
    ['a fractional group size', { maxGroupSize: 7.5 }, [{ field: 'maxGroupSize', message: 'The largest group size must be a whole number.' }]],
    ['no sessions', { numberOfSessions: 0 }, [{ field: 'numberOfSessions', message: 'The number of sessions must be at least 1.' }]],
    ['too many sessions', { numberOfSessions: 105 }, [{ field: 'numberOfSessions', message: 'The number of sessions can be at most 104.' }]],
    ['a number of sessions as text', { numberOfSessions: '10' }, [{ field: 'numberOfSessions', message: 'Enter the number of sessions.' }]],
    [
      'more sessions than fit in five years',
      { cadence: 'MONTHLY_DAY', numberOfSessions: 62 },
      [{ field: 'numberOfSessions', message: '62 sessions at this cadence would run for more than 5 years. Choose fewer sessions or a more frequent cadence.' }],
    ],
    ['a 20-minute session', { sessionLengthMinutes: 20 }, [{ field: 'sessionLengthMinutes', message: 'The session length in minutes must be at least 30.' }]],
    ['a five-hour session', { sessionLengthMinutes: 300 }, [{ field: 'sessionLengthMinutes', message: 'The session length in minutes can be at most 240.' }]],
    ['a session of 92 minutes', { sessionLengthMinutes: 92 }, [{ field: 'sessionLengthMinutes', message: 'Session lengths go in steps of 5 minutes.' }]],
    ['an unknown time zone', { timeZone: 'Europe/Londres' }, [{ field: 'timeZone', message: 'Choose a time zone from the list, for example Europe/London.' }]],
    ['an unknown service', { serviceType: 'YOGA' }, [{ field: 'serviceType', message: 'Choose Group Reflective Practice or Group Therapeutic Support.' }]],
    ['an empty title', { title: '   ' }, [{ field: 'title', message: 'Enter a title for the programme.' }]],
    ['a title over two lines', { title: 'Night\nshift' }, [{ field: 'title', message: 'Programme titles must be on one line, without line breaks or tabs.' }]],
    ['a long title', { title: 'x'.repeat(161) }, [{ field: 'title', message: 'Programme titles can be at most 160 characters.' }]],
    ['an unknown cadence', { cadence: 'DAILY' }, [{ field: 'cadence', message: 'Choose how often the sessions repeat.' }]],
    [
      'a cadence that cannot start on the date',
      { cadence: 'MONTHLY_NTH_WEEKDAY', startDate: '2027-03-30' },
      [{ field: 'cadence', message: 'Not every month has a fifth Tuesday. Choose "monthly on the last Tuesday" instead.' }],
    ],
    ['a date that does not exist', { startDate: '2027-02-30' }, [{ field: 'startDate', message: 'Enter a date like 2027-03-17.' }]],
    ['four rotating start times', { startTimes: ['06:00', '10:00', '14:00', '20:00'] }, [{ field: 'startTimes', message: 'A programme can rotate among at most 3 start times.' }]],
    ['no start time', { startTimes: [] }, [{ field: 'startTimes', message: 'Give at least one start time.' }]],
    ['an unknown membership', { membership: 'INVITE_ONLY' }, [{ field: 'membership', message: 'Choose whether the group is closed or open to new members.' }]],
  ])('refuses %s, naming the field', (_label, change, problems) => {
    expect(problemsOf({ ...valid, ...change })).toEqual(problems);
  });

  it.each([
    ['a group size that is not a whole number', { minGroupSize: 7.5, maxGroupSize: 3 }, [{ field: 'minGroupSize', message: 'The smallest group size must be a whole number.' }]],
    ['a group size that is not a number', { minGroupSize: 'six', maxGroupSize: 3 }, [{ field: 'minGroupSize', message: 'Enter the smallest group size.' }]],
    ['a start date that is not a date', { startDate: 'soon', cadence: 'MONTHLY_DAY' }, [{ field: 'startDate', message: 'Enter a date like 2027-03-17.' }]],
    ['an unknown cadence', { cadence: 'HOURLY', numberOfSessions: 104 }, [{ field: 'cadence', message: 'Choose how often the sessions repeat.' }]],
    [
      'an unknown zone',
      { timeZone: 'Nowhere', cadence: 'MONTHLY_DAY', numberOfSessions: 104 },
      [{ field: 'timeZone', message: 'Choose a time zone from the list, for example Europe/London.' }],
    ],
    [
      'bad start times',
      { startTimes: ['noon'], cadence: 'MONTHLY_DAY', numberOfSessions: 104 },
      [{ field: 'startTimes.0', message: 'Write times as HH:MM on the 24-hour clock, for example 09:30.' }],
    ],
    [
      'a bad session length',
      { sessionLengthMinutes: 7, cadence: 'MONTHLY_DAY', numberOfSessions: 104 },
      [
        { field: 'sessionLengthMinutes', message: 'The session length in minutes must be at least 30.' },
        { field: 'sessionLengthMinutes', message: 'Session lengths go in steps of 5 minutes.' },
      ],
    ],
  ])('gives %s its own message, and no second one from the rules between fields', (_label, change, problems) => {
    expect(problemsOf({ ...valid, ...change })).toEqual(problems);
  });

  it('accepts monthly sessions for exactly five years, the longest a series may run', () => {
    expect(programmeDetailsSchema.safeParse({ ...valid, cadence: 'MONTHLY_DAY', numberOfSessions: 61 }).success).toBe(true);
  });

  it('reports every problem at once through parseInput, as BAD_USER_INPUT', () => {
    let error: unknown;
    try {
      parseInput(programmeDetailsSchema, { ...valid, title: '', timeZone: 'Nowhere', minGroupSize: 9, maxGroupSize: 3 });
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).fieldProblems.map((problem) => problem.field)).toEqual(['title', 'timeZone', 'maxGroupSize']);
  });

  it('reads Membership and the limits as the API will', () => {
    expect(Object.values(Membership)).toEqual(['OPEN', 'CLOSED']);
    expect(ProgrammeLimits.maxCoFacilitators).toBe(3);
  });
});

describe('requestProgrammeSchema and proposeProgrammeSchema', () => {
  it('a request names the team and, if it came from one, the needs assessment', () => {
    expect(requestProgrammeSchema.parse({ ...valid, teamId: TEAM })).toMatchObject({ teamId: TEAM, title: 'Night shift reflective practice', location: null });
    expect(problemsOf({ ...valid, teamId: 'team-7', needsAssessmentId: 'x' }, requestProgrammeSchema)).toEqual([
      { field: 'teamId', message: 'That id is not valid.' },
      { field: 'needsAssessmentId', message: 'That id is not valid.' },
    ]);
    expect(problemsOf({ ...valid, teamId: TEAM, deliveryMode: 'IN_PERSON', videoLink: undefined }, requestProgrammeSchema)).toEqual([
      { field: 'location', message: 'Enter where the sessions take place.' },
    ]);
  });

  it('a proposal names its lead and up to three co-facilitators, each once', () => {
    const programmeId = '9c8b7a6f-5e4d-4c3b-8a2f-1e0d9c8b7a6f';
    expect(proposeProgrammeSchema.parse({ ...valid, programmeId, leadFacilitatorId: LEAD })).toMatchObject({ leadFacilitatorId: LEAD, coFacilitatorIds: [] });
    expect(problemsOf({ ...valid, programmeId, leadFacilitatorId: LEAD, coFacilitatorIds: [CO, LEAD] }, proposeProgrammeSchema)).toEqual([
      { field: 'coFacilitatorIds', message: 'Choose each facilitator once: the lead cannot also be a co-facilitator.' },
    ]);
    expect(problemsOf({ ...valid, programmeId, leadFacilitatorId: LEAD, minGroupSize: 12 }, proposeProgrammeSchema)).toEqual([
      { field: 'maxGroupSize', message: 'The largest group size cannot be smaller than the smallest.' },
    ]);
  });

  it('programmeFacilitatorsSchema refuses a fourth co-facilitator and a repeated one', () => {
    const ids = ['a', 'b', 'c', 'd'].map((letter) => `${letter.repeat(8)}-1111-4111-8111-111111111111`);
    expect(problemsOf({ leadFacilitatorId: LEAD, coFacilitatorIds: ids }, programmeFacilitatorsSchema)).toEqual([
      { field: 'coFacilitatorIds', message: 'A programme can have at most 3 co-facilitators.' },
    ]);
    expect(problemsOf({ leadFacilitatorId: LEAD, coFacilitatorIds: [CO, CO] }, programmeFacilitatorsSchema)).toEqual([
      { field: 'coFacilitatorIds', message: 'Choose each facilitator once: the lead cannot also be a co-facilitator.' },
    ]);
    expect(problemsOf({ leadFacilitatorId: 'lead' }, programmeFacilitatorsSchema)).toEqual([{ field: 'leadFacilitatorId', message: 'That id is not valid.' }]);
    expect(problemsOf({ leadFacilitatorId: LEAD, coFacilitatorIds: CO }, programmeFacilitatorsSchema)).toEqual([
      { field: 'coFacilitatorIds', message: 'Choose the co-facilitators from the list.' },
    ]);
  });
});

describe('programmeSchedule', () => {
  it('gives the rule and each session with its end, numbered from 1', () => {
    const { rrule, sessions } = programmeSchedule(programmeDetailsSchema.parse(valid));
    expect(rrule).toBe('FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;COUNT=10');
    expect(sessions).toHaveLength(10);
    expect(sessions[0]).toEqual({ sequence: 1, startsAt: '2027-03-16T10:00:00.000Z', endsAt: '2027-03-16T11:30:00.000Z' });
    expect(sessions[1]).toEqual({ sequence: 2, startsAt: '2027-03-30T09:00:00.000Z', endsAt: '2027-03-30T10:30:00.000Z' });
  });

  it('rotates start times for shift workers and keeps each session its real length across a change of the clocks', () => {
    const { sessions } = programmeSchedule({
      cadence: 'WEEKLY',
      startDate: '2027-10-17',
      startTimes: ['08:00', '14:00', '00:30'],
      numberOfSessions: 3,
      sessionLengthMinutes: 90,
      timeZone: 'Europe/London',
    });
    const local = (iso: string) => DateTime.fromISO(iso).setZone('Europe/London').toFormat('ccc d LLL HH:mm');
    expect(sessions.map((session) => `${local(session.startsAt)}–${local(session.endsAt)}`)).toEqual([
      'Sun 17 Oct 08:00–Sun 17 Oct 09:30',
      'Sun 24 Oct 14:00–Sun 24 Oct 15:30',
      // 00:30 BST, then the clocks go back at 02:00: 90 minutes later is 01:00 GMT.
      'Sun 31 Oct 00:30–Sun 31 Oct 01:00',
    ]);
    const third = sessions[2]!;
    expect(Date.parse(third.endsAt) - Date.parse(third.startsAt)).toBe(90 * 60_000);
  });
});

describe('toStoredSeriesStart and fromStoredSeriesStart', () => {
  it.each([
    [
      { startDate: '2027-03-16', startTimes: ['10:00'] },
      { startLocal: '2027-03-16T10:00:00', startSlots: [] },
    ],
    [
      { startDate: '2027-03-16', startTimes: ['08:00', '14:00', '20:00'] },
      { startLocal: '2027-03-16T08:00:00', startSlots: ['08:00', '14:00', '20:00'] },
    ],
  ])('keep %j in the row as %j and read it back', (start, stored) => {
    expect(toStoredSeriesStart(start)).toEqual(stored);
    expect(fromStoredSeriesStart(stored)).toEqual(start);
  });

  it('reads the row as PostgreSQL writes a timestamp and a time', () => {
    expect(fromStoredSeriesStart({ startLocal: '2027-03-16 10:00:00', startSlots: [] })).toEqual({ startDate: '2027-03-16', startTimes: ['10:00'] });
    expect(fromStoredSeriesStart({ startLocal: '2027-03-16 08:00:00', startSlots: ['08:00:00', '20:00:00'] })).toEqual({ startDate: '2027-03-16', startTimes: ['08:00', '20:00'] });
  });
});

import {
  createTenantSchema,
  DEFAULT_MIN_REPORTING_GROUP_SIZE,
  inviteSchema,
  localeSchema,
  minReportingGroupSizeSchema,
  organisationNameSchema,
  slugSchema,
  teamNameSchema,
  timeZoneSchema,
  updateTenantSchema,
  uuidSchema,
} from './tenancy-schemas.js';
import { personNameSchema } from '../identity/identity-schemas.js';

const messagesOf = (result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  (result.error?.issues ?? []).map((issue) => ({ field: issue.path.map(String).join('.'), message: issue.message }));

describe('createTenantSchema', () => {
  it('fills in the defaults: en-GB, a minimum group of five, individual attendance hidden, notes kept 12 months', () => {
    expect(createTenantSchema.parse({ name: '  North Ambulance  ', slug: 'north-ambulance', timeZone: 'Europe/London' })).toEqual({
      name: 'North Ambulance',
      slug: 'north-ambulance',
      timeZone: 'Europe/London',
      locale: 'en-GB',
      minReportingGroupSize: DEFAULT_MIN_REPORTING_GROUP_SIZE,
      orgAdminsSeeIndividualAttendance: false,
      noteRetentionMonths: 12,
    });
    expect(DEFAULT_MIN_REPORTING_GROUP_SIZE).toBe(5);
  });

  it('reports every bad field at once, each by name', () => {
    const result = createTenantSchema.safeParse({ name: 'x', slug: 'Bad Slug', timeZone: 'Mars/Olympus', minReportingGroupSize: 2 });
    expect(result.success).toBe(false);
    expect(
      messagesOf(result)
        .map((problem) => problem.field)
        .sort(),
    ).toEqual(['minReportingGroupSize', 'name', 'slug', 'timeZone']);
  });

  it('updateTenantSchema accepts any subset and still checks what is given', () => {
    // Exactly what was given: no create-time default sneaks in (it could lower the reporting floor).
    expect(updateTenantSchema.parse({ timeZone: 'America/New_York' })).toEqual({ timeZone: 'America/New_York' });
    expect(updateTenantSchema.safeParse({}).success).toBe(true);
    expect(messagesOf(updateTenantSchema.safeParse({ timeZone: 'Mars/Olympus', slug: 'ok-slug' })).map((problem) => problem.field)).toEqual(['timeZone']);
    expect(messagesOf(updateTenantSchema.safeParse({ minReportingGroupSize: 1 })).map((problem) => problem.field)).toEqual(['minReportingGroupSize']);
  });
});

describe('slugSchema', () => {
  it.each(['abc', 'north-ambulance', 'trust-2024', 'a1b2c3', 'x'.repeat(63)])('accepts %s', (slug) => {
    expect(slugSchema.parse(slug)).toBe(slug);
  });

  it.each([
    ['capitals', 'North-Ambulance'],
    ['spaces', 'north ambulance'],
    ['a double hyphen', 'north--ambulance'],
    ['a leading hyphen', '-north'],
    ['a trailing hyphen', 'north-'],
    ['underscores', 'north_ambulance'],
    ['fewer than three characters', 'ab'],
    ['more than 63 characters', 'x'.repeat(64)],
    ['non-ASCII letters', 'zürich'],
  ])('refuses %s', (_label, slug) => {
    expect(slugSchema.safeParse(slug).success).toBe(false);
  });
});

describe('timeZoneSchema', () => {
  it.each(['Europe/London', 'Australia/Sydney', 'America/Argentina/Buenos_Aires', 'UTC'])('accepts %s', (zone) => {
    expect(timeZoneSchema.parse(zone)).toBe(zone);
  });

  it.each(['Mars/Olympus', 'Europe/Londn', '', 'GMT+25', `Europe/${'x'.repeat(70)}`])('refuses %j with a message a person understands', (zone) => {
    const result = timeZoneSchema.safeParse(zone);
    expect(result.success).toBe(false);
    expect(messagesOf(result)[0]?.message).toMatch(/time zone/i);
  });
});

describe('minReportingGroupSizeSchema', () => {
  it('never allows a group small enough to point at a person', () => {
    expect(minReportingGroupSizeSchema.safeParse(2).success).toBe(false);
    expect(minReportingGroupSizeSchema.safeParse(0).success).toBe(false);
    expect(minReportingGroupSizeSchema.safeParse(-5).success).toBe(false);
    // DESIGN.md: never below five, whatever an organisation asks for.
    expect(minReportingGroupSizeSchema.safeParse(3).success).toBe(false);
    expect(minReportingGroupSizeSchema.safeParse(4).success).toBe(false);
    expect(minReportingGroupSizeSchema.parse(5)).toBe(5);
    expect(minReportingGroupSizeSchema.parse(50)).toBe(50);
    expect(minReportingGroupSizeSchema.safeParse(51).success).toBe(false);
  });

  it('wants a whole number', () => {
    const result = minReportingGroupSizeSchema.safeParse(4.5);
    expect(messagesOf(result)[0]?.message).toBe('The minimum reporting group size must be a whole number.');
  });
});

describe('names and locales', () => {
  it('organisation names are 2 to 160 characters after trimming', () => {
    expect(organisationNameSchema.safeParse(' a ').success).toBe(false);
    expect(organisationNameSchema.parse('NHS')).toBe('NHS');
    expect(organisationNameSchema.safeParse('n'.repeat(160)).success).toBe(true);
    expect(messagesOf(organisationNameSchema.safeParse('n'.repeat(161)))[0]?.message).toBe('Organisation names can be at most 160 characters.');
  });

  it('names that travel into email headers are refused with a line break, tab or other control character inside', () => {
    for (const [schema, what] of [
      [organisationNameSchema, 'Organisation names'],
      [teamNameSchema, 'Team names'],
      [personNameSchema, 'Names'],
    ] as const) {
      for (const bad of ['North\nAmbulance', 'North\r\nBcc: victim@example.org', 'North\tAmbulance', 'North\u2028Ambulance']) {
        expect(messagesOf(schema.safeParse(bad))[0]?.message).toBe(`${what} must be on one line, without line breaks or tabs.`);
      }
      // Surrounding white space is trimmed, not refused.
      expect(schema.parse('  North Ambulance\n')).toBe('North Ambulance');
    }
  });

  it('team names are 1 to 120 characters after trimming', () => {
    expect(teamNameSchema.parse('  Night shift ')).toBe('Night shift');
    expect(teamNameSchema.safeParse('   ').success).toBe(false);
    expect(teamNameSchema.safeParse('t'.repeat(120)).success).toBe(true);
    expect(teamNameSchema.safeParse('t'.repeat(121)).success).toBe(false);
  });

  it.each(['en-GB', 'cy', 'fr-CA', 'de'])('accepts the locale %s', (locale) => {
    expect(localeSchema.parse(locale)).toBe(locale);
  });

  it.each(['not a locale', 'en_GB!', '', 'x'.repeat(40)])('refuses the locale %j', (locale) => {
    expect(localeSchema.safeParse(locale).success).toBe(false);
  });
});

describe('inviteSchema and uuidSchema', () => {
  it('normalises the invited address and keeps the name optional', () => {
    expect(inviteSchema.parse({ email: ' Pat@Example.ORG ' })).toEqual({ email: 'pat@example.org' });
    expect(inviteSchema.parse({ email: 'pat@example.org', displayName: ' Pat ' })).toEqual({ email: 'pat@example.org', displayName: 'Pat' });
    expect(messagesOf(inviteSchema.safeParse({ email: 'pat' })).map((problem) => problem.field)).toEqual(['email']);
  });

  it('tells ids from anything else', () => {
    expect(uuidSchema.safeParse('6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4f').success).toBe(true);
    for (const id of ['abc', '', '6f1c2d3e4b5a4c6d8e7f9a0b1c2d3e4f', "1' OR '1'='1", '6f1c2d3e-4b5a-4c6d-8e7f-9a0b1c2d3e4g']) {
      expect({ id, valid: uuidSchema.safeParse(id).success }).toEqual({ id, valid: false });
    }
  });
});

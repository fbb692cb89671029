import {
  acceptInvitationSchema,
  emailSchema,
  facilitatorProfileSchema,
  loginSchema,
  newPasswordSchema,
  personNameSchema,
  resetPasswordSchema,
  tokenSchema,
} from './identity-schemas.js';

const fieldsOf = (result: { error?: { issues: { path: PropertyKey[] }[] } }) => (result.error?.issues ?? []).map((issue) => issue.path.map(String).join('.'));

describe('emailSchema', () => {
  it('trims and lower-cases, so one person has one account', () => {
    expect(emailSchema.parse('  Casey.Coordinator@Example.ORG ')).toBe('casey.coordinator@example.org');
  });

  it.each(['not-an-email', 'two@@example.org', 'nobody@', '@example.org', 'spaces in@example.org', ''])('refuses %j', (email) => {
    const result = emailSchema.safeParse(email);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('Enter an email address like name@example.org.');
  });

  it('allows 254 characters and refuses 255 with its own message', () => {
    const local = (length: number) => `${'a'.repeat(64)}.${'b'.repeat(length - 65 - '@example.org'.length)}`;
    expect(emailSchema.safeParse(`${local(254)}@example.org`).success).toBe(true);
    const tooLong = emailSchema.safeParse(`${local(255)}@example.org`);
    expect(tooLong.success).toBe(false);
    expect(tooLong.error?.issues[0]?.message).toBe('Email addresses can be at most 254 characters.');
  });
});

describe('newPasswordSchema', () => {
  it('asks for length, not complexity', () => {
    expect(newPasswordSchema.parse('correct horse battery staple')).toBe('correct horse battery staple');
    expect(newPasswordSchema.parse('abcdabcdabcd')).toBe('abcdabcdabcd');
  });

  it.each([
    ['11 characters', 'abcdefghijk', 'Passwords must be at least 12 characters.'],
    ['129 characters', 'abcd'.repeat(32) + 'e', 'Passwords can be at most 128 characters.'],
    ['one character repeated', 'aaaaaaaaaaaaaaaa', 'Choose a password that is not one character repeated.'],
    ['three characters repeated', 'abcabcabcabc', 'Choose a password that is not one character repeated.'],
  ])('refuses %s', (_label, password, message) => {
    const result = newPasswordSchema.safeParse(password);
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.message)).toContain(message);
  });
});

describe('sign-in, invitation and reset inputs', () => {
  it('login needs a well-formed address and some password, however short', () => {
    expect(loginSchema.parse({ email: 'A@B.org', password: 'x' })).toEqual({ email: 'a@b.org', password: 'x' });
    expect(fieldsOf(loginSchema.safeParse({ email: 'nope', password: '' })).sort()).toEqual(['email', 'password']);
    expect(fieldsOf(loginSchema.safeParse({ email: 'a@b.org', password: 'p'.repeat(129) }))).toEqual(['password']);
  });

  it('link tokens are 20 to 200 characters', () => {
    expect(tokenSchema.safeParse('t'.repeat(19)).success).toBe(false);
    expect(tokenSchema.safeParse('t'.repeat(20)).success).toBe(true);
    expect(tokenSchema.safeParse('t'.repeat(200)).success).toBe(true);
    expect(tokenSchema.safeParse('t'.repeat(201)).success).toBe(false);
  });

  it('accepting an invitation names each bad field', () => {
    const result = acceptInvitationSchema.safeParse({ token: 'short', displayName: '   ', password: 'short' });
    expect(fieldsOf(result).sort()).toEqual(['displayName', 'password', 'token']);
    expect(acceptInvitationSchema.parse({ token: 'k'.repeat(43), displayName: ' Pat ', password: 'a long enough passphrase' }).displayName).toBe('Pat');
  });

  it('resetting a password checks token and new password', () => {
    expect(fieldsOf(resetPasswordSchema.safeParse({ token: 'k'.repeat(43), password: 'aaaaaaaaaaaaa' }))).toEqual(['password']);
  });

  it('person names are 1 to 120 characters after trimming', () => {
    expect(personNameSchema.safeParse('').success).toBe(false);
    expect(personNameSchema.safeParse('n'.repeat(120)).success).toBe(true);
    expect(personNameSchema.safeParse('n'.repeat(121)).success).toBe(false);
  });
});

describe('facilitatorProfileSchema', () => {
  it('keeps each service once and only GRP or GTS', () => {
    expect(facilitatorProfileSchema.parse({ displayName: 'Dr Rowan', bio: ' Group analyst. ', services: ['GRP', 'GRP'] })).toEqual({
      displayName: 'Dr Rowan',
      bio: 'Group analyst.',
      services: ['GRP'],
    });
    expect(facilitatorProfileSchema.safeParse({ displayName: 'Dr Rowan', bio: '', services: ['CBT'] }).success).toBe(false);
    expect(fieldsOf(facilitatorProfileSchema.safeParse({ displayName: 'Dr Rowan', bio: 'b'.repeat(2001), services: [] }))).toEqual(['bio']);
  });
});

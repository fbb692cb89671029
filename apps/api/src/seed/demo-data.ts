/** The demo world `pnpm db:seed` creates: enough to click through every screen. */
export const DEMO_PASSWORD = 'Lena-demo-2026!';

export const demoStaff = [
  { email: 'admin@lena.test', displayName: 'Priya Shah', roles: ['PLATFORM_ADMIN'] },
  {
    email: 'amira.facilitator@lena.test',
    displayName: 'Dr Amira Haddad',
    roles: ['FACILITATOR'],
    bio: 'Clinical psychologist; fifteen years facilitating reflective practice for child-protection teams.',
    services: ['GRP', 'GTS'],
  },
  {
    email: 'ben.facilitator@lena.test',
    displayName: 'Ben Okafor',
    roles: ['FACILITATOR'],
    bio: 'Psychotherapist specialising in group supervision for emergency and shift-working services.',
    services: ['GTS'],
  },
] as const;

export const demoTenants = [
  {
    name: 'Northshire Children’s Services',
    slug: 'northshire-cp',
    timeZone: 'Europe/London',
    orgAdmin: { email: 'coordinator@northshire-cp.test', displayName: 'Helen Marsh' },
    teams: ['Child Protection Team North', 'Family Assessment Team'],
    participants: [
      { email: 'sam@northshire-cp.test', displayName: 'Sam Taylor', team: 0 },
      { email: 'aisha@northshire-cp.test', displayName: 'Aisha Rahman', team: 0 },
      { email: 'tom@northshire-cp.test', displayName: 'Tom Fletcher', team: 0 },
      { email: 'grace@northshire-cp.test', displayName: 'Grace Owusu', team: 1 },
      { email: 'li@northshire-cp.test', displayName: 'Li Wei', team: 1 },
    ],
  },
  {
    name: 'Coastal Ambulance Service',
    slug: 'coastal-ambulance',
    timeZone: 'Europe/London',
    orgAdmin: { email: 'coordinator@coastal-ambulance.test', displayName: 'Mark Ellis' },
    teams: ['Emergency Operations Centre', 'Night Shift Crews'],
    participants: [
      { email: 'jo@coastal-ambulance.test', displayName: 'Jo Bennett', team: 0 },
      { email: 'ravi@coastal-ambulance.test', displayName: 'Ravi Patel', team: 0 },
      { email: 'kate@coastal-ambulance.test', displayName: 'Kate Morgan', team: 1 },
      { email: 'dan@coastal-ambulance.test', displayName: 'Dan Hughes', team: 1 },
    ],
  },
] as const;

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
    programmes: [
      {
        title: 'Reflective practice — Child Protection Team North',
        serviceType: 'GRP',
        team: 0,
        status: 'ACTIVE',
        cadence: 'FORTNIGHTLY',
        // Weeks from today to the first session: negative for a programme under way.
        firstSessionInWeeks: -6,
        startTimes: ['10:00'],
        sessionCount: 8,
        deliveryMode: 'ONLINE',
        videoLink: 'https://meet.example.org/lena-northshire-grp',
        facilitators: { lead: 'amira.facilitator@lena.test', co: [] },
        enrolTeam: true,
        // Baseline and final burnout measures from its team and earlier cohorts: enough to show.
        outcomeRespondents: 8,
      },
      {
        title: 'Group supervision — Family Assessment Team',
        serviceType: 'GTS',
        team: 1,
        status: 'REQUESTED',
        cadence: 'WEEKLY',
        firstSessionInWeeks: 4,
        startTimes: ['14:00'],
        sessionCount: 6,
        deliveryMode: 'IN_PERSON',
        location: 'Meeting room 2, Northshire House',
        facilitators: null,
        enrolTeam: false,
      },
    ],
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
    programmes: [
      {
        // Rotating start times, so crews on every shift pattern can come to some sessions.
        title: 'Group supervision — Night Shift Crews',
        serviceType: 'GTS',
        team: 1,
        status: 'ACTIVE',
        cadence: 'WEEKLY',
        firstSessionInWeeks: -3,
        startTimes: ['08:00', '14:00', '20:00'],
        sessionCount: 12,
        deliveryMode: 'HYBRID',
        videoLink: 'https://meet.example.org/lena-coastal-gts',
        location: 'Training room, Coastal Ambulance HQ',
        facilitators: { lead: 'ben.facilitator@lena.test', co: ['amira.facilitator@lena.test'] },
        enrolTeam: true,
        // Four respondents: every figure withheld as "fewer than 5".
        outcomeRespondents: 4,
      },
      {
        title: 'Reflective practice — Emergency Operations Centre',
        serviceType: 'GRP',
        team: 0,
        status: 'PROPOSED',
        cadence: 'MONTHLY_NTH_WEEKDAY',
        firstSessionInWeeks: 3,
        startTimes: ['13:00'],
        sessionCount: 6,
        deliveryMode: 'ONLINE',
        videoLink: 'https://meet.example.org/lena-coastal-grp',
        facilitators: { lead: 'amira.facilitator@lena.test', co: [] },
        enrolTeam: false,
      },
    ],
    participants: [
      { email: 'jo@coastal-ambulance.test', displayName: 'Jo Bennett', team: 0 },
      { email: 'ravi@coastal-ambulance.test', displayName: 'Ravi Patel', team: 0 },
      { email: 'kate@coastal-ambulance.test', displayName: 'Kate Morgan', team: 1 },
      { email: 'dan@coastal-ambulance.test', displayName: 'Dan Hughes', team: 1 },
    ],
  },
] as const;

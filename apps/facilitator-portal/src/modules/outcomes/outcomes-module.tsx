import { lazyPage, type PortalModule } from '@lena/portal-kit';

const InstrumentsPage = lazyPage(() => import('./instruments-page.js'), 'InstrumentsPage');
const PlatformDashboardPage = lazyPage(() => import('./platform-dashboard-page.js'), 'PlatformDashboardPage');
const FacilitatorDashboardPage = lazyPage(() => import('./facilitator-dashboard-page.js'), 'FacilitatorDashboardPage');

/** Outcomes: the instrument library and organisations' own instruments (platform admins, under /admin). */
export const outcomesModule: PortalModule = {
  nav: { href: '/admin/instruments', label: 'Instruments' },
  card: { linkText: 'Manage outcome instruments', description: 'See the questionnaires programmes can ask, their licences and versions, and add one for an organisation.' },
  routes: [{ path: 'instruments', element: <InstrumentsPage /> }],
};

/** The platform admins' dashboard across organisations (under /admin). */
export const platformDashboardModule: PortalModule = {
  nav: { href: '/admin/dashboard', label: 'Dashboard' },
  card: {
    linkText: 'See the platform dashboard',
    description: 'Sessions bought, delivered and attended in every organisation, each facilitator’s load, and feedback against the platform median.',
  },
  routes: [{ path: 'dashboard', element: <PlatformDashboardPage /> }],
};

/** A facilitator's own programmes' outcomes, in every organisation. */
export const facilitatorDashboardModule: PortalModule = {
  nav: { href: '/my-outcomes', label: 'Outcomes' },
  routes: [{ path: 'my-outcomes', element: <FacilitatorDashboardPage /> }],
};

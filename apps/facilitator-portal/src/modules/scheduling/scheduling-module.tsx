import { lazyPage, type PortalModule } from '@lena/portal-kit';

const AvailabilityPage = lazyPage(() => import('./availability-page.js'), 'AvailabilityPage');
const MySessionsPage = lazyPage(() => import('./my-sessions-page.js'), 'MySessionsPage');

/** A facilitator's sessions in every organisation: an agenda, a week view and their calendar subscription. */
export const mySessionsModule: PortalModule = {
  nav: { href: '/sessions', label: 'My sessions' },
  card: { linkText: 'See your sessions', description: 'Your group sessions in every organisation, as an agenda or a week at a time, and a private address for your calendar app.' },
  routes: [{ path: 'sessions', element: <MySessionsPage /> }],
};

/** A facilitator's own availability: their usual week and their time off. */
export const schedulingModule: PortalModule = {
  nav: { href: '/availability', label: 'Availability' },
  card: { linkText: 'Set your availability', description: 'Your usual working week and your time off, so sessions are only proposed when you can run them.' },
  routes: [{ path: 'availability', element: <AvailabilityPage /> }],
};

import { lazyPage, type PortalModule } from '@lena/portal-kit';

const AvailabilityPage = lazyPage(() => import('./availability-page.js'), 'AvailabilityPage');

/** A facilitator's own availability: their usual week and their time off. */
export const schedulingModule: PortalModule = {
  nav: { href: '/availability', label: 'Availability' },
  card: { linkText: 'Set your availability', description: 'Your usual working week and your time off, so sessions are only proposed when you can run them.' },
  routes: [{ path: 'availability', element: <AvailabilityPage /> }],
};

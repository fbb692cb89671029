import { lazyPage, type PortalModule } from '@lena/portal-kit';

const OutcomeDashboardPage = lazyPage(() => import('./outcome-dashboard-page.js'), 'OutcomeDashboardPage');

/** The organisation's outcomes across its programmes (organisation admins). */
export const outcomesModule: PortalModule = {
  nav: { href: '/outcomes', label: 'Outcomes' },
  routes: [{ path: 'outcomes', element: <OutcomeDashboardPage /> }],
};

import { lazyPage, type PortalModule } from '@lena/portal-kit';

const OutcomeReportsPage = lazyPage(() => import('./outcome-reports-page.js'), 'OutcomeReportsPage');
const OutcomeReportPage = lazyPage(() => import('./outcome-reports-page.js'), 'OutcomeReportPage');

/** Outcome reports of any organisation (platform admins, under /admin). */
export const outcomeReportsModule: PortalModule = {
  nav: { href: '/admin/reports', label: 'Reports' },
  card: { linkText: 'Outcome reports', description: 'Build an organisation’s or a programme’s outcome report as a PDF and a CSV.' },
  routes: [
    { path: 'reports', element: <OutcomeReportsPage /> },
    { path: 'reports/:reportId', element: <OutcomeReportPage /> },
  ],
};

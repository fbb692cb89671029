import { lazyPage, type PortalModule } from '@lena/portal-kit';

const OutcomeReportsPage = lazyPage(() => import('./outcome-reports-page.js'), 'OutcomeReportsPage');
const OutcomeReportPage = lazyPage(() => import('./outcome-report-page.js'), 'OutcomeReportPage');

/** Outcome reports (PDF and CSV) of the organisation or one of its programmes (organisation admins). */
export const reportsModule: PortalModule = {
  nav: { href: '/reports', label: 'Reports' },
  routes: [
    { path: 'reports', element: <OutcomeReportsPage /> },
    { path: 'reports/:reportId', element: <OutcomeReportPage /> },
  ],
};

import { lazyPage, type PortalModule } from '@lena/portal-kit';

const AuditPage = lazyPage(() => import('./audit-page.js'), 'AuditPage');

/** The audit log across every organisation (platform admins, under /admin). */
export const auditModule: PortalModule = {
  nav: { href: '/admin/audit', label: 'Audit log' },
  card: { linkText: 'View the audit log', description: 'Who did what, and when, across every organisation.' },
  routes: [{ path: 'audit', element: <AuditPage /> }],
};

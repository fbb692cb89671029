import { lazyPage, mountPortal, RequireRole } from '@lena/portal-kit';
import type { NavItem } from '@lena/ui';
import { Navigate } from 'react-router';
import { isPlatformAdmin } from './app/roles.js';

// Each page's code loads when someone first opens it, so the sign-in page loads only what it needs.
const AccountPage = lazyPage(() => import('@lena/portal-kit/account'), 'AccountPage');
const AuditPage = lazyPage(() => import('./modules/admin/audit/audit-page.js'), 'AuditPage');
const FacilitatorsPage = lazyPage(() => import('./modules/admin/facilitators/facilitators-page.js'), 'FacilitatorsPage');
const NewTenantPage = lazyPage(() => import('./modules/admin/tenants/new-tenant-page.js'), 'NewTenantPage');
const QueueHealthPage = lazyPage(() => import('./modules/admin/queues/queue-health-page.js'), 'QueueHealthPage');
const TenantPage = lazyPage(() => import('./modules/admin/tenants/tenant-page.js'), 'TenantPage');
const TenantsPage = lazyPage(() => import('./modules/admin/tenants/tenants-page.js'), 'TenantsPage');
const HomePage = lazyPage(() => import('./modules/profile/home-page.js'), 'HomePage');

const ADMIN_NAV: NavItem[] = [
  { href: '/admin/tenants', label: 'Organisations' },
  { href: '/admin/facilitators', label: 'Facilitators' },
  { href: '/admin/audit', label: 'Audit log' },
  { href: '/admin/queues', label: 'Queue health' },
];
/** Everyone's own name, password and sessions. */
const ACCOUNT_NAV: NavItem = { href: '/account', label: 'Account' };

// Sign-in, password and invitation pages, the frame and "Page not found" come from @lena/portal-kit.
mountPortal({
  portalName: 'Facilitator portal',
  serviceName: 'Lena facilitator portal',
  // Anyone signed in may enter; the home page tells client staff that this portal is not for them.
  nav: (viewer) => [...(isPlatformAdmin(viewer) ? ADMIN_NAV : []), ACCOUNT_NAV],
  home: <HomePage />,
  routes: [
    { path: 'account', element: <AccountPage /> },
    {
      // The admin area: platform admins only; anyone else is told, without the admin pages loading.
      path: 'admin',
      element: (
        <RequireRole
          allows={isPlatformAdmin}
          refusal="This page is for Lena platform administrators. If you think you should have access, ask a platform administrator."
        />
      ),
      children: [
        { index: true, element: <Navigate to="/admin/tenants" replace /> },
        { path: 'tenants', element: <TenantsPage /> },
        { path: 'tenants/new', element: <NewTenantPage /> },
        { path: 'tenants/:id', element: <TenantPage /> },
        { path: 'facilitators', element: <FacilitatorsPage /> },
        { path: 'audit', element: <AuditPage /> },
        { path: 'queues', element: <QueueHealthPage /> },
      ],
    },
  ],
});

import { mountPortal, RequireRole } from '@lena/portal-kit';
import type { NavItem } from '@lena/ui';
import { Navigate } from 'react-router';
import { isPlatformAdmin } from './app/roles.js';
import { AuditPage } from './modules/admin/audit/audit-page.js';
import { FacilitatorsPage } from './modules/admin/facilitators/facilitators-page.js';
import { NewTenantPage } from './modules/admin/tenants/new-tenant-page.js';
import { TenantPage } from './modules/admin/tenants/tenant-page.js';
import { TenantsPage } from './modules/admin/tenants/tenants-page.js';
import { HomePage } from './modules/profile/home-page.js';

const ADMIN_NAV: NavItem[] = [
  { href: '/admin/tenants', label: 'Organisations' },
  { href: '/admin/facilitators', label: 'Facilitators' },
  { href: '/admin/audit', label: 'Audit log' },
];

// Sign-in, password and invitation pages, the frame and "Page not found" come from @lena/portal-kit.
mountPortal({
  portalName: 'Facilitator portal',
  serviceName: 'Lena facilitator portal',
  // Anyone signed in may enter; the home page tells client staff that this portal is not for them.
  nav: (viewer) => (isPlatformAdmin(viewer) ? ADMIN_NAV : []),
  home: <HomePage />,
  routes: [
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
      ],
    },
  ],
});

import { lazyPage, type PortalModule } from '@lena/portal-kit';

const NewTenantPage = lazyPage(() => import('./new-tenant-page.js'), 'NewTenantPage');
const TenantPage = lazyPage(() => import('./tenant-page.js'), 'TenantPage');
const TenantsPage = lazyPage(() => import('./tenants-page.js'), 'TenantsPage');

/** Client organisations: onboarding, their details, admins and status (platform admins, under /admin). */
export const tenancyModule: PortalModule = {
  nav: { href: '/admin/tenants', label: 'Organisations' },
  card: { linkText: 'Manage organisations', description: 'Onboard client organisations, invite their admins and suspend or reactivate them.' },
  routes: [
    { path: 'tenants', element: <TenantsPage /> },
    { path: 'tenants/new', element: <NewTenantPage /> },
    { path: 'tenants/:id', element: <TenantPage /> },
  ],
};

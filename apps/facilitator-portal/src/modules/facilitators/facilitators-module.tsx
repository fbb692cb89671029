import { lazyPage, type PortalModule } from '@lena/portal-kit';

const FacilitatorsPage = lazyPage(() => import('./facilitators-page.js'), 'FacilitatorsPage');

/** The provider's facilitators: inviting them, activating and deactivating them (platform admins, under /admin). */
export const facilitatorsModule: PortalModule = {
  nav: { href: '/admin/facilitators', label: 'Facilitators' },
  card: { linkText: 'Manage facilitators', description: 'Invite facilitators and activate or deactivate their accounts.' },
  routes: [{ path: 'facilitators', element: <FacilitatorsPage /> }],
};

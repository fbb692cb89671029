import { lazyPage, type PortalModule } from '@lena/portal-kit';

const MembersPage = lazyPage(() => import('./members-page.js'), 'MembersPage');

/** Everyone in the organisation and their roles (organisation admins). */
export const membersModule: PortalModule = {
  nav: { href: '/members', label: 'Members' },
  routes: [{ path: 'members', element: <MembersPage /> }],
};

import { lazyPage, type PortalModule } from '@lena/portal-kit';

const InvitationsPage = lazyPage(() => import('./invitations-page.js'), 'InvitationsPage');

/** Inviting colleagues, and the invitations still out (organisation admins). */
export const invitationsModule: PortalModule = {
  nav: { href: '/invitations', label: 'Invitations' },
  routes: [{ path: 'invitations', element: <InvitationsPage /> }],
};

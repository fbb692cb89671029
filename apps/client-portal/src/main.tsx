import { lazyPage, mountPortal, RequireRole } from '@lena/portal-kit';
import type { NavItem } from '@lena/ui';
import { NotInOrganisationPage } from './app/not-in-organisation-page.js';
import { OrganisationSwitcher } from './app/organisation-switcher.js';
import { isOrgAdmin } from './app/roles.js';

// Each page's code loads when someone first opens it, so the sign-in page loads only what it needs.
const AccountPage = lazyPage(() => import('@lena/portal-kit/account'), 'AccountPage');
const HomePage = lazyPage(() => import('./modules/home/home-page.js'), 'HomePage');
const InvitationsPage = lazyPage(() => import('./modules/invitations/invitations-page.js'), 'InvitationsPage');
const MembersPage = lazyPage(() => import('./modules/members/members-page.js'), 'MembersPage');
const TeamPage = lazyPage(() => import('./modules/teams/team-page.js'), 'TeamPage');
const TeamsPage = lazyPage(() => import('./modules/teams/teams-page.js'), 'TeamsPage');

const ADMIN_NAV: NavItem[] = [
  { href: '/teams', label: 'Teams' },
  { href: '/members', label: 'Members' },
  { href: '/invitations', label: 'Invitations' },
];
/** Everyone's own name, password and sessions. */
const ACCOUNT_NAV: NavItem = { href: '/account', label: 'Account' };

// Sign-in, password and invitation pages, the frame and "Page not found" come from @lena/portal-kit.
mountPortal({
  portalName: 'Client portal',
  serviceName: 'Lena client portal',
  // Members of an organisation, acting in it; anyone else signed in is told so.
  entry: { admits: (viewer) => Boolean(viewer.tenant), refusal: (viewer) => <NotInOrganisationPage email={viewer.email} /> },
  nav: (viewer) => [...(isOrgAdmin(viewer) ? ADMIN_NAV : []), ACCOUNT_NAV],
  showOrganisation: true,
  accountActions: (viewer) => viewer.memberships.length > 1 && <OrganisationSwitcher key={viewer.tenantId} viewer={viewer} />,
  home: <HomePage />,
  routes: [
    { path: 'account', element: <AccountPage /> },
    {
      // Organisation admins only; a participant who follows a link is told, without the page loading.
      element: (
        <RequireRole
          allows={isOrgAdmin}
          refusal="This page is for your organisation’s Lena admins. If you think you should have access, ask one of them."
        />
      ),
      children: [
        { path: 'teams', element: <TeamsPage /> },
        { path: 'teams/:id', element: <TeamPage /> },
        { path: 'members', element: <MembersPage /> },
        { path: 'invitations', element: <InvitationsPage /> },
      ],
    },
  ],
});

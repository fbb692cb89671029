import { mountPortal, RequireRole } from '@lena/portal-kit';
import type { NavItem } from '@lena/ui';
import { NotInOrganisationPage } from './app/not-in-organisation-page.js';
import { OrganisationSwitcher } from './app/organisation-switcher.js';
import { isOrgAdmin } from './app/roles.js';
import { HomePage } from './modules/home/home-page.js';
import { InvitationsPage } from './modules/invitations/invitations-page.js';
import { MembersPage } from './modules/members/members-page.js';
import { TeamPage } from './modules/teams/team-page.js';
import { TeamsPage } from './modules/teams/teams-page.js';

const ADMIN_NAV: NavItem[] = [
  { href: '/teams', label: 'Teams' },
  { href: '/members', label: 'Members' },
  { href: '/invitations', label: 'Invitations' },
];

// Sign-in, password and invitation pages, the frame and "Page not found" come from @lena/portal-kit.
mountPortal({
  portalName: 'Client portal',
  serviceName: 'Lena client portal',
  // Members of an organisation, acting in it; anyone else signed in is told so.
  entry: { admits: (viewer) => Boolean(viewer.tenant), refusal: (viewer) => <NotInOrganisationPage email={viewer.email} /> },
  nav: (viewer) => (isOrgAdmin(viewer) ? ADMIN_NAV : []),
  showOrganisation: true,
  accountActions: (viewer) => viewer.memberships.length > 1 && <OrganisationSwitcher key={viewer.tenantId} viewer={viewer} />,
  home: <HomePage />,
  routes: [
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

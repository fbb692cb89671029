import { lazyPage, type PortalModule } from '@lena/portal-kit';

const TeamPage = lazyPage(() => import('./team-page.js'), 'TeamPage');
const TeamsPage = lazyPage(() => import('./teams-page.js'), 'TeamsPage');

/** The organisation's teams and who is in each (organisation admins). */
export const teamsModule: PortalModule = {
  nav: { href: '/teams', label: 'Teams' },
  routes: [
    { path: 'teams', element: <TeamsPage /> },
    { path: 'teams/:id', element: <TeamPage /> },
  ],
};

import { createBrowserRouter } from 'react-router';
import { AcceptInvitationPage } from '../modules/auth/accept-invitation-page.js';
import { ForgotPasswordPage } from '../modules/auth/forgot-password-page.js';
import { LoginPage } from '../modules/auth/login-page.js';
import { ResetPasswordPage } from '../modules/auth/reset-password-page.js';
import { HomePage } from '../modules/home/home-page.js';
import { InvitationsPage } from '../modules/invitations/invitations-page.js';
import { MembersPage } from '../modules/members/members-page.js';
import { TeamPage } from '../modules/teams/team-page.js';
import { TeamsPage } from '../modules/teams/teams-page.js';
import { PublicOnly, RequireOrgAdmin, RequireViewer } from './guards.js';
import { NotFoundPage } from './not-found-page.js';
import { PortalLayout } from './portal-layout.js';
import { RouteError } from './route-error.js';

export function createRouter() {
  return createBrowserRouter([
    {
      element: <PortalLayout />,
      errorElement: <RouteError />,
      children: [
        { path: 'login', element: <PublicOnly><LoginPage /></PublicOnly> },
        { path: 'forgot-password', element: <ForgotPasswordPage /> },
        { path: 'reset-password', element: <ResetPasswordPage /> },
        { path: 'invitations/accept', element: <AcceptInvitationPage /> },
        {
          element: <RequireViewer />,
          children: [
            { index: true, element: <HomePage /> },
            {
              element: <RequireOrgAdmin />,
              children: [
                { path: 'teams', element: <TeamsPage /> },
                { path: 'teams/:id', element: <TeamPage /> },
                { path: 'members', element: <MembersPage /> },
                { path: 'invitations', element: <InvitationsPage /> },
              ],
            },
          ],
        },
        { path: '*', element: <NotFoundPage /> },
      ],
    },
  ]);
}

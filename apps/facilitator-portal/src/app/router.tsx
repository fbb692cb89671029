import { createBrowserRouter, Navigate } from 'react-router';
import { AuditPage } from '../modules/admin/audit/audit-page.js';
import { FacilitatorsPage } from '../modules/admin/facilitators/facilitators-page.js';
import { NewTenantPage } from '../modules/admin/tenants/new-tenant-page.js';
import { TenantPage } from '../modules/admin/tenants/tenant-page.js';
import { TenantsPage } from '../modules/admin/tenants/tenants-page.js';
import { AcceptInvitationPage } from '../modules/auth/accept-invitation-page.js';
import { ForgotPasswordPage } from '../modules/auth/forgot-password-page.js';
import { LoginPage } from '../modules/auth/login-page.js';
import { ResetPasswordPage } from '../modules/auth/reset-password-page.js';
import { HomePage } from '../modules/profile/home-page.js';
import { PublicOnly, RequirePlatformAdmin, RequireViewer } from './guards.js';
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
              path: 'admin',
              element: <RequirePlatformAdmin />,
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
        },
        { path: '*', element: <NotFoundPage /> },
      ],
    },
  ]);
}

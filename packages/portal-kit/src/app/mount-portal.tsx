import '@lena/ui/styles.css';
import { createLenaApolloClient, type ApolloClient } from '@lena/graphql-client';
import { ApolloProvider, SessionProvider } from '@lena/graphql-client/react';
import { UiProvider } from '@lena/ui';
import { StrictMode, type ReactElement } from 'react';
import { createRoot } from 'react-dom/client';
import { createBrowserRouter, type DataRouter, type RouteObject } from 'react-router';
import { RouterProvider } from 'react-router/dom';
import { AcceptInvitationPage } from '../auth/accept-invitation-page.js';
import { ForgotPasswordPage } from '../auth/forgot-password-page.js';
import { LoginPage } from '../auth/login-page.js';
import { ResetPasswordPage } from '../auth/reset-password-page.js';
import { AppLink } from './app-link.js';
import { PublicOnly, RequireViewer } from './guards.js';
import { NotFoundPage } from './not-found-page.js';
import { PortalLayout, type PortalLayoutProps } from './portal-layout.js';
import { RouteError } from './route-error.js';

/** What makes one portal different from the other; everything else is the same in both. */
export interface PortalDefinition extends PortalLayoutProps {
  /** Ends every tab title, e.g. "Teams – Lena client portal". */
  serviceName: string;
  /** What a signed-in person sees at "/". */
  home: ReactElement;
  /** The portal's own pages, for signed-in people it admits; guard parts with <RequireRole>. */
  routes: RouteObject[];
}

/**
 * Every route: the sign-in, password and invitation pages (the same in both portals), then the
 * portal's home and its own pages behind <RequireViewer>, and "Page not found" for the rest.
 */
export function portalRoutes({ home, routes, serviceName: _serviceName, ...layout }: PortalDefinition): RouteObject[] {
  return [
    {
      element: <PortalLayout {...layout} />,
      errorElement: <RouteError />,
      children: [
        { path: 'login', element: <PublicOnly><LoginPage /></PublicOnly> },
        { path: 'forgot-password', element: <ForgotPasswordPage /> },
        { path: 'reset-password', element: <ResetPasswordPage /> },
        { path: 'invitations/accept', element: <AcceptInvitationPage /> },
        {
          element: <RequireViewer entry={layout.entry} />,
          children: [{ index: true, element: home }, ...routes],
        },
        { path: '*', element: <NotFoundPage /> },
      ],
    },
  ];
}

export interface PortalAppProps {
  client: ApolloClient;
  router: DataRouter;
  serviceName: string;
}

/** The providers every page relies on: the API client, the session, in-app links and the tab title. */
export function PortalApp({ client, router, serviceName }: PortalAppProps) {
  return (
    <ApolloProvider client={client}>
      <SessionProvider>
        <UiProvider serviceName={serviceName} linkComponent={AppLink}>
          <RouterProvider router={router} />
        </UiProvider>
      </SessionProvider>
    </ApolloProvider>
  );
}

/** Starts a portal in `#root`: Lena's styles, the API client, the session, links and the router. */
export function mountPortal(portal: PortalDefinition): void {
  const client = createLenaApolloClient();
  const router = createBrowserRouter(portalRoutes(portal));
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <PortalApp client={client} router={router} serviceName={portal.serviceName} />
    </StrictMode>,
  );
}

import '@lena/ui/styles.css';
import { createLenaApolloClient, type ApolloClient } from '@lena/graphql-client';
import { ApolloProvider, SessionProvider } from '@lena/graphql-client/react';
import { UiProvider } from '@lena/ui';
import { StrictMode, type ComponentType, type ReactElement, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, useLocation, useRoutes, type NavigateOptions, type RouteObject, type To } from 'react-router';
import { AcceptInvitationPage } from '../auth/accept-invitation-page.js';
import { ForgotPasswordPage } from '../auth/forgot-password-page.js';
import { LoginPage } from '../auth/login-page.js';
import { ResetPasswordPage } from '../auth/reset-password-page.js';
import { AppLink } from './app-link.js';
import { CrashBoundary } from './crash-boundary.js';
import { PublicOnly, RequireViewer } from './guards.js';
import { NotFoundPage } from './not-found-page.js';
import { PortalLayout, type PortalLayoutProps } from './portal-layout.js';
import { RouteKeyProvider } from './route-key.js';

// Both portals use the declarative router (<BrowserRouter>, <MemoryRouter> in tests), whose navigate()
// returns nothing; react-router types it `void | Promise<void>` for the data routers' sake. Say which
// (as react-router's docs advise), so a navigation is not mistaken for a promise left floating.
declare module 'react-router' {
  interface NavigateFunction {
    (to: To, options?: NavigateOptions): void;
    (delta: number): void;
  }
}

/** What makes one portal different from the other; everything else is the same in both. */
export interface PortalDefinition extends PortalLayoutProps {
  /** Ends every tab title, e.g. "Teams – Lena client portal". */
  serviceName: string;
  /** What a signed-in person sees at "/". */
  home: ReactElement;
  /** The portal's own pages, for signed-in people it admits; guard parts with <RequireRole>. */
  routes: RouteObject[];
}

/** The frame, or "Sorry, something went wrong" in its place if a page crashes while rendering. */
function Frame(layout: PortalLayoutProps) {
  const { pathname } = useLocation();
  return (
    <CrashBoundary pathname={pathname}>
      <PortalLayout {...layout} />
    </CrashBoundary>
  );
}

/**
 * Every route: the sign-in, password and invitation pages (the same in both portals), then the
 * portal's home and its own pages behind <RequireViewer>, and "Page not found" for the rest.
 */
export function portalRoutes({ home, routes, serviceName: _serviceName, ...layout }: PortalDefinition): RouteObject[] {
  return [
    {
      element: <Frame {...layout} />,
      children: [
        {
          path: 'login',
          element: (
            <PublicOnly>
              <LoginPage />
            </PublicOnly>
          ),
        },
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

function Routes({ routes }: { routes: RouteObject[] }) {
  return useRoutes(routes);
}

export interface PortalAppProps {
  client: ApolloClient;
  /** The portal's routes (`portalRoutes(...)`). */
  routes: RouteObject[];
  serviceName: string;
  /** What holds the address: the browser's (the default), or a test's (`createTestRouter`). */
  router?: ComponentType<{ children: ReactNode }>;
}

/**
 * The providers every page relies on: the API client, the session, in-app links and the tab title,
 * and the routes. The router is the declarative one (no loaders or actions: pages fetch through
 * Apollo), about 16 kB (gzipped) lighter than a data router, on the sign-in page too.
 */
export function PortalApp({ client, routes, serviceName, router: Router = BrowserRouter }: PortalAppProps) {
  return (
    <ApolloProvider client={client}>
      <SessionProvider>
        <UiProvider serviceName={serviceName} linkComponent={AppLink}>
          <Router>
            <RouteKeyProvider routes={routes}>
              <Routes routes={routes} />
            </RouteKeyProvider>
          </Router>
        </UiProvider>
      </SessionProvider>
    </ApolloProvider>
  );
}

/** Starts a portal in `#root`: Lena's styles, the API client, the session, links and the router. */
export function mountPortal(portal: PortalDefinition): void {
  const client = createLenaApolloClient();
  const routes = portalRoutes(portal);
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <PortalApp client={client} routes={routes} serviceName={portal.serviceName} />
    </StrictMode>,
  );
}

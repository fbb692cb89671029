import { useSession, type Viewer } from '@lena/graphql-client/react';
import { AppShell, Button, OutcomeScope, Spinner, type NavItem } from '@lena/ui';
import { Suspense, useState, type ReactNode } from 'react';
import { Outlet, useLocation } from 'react-router';
import type { PortalEntry } from './guards.js';
import { useRouteKey } from './route-key.js';

const HOME: NavItem = { href: '/', label: 'Home', exact: true };

export interface PortalLayoutProps {
  /** Shown after "Lena" in the header, e.g. "Client portal". */
  portalName: string;
  /** The navigation after "Home" for this person, e.g. the admin pages for admins. */
  nav: (viewer: Viewer) => readonly NavItem[];
  /** Someone the portal does not admit gets no navigation at all. */
  entry?: PortalEntry;
  /** Show the organisation the person acts in, under the portal name. */
  showOrganisation?: boolean;
  /** Account controls shown before "Sign out", e.g. an organisation switcher. */
  accountActions?: (viewer: Viewer) => ReactNode;
}

function SignOutButton() {
  const { signOut } = useSession();
  const [busy, setBusy] = useState(false);
  return (
    <Button
      variant="secondary"
      busy={busy}
      onClick={() => {
        setBusy(true);
        void signOut().finally(() => setBusy(false));
      }}
    >
      Sign out
    </Button>
  );
}

/**
 * The frame of every page: the portal's name, the navigation for this person, and "Sign out".
 * While a page's code loads (`lazyPage`), the frame stays and the page's place says "Loading the
 * page…" (a polite status). The boundary is keyed by route, so following a link to a page not
 * loaded yet says so too, rather than leaving the last page up with no sign that anything happens.
 * Outcome banners of the page clear as soon as the person starts something else (`OutcomeScope`).
 */
export function PortalLayout({ portalName, nav, entry, showOrganisation = false, accountActions }: PortalLayoutProps) {
  const { viewer } = useSession();
  const location = useLocation();
  const route = useRouteKey();
  const navItems = viewer && (!entry || entry.admits(viewer)) ? [HOME, ...nav(viewer)] : [];
  return (
    <AppShell
      portalName={portalName}
      organisationName={showOrganisation ? viewer?.tenant?.name : undefined}
      userName={viewer?.displayName}
      navItems={navItems}
      currentPath={location.pathname}
      headerActions={
        viewer ? (
          <>
            {accountActions?.(viewer)}
            <SignOutButton />
          </>
        ) : null
      }
    >
      <Suspense key={route} fallback={<Spinner label="Loading the page" />}>
        <OutcomeScope>
          <Outlet />
        </OutcomeScope>
      </Suspense>
    </AppShell>
  );
}

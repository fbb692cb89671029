import { useSession } from '@lena/graphql-client/react';
import { AppShell, Button, type NavItem } from '@lena/ui';
import { useState } from 'react';
import { Outlet, useLocation } from 'react-router';
import { isPlatformAdmin } from './guards.js';

export const PORTAL_NAME = 'Facilitator portal';

const ADMIN_NAV: NavItem[] = [
  { href: '/admin/tenants', label: 'Organisations' },
  { href: '/admin/facilitators', label: 'Facilitators' },
  { href: '/admin/audit', label: 'Audit log' },
];

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

/** The frame of every page; the admin navigation only for platform admins. */
export function PortalLayout() {
  const { viewer } = useSession();
  const location = useLocation();
  const navItems: NavItem[] = viewer ? [{ href: '/', label: 'Home', exact: true }, ...(isPlatformAdmin(viewer) ? ADMIN_NAV : [])] : [];
  return (
    <AppShell
      portalName={PORTAL_NAME}
      userName={viewer?.displayName}
      navItems={navItems}
      currentPath={location.pathname}
      headerActions={viewer ? <SignOutButton /> : null}
    >
      <Outlet />
    </AppShell>
  );
}

import { describeError, SwitchTenantDocument } from '@lena/graphql-client';
import { useMutation, useSession, type Viewer } from '@lena/graphql-client/react';
import { AppShell, Button, SelectField, type NavItem } from '@lena/ui';
import { useState } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { isOrgAdmin } from './guards.js';

export const PORTAL_NAME = 'Client portal';

const ADMIN_NAV: NavItem[] = [
  { href: '/teams', label: 'Teams' },
  { href: '/members', label: 'Members' },
  { href: '/invitations', label: 'Invitations' },
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

/** For people in several organisations: act in another one (switchTenant issues a new session). */
function OrganisationSwitcher({ viewer }: { viewer: Viewer }) {
  const { startSession } = useSession();
  const navigate = useNavigate();
  const [chosen, setChosen] = useState(viewer.tenantId ?? '');
  const [error, setError] = useState<string | null>(null);
  const [switchTenant, { loading }] = useMutation(SwitchTenantDocument);
  return (
    <form
      className="lena-inline-form lena-switcher"
      aria-label="Switch organisation"
      onSubmit={(event) => {
        event.preventDefault();
        if (chosen === viewer.tenantId) return;
        setError(null);
        switchTenant({ variables: { tenantId: chosen } })
          .then(async ({ data }) => {
            if (!data) return;
            await startSession(data.switchTenant.viewer);
            navigate('/', { replace: true });
          })
          .catch((caught: unknown) => setError(describeError(caught).message));
      }}
    >
      <SelectField
        label="Organisation"
        name="tenantId"
        options={viewer.memberships.map((membership) => ({ value: membership.tenantId, label: membership.tenantName }))}
        value={chosen}
        onChange={setChosen}
        error={error}
      />
      <Button type="submit" variant="secondary" busy={loading}>
        Switch
      </Button>
    </form>
  );
}

/** The frame of every page: organisation name, switcher, and the admin navigation for org admins. */
export function PortalLayout() {
  const { viewer } = useSession();
  const location = useLocation();
  const navItems: NavItem[] = viewer?.tenant ? [{ href: '/', label: 'Home', exact: true }, ...(isOrgAdmin(viewer) ? ADMIN_NAV : [])] : [];
  return (
    <AppShell
      portalName={PORTAL_NAME}
      organisationName={viewer?.tenant?.name}
      userName={viewer?.displayName}
      navItems={navItems}
      currentPath={location.pathname}
      headerActions={
        viewer ? (
          <>
            {viewer.memberships.length > 1 && <OrganisationSwitcher key={viewer.tenantId} viewer={viewer} />}
            <SignOutButton />
          </>
        ) : null
      }
    >
      <Outlet />
    </AppShell>
  );
}

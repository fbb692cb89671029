import { Card, useViewer } from '@lena/portal-kit';
import { Page } from '@lena/ui';
import { ADMIN_MODULES } from '../../app/admin-modules.js';
import { CLIENT_PORTAL_URL } from '../../app/client-portal.js';
import { isFacilitator, isPlatformAdmin } from '../../app/roles.js';
import { FacilitatorProfile } from './facilitator-profile.js';
import { NotStaffPage } from './not-staff-page.js';

function AdminLinks({ headingLevel = 2 }: { headingLevel?: 2 | 3 }) {
  return (
    <div className="lena-grid">
      {ADMIN_MODULES.map(({ nav, card }) =>
        card ? (
          <Card key={nav.href} headingLevel={headingLevel} title={nav.label} href={nav.href} linkText={card.linkText}>
            {card.description}
          </Card>
        ) : null,
      )}
    </div>
  );
}

export function HomePage() {
  const viewer = useViewer();
  const admin = isPlatformAdmin(viewer);
  if (isFacilitator(viewer)) return <FacilitatorProfile adminLinks={admin ? <AdminLinks headingLevel={3} /> : null} />;
  if (admin) {
    return (
      <Page title="Platform administration" lead={`Welcome, ${viewer.displayName}.`}>
        <AdminLinks />
      </Page>
    );
  }
  return <NotStaffPage email={viewer.email} clientPortalUrl={CLIENT_PORTAL_URL} />;
}

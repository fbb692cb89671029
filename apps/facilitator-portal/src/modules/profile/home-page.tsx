import { Card, useViewer } from '@lena/portal-kit';
import { Page } from '@lena/ui';
import { CLIENT_PORTAL_URL } from '../../app/client-portal.js';
import { isFacilitator, isPlatformAdmin } from '../../app/roles.js';
import { FacilitatorProfile } from './facilitator-profile.js';
import { NotStaffPage } from './not-staff-page.js';

function AdminLinks({ headingLevel = 2 }: { headingLevel?: 2 | 3 }) {
  return (
    <div className="lena-grid">
      <Card headingLevel={headingLevel} title="Organisations" href="/admin/tenants" linkText="Manage organisations">
        Onboard client organisations, invite their admins and suspend or reactivate them.
      </Card>
      <Card headingLevel={headingLevel} title="Facilitators" href="/admin/facilitators" linkText="Manage facilitators">
        Invite facilitators and activate or deactivate their accounts.
      </Card>
      <Card headingLevel={headingLevel} title="Audit log" href="/admin/audit" linkText="View the audit log">
        Who did what, and when, across every organisation.
      </Card>
      <Card headingLevel={headingLevel} title="Queue health" href="/admin/queues" linkText="Check the queues">
        See whether emails are going out, and try again any that Lena gave up on.
      </Card>
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

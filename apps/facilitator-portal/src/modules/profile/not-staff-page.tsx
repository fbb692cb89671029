import { Page } from '@lena/ui';

/**
 * For someone from a client organisation who signed in here: says in words where they should go
 * (the portal for organisations and their staff), and links there by that name, not by an address.
 */
export function NotStaffPage({ email, clientPortalUrl }: { email: string; clientPortalUrl: string }) {
  return (
    <Page title="This portal is for Lena staff">
      <p>You are signed in as {email}. This portal is for Lena’s facilitators and administrators.</p>
      <p>Your organisation’s teams, sessions and feedback are in the Lena client portal, the part of Lena for organisations and their staff.</p>
      <p>
        <a className="lena-button lena-button--primary" href={clientPortalUrl}>
          Go to the Lena client portal
        </a>
      </p>
    </Page>
  );
}

import { Page } from '@lena/ui';

/** For someone signed in who belongs to no organisation (e.g. provider staff who came to the wrong portal). */
export function NotInOrganisationPage({ email }: { email: string }) {
  return (
    <Page title="You are not in an organisation yet">
      <p>You are signed in as {email}, but you do not belong to an organisation on Lena.</p>
      <p>Ask your organisation’s Lena coordinator to invite you. If you work for Lena, use the facilitator portal.</p>
    </Page>
  );
}

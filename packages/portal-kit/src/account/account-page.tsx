import { MySessionsDocument } from '@lena/graphql-client';
import { useQuery } from '@lena/graphql-client/react';
import { Page, Section } from '@lena/ui';
import { useViewer } from '../app/guards.js';
import { QueryView } from '../app/query-view.js';
import { DetailsForm } from './details-form.js';
import { PasswordForm } from './password-form.js';
import { SessionsTable } from './sessions-table.js';

/**
 * Every person's own account, the same in both portals: their name, their password, and where
 * they are signed in. Loaded from `@lena/portal-kit/account` so that it stays out of the first page.
 */
export function AccountPage() {
  const viewer = useViewer();
  // Sessions change elsewhere (another device signs in), so each visit asks again.
  const sessions = useQuery(MySessionsDocument, { fetchPolicy: 'cache-and-network' });
  return (
    <Page title="Your account" lead="Your name, your password and the places where you are signed in to Lena.">
      <Section title="Your details">
        <DetailsForm viewer={viewer} />
      </Section>
      <Section title="Change your password">
        <PasswordForm onChanged={() => void sessions.refetch().catch(() => undefined)} />
      </Section>
      <Section title="Where you are signed in">
        <QueryView result={sessions} loadingLabel="Loading where you are signed in">
          {(data) => <SessionsTable sessions={data.mySessions} />}
        </QueryView>
      </Section>
    </Page>
  );
}

import { AcceptInvitationDocument, describeError, InvitationPreviewDocument, roleLabel, toFormErrors } from '@lena/graphql-client';
import { useMutation, useQuery, useSession } from '@lena/graphql-client/react';
import { AcceptInvitationForm, Alert, DateTime, Link, Page, Spinner } from '@lena/ui';
import type { ReactNode } from 'react';
import { useNavigate, useSearchParams } from 'react-router';

function InvitationProblem({ children }: { children: ReactNode }) {
  return (
    <Alert tone="error" title="This invitation cannot be used">
      {children}
    </Alert>
  );
}

export function AcceptInvitationPage() {
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const navigate = useNavigate();
  const session = useSession();
  const preview = useQuery(InvitationPreviewDocument, { variables: { token }, skip: !token, fetchPolicy: 'network-only' });
  const [accept] = useMutation(AcceptInvitationDocument);
  const invitation = preview.data?.invitationPreview;

  let body: ReactNode;
  if (!token) {
    body = (
      <InvitationProblem>
        <p>The link is not complete. Open it again from your invitation email.</p>
      </InvitationProblem>
    );
  } else if (invitation) {
    body = (
      <>
        <p className="lena-page__lead">
          {invitation.organisationName ? `You have been invited to join ${invitation.organisationName} on Lena.` : 'You have been invited to join Lena.'}
        </p>
        <AcceptInvitationForm
          invitation={{
            email: invitation.email,
            displayName: invitation.displayName,
            roleLabel: roleLabel[invitation.role],
            organisationName: invitation.organisationName,
            existingAccount: invitation.existingAccount,
            expires: <DateTime value={invitation.expiresAt} />,
          }}
          forgotPasswordHref="/forgot-password"
          onSubmit={async ({ displayName, password }) => {
            try {
              const { data } = await accept({ variables: { input: { token, displayName, password } } });
              if (data) {
                await session.startSession(data.acceptInvitation.viewer);
                navigate('/', { replace: true });
              }
              return null;
            } catch (error) {
              return toFormErrors(error);
            }
          }}
        />
      </>
    );
  } else if (preview.error) {
    const { code, message } = describeError(preview.error);
    body =
      code === 'NETWORK' || code === 'INTERNAL_SERVER_ERROR' || code === 'UNKNOWN' ? (
        <Alert tone="error" title="We could not load your invitation">
          <p>{message}</p>
        </Alert>
      ) : (
        <InvitationProblem>
          <p>It may have expired, been used already or been withdrawn. Ask the person who invited you to send a new one.</p>
          <p>
            Already have an account? <Link href="/login">Sign in</Link>.
          </p>
        </InvitationProblem>
      );
  } else {
    body = <Spinner label="Loading your invitation" />;
  }

  return (
    <Page title="Accept your invitation">
      <div className="lena-narrow">{body}</div>
    </Page>
  );
}

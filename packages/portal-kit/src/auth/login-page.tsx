import { LoginDocument, toFormErrors } from '@lena/graphql-client';
import { useMutation, useSession } from '@lena/graphql-client/react';
import { Alert, Page, SignInForm } from '@lena/ui';
import { useLocation, useNavigate } from 'react-router';
import { useNextPath } from '../app/guards.js';

const SIGN_IN_FAILED = 'Your email address or password is incorrect.';

export function LoginPage() {
  const [login] = useMutation(LoginDocument);
  const session = useSession();
  const navigate = useNavigate();
  const next = useNextPath();
  const endedBy = (useLocation().state as { endedBy?: string } | null)?.endedBy ?? session.endedBy;

  return (
    <Page title="Sign in">
      <div className="lena-narrow">
        {endedBy === 'sign-out' && <Alert tone="success" title="You have signed out." />}
        {endedBy === 'expiry' && <Alert tone="info" title="Your session has ended. Please sign in again." />}
        <SignInForm
          forgotPasswordHref="/forgot-password"
          onSubmit={async (input) => {
            try {
              const { data } = await login({ variables: { input } });
              if (!data) return { fieldProblems: [], message: SIGN_IN_FAILED };
              await session.startSession(data.login.viewer);
              navigate(next, { replace: true });
              return null;
            } catch (error) {
              // One message for every failed sign-in, so it never tells whether an account exists.
              return toFormErrors(error, { messages: { UNAUTHENTICATED: SIGN_IN_FAILED, NOT_FOUND: SIGN_IN_FAILED } });
            }
          }}
        />
      </div>
    </Page>
  );
}

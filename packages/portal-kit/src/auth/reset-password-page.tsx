import { ResetPasswordDocument, toFormErrors } from '@lena/graphql-client';
import { useMutation } from '@lena/graphql-client/react';
import { Alert, Link, Page, ResetPasswordForm } from '@lena/ui';
import { useSearchParams } from 'react-router';

const LINK_NOT_VALID = 'This reset link is not valid or has expired. Request a new link.';

export function ResetPasswordPage() {
  const [params] = useSearchParams();
  const token = params.get('token');
  const [resetPassword] = useMutation(ResetPasswordDocument);
  return (
    <Page title="Choose a new password">
      <div className="lena-narrow">
        {token ? (
          <ResetPasswordForm
            signInHref="/login"
            forgotPasswordHref="/forgot-password"
            onSubmit={async ({ password }) => {
              try {
                await resetPassword({ variables: { input: { token, password } } });
                return null;
              } catch (error) {
                const errors = toFormErrors(error, { messages: { NOT_FOUND: LINK_NOT_VALID } });
                // A problem with the token is not something the person can fix in this form.
                const tokenProblem = errors.fieldProblems.some((problem) => problem.field === 'token');
                return tokenProblem ? { fieldProblems: [], message: LINK_NOT_VALID } : errors;
              }
            }}
          />
        ) : (
          <Alert tone="error" title="This link is not complete">
            <p>
              Open the link from your email again, or <Link href="/forgot-password">request a new link</Link>.
            </p>
          </Alert>
        )}
      </div>
    </Page>
  );
}

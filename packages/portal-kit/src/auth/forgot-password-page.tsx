import { RequestPasswordResetDocument, toFormErrors } from '@lena/graphql-client';
import { useMutation } from '@lena/graphql-client/react';
import { ForgotPasswordForm, Page } from '@lena/ui';

export function ForgotPasswordPage() {
  const [requestReset] = useMutation(RequestPasswordResetDocument);
  return (
    <Page title="Reset your password">
      <div className="lena-narrow">
        <ForgotPasswordForm
          signInHref="/login"
          onSubmit={async ({ email }) => {
            try {
              await requestReset({ variables: { email } });
              return null;
            } catch (error) {
              return toFormErrors(error);
            }
          }}
        />
      </div>
    </Page>
  );
}

import { ChangePasswordDocument } from '@lena/graphql-client';
import { useMutation } from '@lena/graphql-client/react';
import { Alert, Button, Form, requireValues, TextField } from '@lena/ui';
import { useState } from 'react';
import { useMutationForm } from '../hooks/use-mutation-form.js';

const NEW_PASSWORD_HINT = 'At least 12 characters, and not a password that is common or has been in a data breach. A few unrelated words make a strong password.';

/**
 * Current password, new password twice. Once it is changed the API signs the person out
 * everywhere else, so `onChanged` lets the page show the sessions that are left.
 */
export function PasswordForm({ onChanged }: { onChanged: () => void }) {
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [changed, setChanged] = useState(false);
  const form = useMutationForm();
  const [changePassword] = useMutation(ChangePasswordDocument);
  return (
    <Form
      id="change-password"
      errors={form.errors}
      onSubmit={() => {
        setChanged(false);
        const missing = requireValues([
          ['currentPassword', currentPassword, 'Enter your current password.'],
          ['newPassword', newPassword, 'Enter a new password.'],
          ['newPasswordConfirmation', confirmation, 'Enter the new password again.'],
        ]);
        if (missing) return form.fail(missing);
        if (newPassword !== confirmation) return form.fail({ fieldProblems: [{ field: 'newPasswordConfirmation', message: 'The new passwords do not match.' }] });
        void form.send(async () => {
          await changePassword({ variables: { input: { currentPassword, newPassword } } });
          setCurrentPassword('');
          setNewPassword('');
          setConfirmation('');
          setChanged(true);
          onChanged();
        });
      }}
    >
      {changed && (
        <Alert tone="success" title="Your password has been changed.">
          <p>You have been signed out everywhere else. You are still signed in here.</p>
        </Alert>
      )}
      <TextField label="Current password" name="currentPassword" type="password" autoComplete="current-password" value={currentPassword} onChange={setCurrentPassword} />
      <TextField label="New password" name="newPassword" type="password" autoComplete="new-password" hint={NEW_PASSWORD_HINT} value={newPassword} onChange={setNewPassword} />
      <TextField label="Confirm new password" name="newPasswordConfirmation" type="password" autoComplete="new-password" value={confirmation} onChange={setConfirmation} />
      <div className="lena-button-group">
        <Button type="submit" busy={form.busy}>
          Change password
        </Button>
      </div>
    </Form>
  );
}

import { Alert, Button, Form, requireValues, TextField, useFormSubmission, type FormErrors } from '@lena/ui';
import { useState } from 'react';

export interface InviteFormProps {
  id: string;
  onSubmit: (values: { email: string; displayName: string | null }) => Promise<FormErrors | null>;
}

/** Email and an optional name, then "Send invitation"; says who it went to. */
export function InviteForm({ id, onSubmit }: InviteFormProps) {
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [sentTo, setSentTo] = useState<string | null>(null);
  const form = useFormSubmission();
  return (
    <Form
      id={id}
      errors={form.errors}
      onSubmit={() => {
        setSentTo(null);
        const missing = requireValues([['email', email, 'Enter an email address.']]);
        if (missing) return form.fail(missing);
        void form.submit(async () => {
          const address = email.trim();
          const problems = await onSubmit({ email: address, displayName: displayName.trim() || null });
          if (!problems) {
            setSentTo(address);
            setEmail('');
            setDisplayName('');
          }
          return problems;
        });
      }}
    >
      {sentTo && <Alert tone="success" title={`Invitation sent to ${sentTo}.`} />}
      <TextField label="Email address" name="email" type="email" autoComplete="off" spellCheck={false} value={email} onChange={setEmail} />
      <TextField label="Full name" name="displayName" autoComplete="off" hint="Optional. Used to greet them in the invitation email." value={displayName} onChange={setDisplayName} />
      <div className="lena-button-group">
        <Button type="submit" busy={form.busy}>
          Send invitation
        </Button>
      </div>
    </Form>
  );
}

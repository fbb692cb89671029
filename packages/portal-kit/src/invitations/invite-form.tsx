import { toFormErrors } from '@lena/graphql-client';
import { Button, Form, requireValues, TextField, useFormSubmission, useOutcome } from '@lena/ui';
import { useState, type ReactNode } from 'react';

/** What every invitation asks for. */
export interface InviteValues {
  /** Trimmed. */
  email: string;
  /** Trimmed; null when left empty. */
  displayName: string | null;
}

export interface InviteFormProps {
  /** The form's id, and the prefix of its inputs' ids, e.g. "invite-participant". */
  id: string;
  /** Sends the invitation (the portal's mutation). If it fails, the API's problems show on the form. */
  send: (values: InviteValues) => Promise<unknown>;
  /**
   * Inputs of the portal's own after "Full name", e.g. a team. Their state is the portal's (read it
   * in `send`); the API's problems with them show inline, matched by input name.
   */
  children?: ReactNode;
}

/** Email and an optional name (and any inputs of the portal's own), then "Send invitation"; says who it went to. */
export function InviteForm({ id, send, children }: InviteFormProps) {
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const sent = useOutcome();
  const form = useFormSubmission();
  return (
    <Form
      id={id}
      errors={form.errors}
      onSubmit={() => {
        sent.clear();
        const missing = requireValues([['email', email, 'Enter an email address.']]);
        if (missing) return form.fail(missing);
        void form.submit(async () => {
          const address = email.trim();
          try {
            await send({ email: address, displayName: displayName.trim() || null });
          } catch (error) {
            return toFormErrors(error);
          }
          sent.success(`Invitation sent to ${address}.`);
          setEmail('');
          setDisplayName('');
          return null;
        });
      }}
    >
      {sent.banner}
      <TextField label="Email address" name="email" type="email" autoComplete="off" spellCheck={false} value={email} onChange={setEmail} />
      <TextField label="Full name" name="displayName" autoComplete="off" hint="Optional. Used to greet them in the invitation email." value={displayName} onChange={setDisplayName} />
      {children}
      <div className="lena-button-group">
        <Button type="submit" busy={form.busy}>
          Send invitation
        </Button>
      </div>
    </Form>
  );
}

import { existingRecordOf } from '@lena/graphql-client';
import { Alert, Button, Form, requireValues, TextField, useOutcome } from '@lena/ui';
import { useState, type ReactNode } from 'react';
import { useMutationForm } from '../hooks/use-mutation-form.js';

/** What every invitation asks for. */
export interface InviteValues {
  /** Trimmed. */
  email: string;
  /** Trimmed; null when left empty. */
  displayName: string | null;
}

/** Values of the portal's own inputs (e.g. a team), by input name. */
export type ExtraValues = Record<string, string>;

/**
 * Inputs of the portal's own after "Full name". The form holds their values, so that it clears
 * them with its own after each invitation; the API's problems with them show inline, matched by
 * input name.
 */
export interface ExtraFields<Extra extends ExtraValues> {
  /** The values they start with, and return to after each invitation. */
  initial: Extra;
  render: (values: Extra, change: (next: Partial<Extra>) => void) => ReactNode;
}

export interface InviteFormProps<Extra extends ExtraValues = ExtraValues> {
  /** The form's id, and the prefix of its inputs' ids, e.g. "invite-participant". */
  id: string;
  /** Sends the invitation (the portal's mutation). If it fails, the API's problems show on the form. */
  send: (values: InviteValues, extra: Extra) => Promise<unknown>;
  /**
   * Sends an invitation again with a fresh link (resendInvitation): offered when the address
   * already has a pending invitation, instead of inviting twice.
   */
  resend: (invitationId: string) => Promise<unknown>;
  extraFields?: ExtraFields<Extra>;
}

const NO_EXTRA: ExtraFields<ExtraValues> = { initial: {}, render: () => null };

/**
 * Email and an optional name (and any inputs of the portal's own), then "Send invitation"; says
 * who it went to and clears every input. When the address already has a pending invitation, the
 * API's message is shown with a button to send that invitation again.
 */
export function InviteForm<Extra extends ExtraValues = ExtraValues>({ id, send, resend, extraFields }: InviteFormProps<Extra>) {
  // Without extraFields the portal has no inputs of its own, so Extra is the empty record NO_EXTRA holds.
  const extra = extraFields ?? (NO_EXTRA as unknown as ExtraFields<Extra>);
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [extraValues, setExtraValues] = useState<Extra>(extra.initial);
  const sent = useOutcome();
  /** The pending invitation the API pointed at, and the address it is for. */
  const [pending, setPending] = useState<{ id: string; email: string } | null>(null);
  const form = useMutationForm();

  const clear = (message: string) => {
    sent.success(message);
    setPending(null);
    setEmail('');
    setDisplayName('');
    setExtraValues(extra.initial);
  };

  const resendPending = (invitation: { id: string; email: string }) => {
    sent.clear();
    void form.send(
      async () => {
        await resend(invitation.id);
        clear(`A new invitation has been sent to ${invitation.email}. The link in the earlier email no longer works.`);
      },
      () => setPending(null),
    );
  };

  return (
    <Form
      id={id}
      errors={form.errors}
      onSubmit={() => {
        sent.clear();
        setPending(null);
        const missing = requireValues([['email', email, 'Enter an email address.']]);
        if (missing) return form.fail(missing);
        const address = email.trim();
        void form.send(
          async () => {
            await send({ email: address, displayName: displayName.trim() || null }, extraValues);
            clear(`Invitation sent to ${address}.`);
          },
          (error) => {
            const existing = existingRecordOf(error);
            if (existing?.type === 'invitation') setPending({ id: existing.id, email: address });
          },
        );
      }}
    >
      {sent.banner}
      {pending && form.errors && (
        <Alert tone="info">
          <p>Resending gives them a fresh link; the link in the earlier email stops working.</p>
          <Button variant="secondary" busy={form.busy} onClick={() => resendPending(pending)}>
            Resend invitation to {pending.email}
          </Button>
        </Alert>
      )}
      <TextField
        label="Email address"
        name="email"
        type="email"
        autoComplete="off"
        spellCheck={false}
        value={email}
        onChange={(value) => {
          setEmail(value);
          // The offer is for the address that was refused, not for whatever is typed next.
          setPending(null);
        }}
      />
      <TextField
        label="Full name"
        name="displayName"
        autoComplete="off"
        hint="Optional. Used to greet them in the invitation email."
        value={displayName}
        onChange={setDisplayName}
      />
      {extra.render(extraValues, (next) => setExtraValues((current) => ({ ...current, ...next })))}
      <div className="lena-button-group">
        <Button type="submit" busy={form.busy}>
          Send invitation
        </Button>
      </div>
    </Form>
  );
}

import { useState, type ReactNode } from 'react';
import { Alert } from '../alert.js';
import { Button } from '../button.js';
import { TextField } from '../fields.js';
import { Form, type FormErrors } from '../form.js';
import { ButtonLink, Link } from '../link.js';
import { SummaryList } from '../summary-list.js';
import { requireValues, useFormSubmission } from '../use-form-submission.js';

/** Each form calls back with its values and gets the problems to show (null on success). */
type Submit<Values> = (values: Values) => Promise<FormErrors | null>;

const PASSWORD_HINT = 'At least 12 characters. A few unrelated words make a strong password.';

export interface SignInFormProps {
  onSubmit: Submit<{ email: string; password: string }>;
  forgotPasswordHref: string;
}

export function SignInForm({ onSubmit, forgotPasswordHref }: SignInFormProps) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const form = useFormSubmission();
  return (
    <Form
      id="sign-in"
      errors={form.errors}
      onSubmit={() => {
        const missing = requireValues([
          ['email', email, 'Enter your email address.'],
          ['password', password, 'Enter your password.'],
        ]);
        if (missing) form.fail(missing);
        else void form.submit(() => onSubmit({ email: email.trim(), password }));
      }}
    >
      <TextField label="Email address" name="email" type="email" autoComplete="username" spellCheck={false} value={email} onChange={setEmail} />
      <TextField label="Password" name="password" type="password" autoComplete="current-password" value={password} onChange={setPassword} />
      <div className="lena-button-group">
        <Button type="submit" busy={form.busy}>
          Sign in
        </Button>
        <Link href={forgotPasswordHref}>Forgotten your password?</Link>
      </div>
    </Form>
  );
}

export interface ForgotPasswordFormProps {
  onSubmit: Submit<{ email: string }>;
  signInHref: string;
}

/** Always ends with the same message, whether or not the address has an account. */
export function ForgotPasswordForm({ onSubmit, signInHref }: ForgotPasswordFormProps) {
  const [email, setEmail] = useState('');
  const [sent, setSent] = useState(false);
  const form = useFormSubmission();
  if (sent) {
    return (
      <>
        <Alert tone="success" title="Check your email">
          <p>If an account exists we have emailed a link to reset your password. The link works once and expires after a short time.</p>
        </Alert>
        <p>
          <Link href={signInHref}>Back to sign in</Link>
        </p>
      </>
    );
  }
  return (
    <Form
      id="forgot-password"
      errors={form.errors}
      onSubmit={() => {
        const missing = requireValues([['email', email, 'Enter your email address.']]);
        if (missing) return form.fail(missing);
        void form.submit(async () => {
          const problems = await onSubmit({ email: email.trim() });
          if (!problems) setSent(true);
          return problems;
        });
      }}
    >
      <TextField
        label="Email address"
        name="email"
        type="email"
        autoComplete="email"
        spellCheck={false}
        hint="We will email you a link to choose a new password."
        value={email}
        onChange={setEmail}
      />
      <div className="lena-button-group">
        <Button type="submit" busy={form.busy}>
          Send reset link
        </Button>
        <Link href={signInHref}>Back to sign in</Link>
      </div>
    </Form>
  );
}

function passwordProblems(password: string, confirmation: string): FormErrors | null {
  const missing = requireValues([
    ['password', password, 'Enter a new password.'],
    ['passwordConfirmation', confirmation, 'Enter the new password again.'],
  ]);
  if (missing) return missing;
  if (password !== confirmation) return { fieldProblems: [{ field: 'passwordConfirmation', message: 'The passwords do not match.' }] };
  return null;
}

export interface ResetPasswordFormProps {
  onSubmit: Submit<{ password: string }>;
  signInHref: string;
  forgotPasswordHref: string;
}

export function ResetPasswordForm({ onSubmit, signInHref, forgotPasswordHref }: ResetPasswordFormProps) {
  const [password, setPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [done, setDone] = useState(false);
  const form = useFormSubmission();
  if (done) {
    return (
      <>
        <Alert tone="success" title="Your password has been reset">
          <p>You can now sign in with your new password.</p>
        </Alert>
        <ButtonLink href={signInHref}>Sign in</ButtonLink>
      </>
    );
  }
  return (
    <Form
      id="reset-password"
      errors={form.errors}
      onSubmit={() => {
        const problems = passwordProblems(password, confirmation);
        if (problems) return form.fail(problems);
        void form.submit(async () => {
          const result = await onSubmit({ password });
          if (!result) setDone(true);
          return result;
        });
      }}
    >
      <TextField label="New password" name="password" type="password" autoComplete="new-password" hint={PASSWORD_HINT} value={password} onChange={setPassword} />
      <TextField label="Confirm new password" name="passwordConfirmation" type="password" autoComplete="new-password" value={confirmation} onChange={setConfirmation} />
      <div className="lena-button-group">
        <Button type="submit" busy={form.busy}>
          Reset password
        </Button>
        <Link href={forgotPasswordHref}>Request a new link</Link>
      </div>
    </Form>
  );
}

export interface InvitationSummary {
  email: string;
  displayName: string | null;
  /** Already in words, e.g. "Organisation admin". */
  roleLabel: string;
  organisationName: string | null;
  /** The email already has an account: accept with its current password. */
  existingAccount: boolean;
  expires: ReactNode;
}

export interface AcceptInvitationFormProps {
  invitation: InvitationSummary;
  onSubmit: Submit<{ displayName: string; password: string }>;
  forgotPasswordHref: string;
}

export function AcceptInvitationForm({ invitation, onSubmit, forgotPasswordHref }: AcceptInvitationFormProps) {
  const [displayName, setDisplayName] = useState(invitation.displayName ?? '');
  const [password, setPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const form = useFormSubmission();
  const existing = invitation.existingAccount;

  return (
    <>
      <SummaryList
        rows={[
          { key: 'email', label: 'Email address', value: invitation.email },
          { key: 'role', label: 'Role', value: invitation.roleLabel },
          ...(invitation.organisationName ? [{ key: 'organisation', label: 'Organisation', value: invitation.organisationName }] : []),
          { key: 'expires', label: 'Invitation expires', value: invitation.expires },
        ]}
      />
      <Form
        id="accept-invitation"
        errors={form.errors}
        onSubmit={() => {
          const problems = existing
            ? requireValues([['password', password, 'Enter your password.']])
            : (requireValues([['displayName', displayName, 'Enter your name.']]) ?? passwordProblems(password, confirmation));
          if (problems) return form.fail(problems);
          void form.submit(() => onSubmit({ displayName: displayName.trim() || invitation.email, password }));
        }}
      >
        {existing ? (
          <>
            <p>You already have a Lena account with this email address. Enter its password to accept.</p>
            <TextField label="Password" name="password" type="password" autoComplete="current-password" value={password} onChange={setPassword} />
          </>
        ) : (
          <>
            <TextField label="Your name" name="displayName" autoComplete="name" hint="As colleagues and facilitators will see it." value={displayName} onChange={setDisplayName} />
            <TextField label="New password" name="password" type="password" autoComplete="new-password" hint={PASSWORD_HINT} value={password} onChange={setPassword} />
            <TextField label="Confirm new password" name="passwordConfirmation" type="password" autoComplete="new-password" value={confirmation} onChange={setConfirmation} />
          </>
        )}
        <div className="lena-button-group">
          <Button type="submit" busy={form.busy}>
            Accept invitation
          </Button>
          {existing && <Link href={forgotPasswordHref}>Forgotten your password?</Link>}
        </div>
      </Form>
    </>
  );
}

import { UpdateMyProfileDocument } from '@lena/graphql-client';
import { useMutation, useSession, type Viewer } from '@lena/graphql-client/react';
import { Alert, Button, Form, requireValues, SummaryList, TextField } from '@lena/ui';
import { useState } from 'react';
import { useMutationForm } from '../hooks/use-mutation-form.js';

/** The person's name (which everyone else sees), beside the email address they sign in with. */
export function DetailsForm({ viewer }: { viewer: Viewer }) {
  const { updateViewer } = useSession();
  const [displayName, setDisplayName] = useState(viewer.displayName);
  const [savedName, setSavedName] = useState<string | null>(null);
  const form = useMutationForm();
  const [update] = useMutation(UpdateMyProfileDocument);
  return (
    <>
      <SummaryList rows={[{ key: 'email', label: 'Email address', value: viewer.email }]} />
      <p>You sign in with your email address. To change it, ask whoever invited you to Lena.</p>
      <Form
        id="account-details"
        errors={form.errors}
        onSubmit={() => {
          setSavedName(null);
          const missing = requireValues([['displayName', displayName, 'Enter your name.']]);
          if (missing) return form.fail(missing);
          void form.send(async () => {
            const result = await update({ variables: { input: { displayName: displayName.trim() } } });
            const updated = result.data?.updateMyProfile;
            if (updated) {
              updateViewer(updated);
              setDisplayName(updated.displayName);
              setSavedName(updated.displayName);
            }
          });
        }}
      >
        {savedName && <Alert tone="success" title={`Your name has been changed to ${savedName}.`} />}
        <TextField label="Your name" name="displayName" autoComplete="name" hint="As colleagues and facilitators will see it." value={displayName} onChange={setDisplayName} />
        <div className="lena-button-group">
          <Button type="submit" busy={form.busy}>
            Save name
          </Button>
        </div>
      </Form>
    </>
  );
}

import { CalendarSubscriptionDocument, CreateCalendarSubscriptionDocument, RevokeCalendarSubscriptionDocument } from '@lena/graphql-client';
import { useMutation, useQuery } from '@lena/graphql-client/react';
import { QueryView } from '../app/query-view.js';
import { useConfirmation } from '../hooks/use-confirmation.js';
import { Alert, Button, ConfirmDialog, DateTime, TextField, useOutcome } from '@lena/ui';
import { useState } from 'react';

/**
 * The person's private calendar address. Lena keeps only a hash of its secret, so the address is
 * shown once, when it is made; making another replaces it, and stopping it makes it fail at once.
 */
export function CalendarSubscriptionSection() {
  const result = useQuery(CalendarSubscriptionDocument);
  const outcome = useOutcome();
  const [newUrl, setNewUrl] = useState<string | null>(null);
  const [create, { loading: creating }] = useMutation(CreateCalendarSubscriptionDocument, { refetchQueries: [CalendarSubscriptionDocument], awaitRefetchQueries: true });
  const [revoke, { loading: revoking }] = useMutation(RevokeCalendarSubscriptionDocument, { refetchQueries: [CalendarSubscriptionDocument], awaitRefetchQueries: true });
  const replacement = useConfirmation(async () => {
    await makeAddress();
  });
  const stopping = useConfirmation(async () => {
    await revoke();
    setNewUrl(null);
    outcome.success('Your calendar subscription has been stopped. The address no longer works.');
  });

  async function makeAddress() {
    const { data } = await create();
    if (data) setNewUrl(data.createCalendarSubscription.url);
  }

  return (
    <QueryView result={result} loadingLabel="Loading your calendar subscription">
      {({ calendarSubscription }) => (
        <>
          {outcome.banner}
          <p>Subscribe in Outlook, Google Calendar or Apple Calendar and your sessions appear there, kept up to date as they change.</p>
          {newUrl ? (
            <Alert tone="success" title="Your private calendar address">
              <p>Copy it now: for your security it will not be shown again. Anyone who has it can see your sessions, so do not share it.</p>
              <TextField label="Calendar address" name="calendarUrl" value={newUrl} onChange={() => undefined} readOnly onFocus={(event) => event.currentTarget.select()} />
            </Alert>
          ) : null}
          {calendarSubscription ? (
            <>
              <p>
                You have a calendar subscription, made <DateTime value={calendarSubscription.createdAt} />. If you have lost its address, make a new one: the old one then stops
                working.
              </p>
              <div className="lena-button-group">
                <Button variant="secondary" busy={creating} onClick={() => replacement.ask(undefined)}>
                  Make a new address
                </Button>
                <Button variant="danger" busy={revoking} onClick={() => stopping.ask(undefined)}>
                  Stop the subscription
                </Button>
              </div>
            </>
          ) : (
            <Button
              busy={creating}
              onClick={() => {
                setNewUrl(null);
                void makeAddress().then(
                  () => undefined,
                  () => outcome.error('We could not make your calendar address. Please try again.'),
                );
              }}
            >
              Make a calendar address
            </Button>
          )}
          <ConfirmDialog title="Make a new calendar address?" confirmLabel="Yes, make a new one" busy={creating} {...replacement.dialog}>
            <p>The address you have now will stop working, and calendars using it will stop updating.</p>
          </ConfirmDialog>
          <ConfirmDialog title="Stop your calendar subscription?" confirmLabel="Yes, stop it" busy={revoking} {...stopping.dialog}>
            <p>Calendars using the address will stop showing your sessions.</p>
          </ConfirmDialog>
        </>
      )}
    </QueryView>
  );
}

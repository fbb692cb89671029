import { describeError, EndOtherSessionsDocument, EndSessionDocument, MySessionsDocument, type AccountSessionFieldsFragment } from '@lena/graphql-client';
import { useMutation } from '@lena/graphql-client/react';
import { Alert, Button, ConfirmDialog, DateTime, Table, Tag } from '@lena/ui';
import { useState } from 'react';
import { useConfirmation } from '../hooks/use-confirmation.js';

type Message = { tone: 'success' | 'error'; text: string };

/**
 * Where the person is signed in, this device first and marked, with a way to end any other
 * session, or all of them at once (after asking).
 */
export function SessionsTable({ sessions }: { sessions: readonly AccountSessionFieldsFragment[] }) {
  const refetch = { refetchQueries: [MySessionsDocument], awaitRefetchQueries: true };
  const [endSession] = useMutation(EndSessionDocument, refetch);
  const [endOthers, { loading: endingOthers }] = useMutation(EndOtherSessionsDocument, refetch);
  const [endingId, setEndingId] = useState<string | null>(null);
  const [message, setMessage] = useState<Message | null>(null);
  const others = sessions.filter((session) => !session.current);

  const end = async (session: AccountSessionFieldsFragment) => {
    setMessage(null);
    setEndingId(session.id);
    try {
      await endSession({ variables: { id: session.id } });
      setMessage({ tone: 'success', text: `The session on ${session.device} has been ended.` });
    } catch (error) {
      setMessage({ tone: 'error', text: describeError(error).message });
    } finally {
      setEndingId(null);
    }
  };

  const endAllOthers = useConfirmation(async () => {
    const result = await endOthers();
    const count = result.data?.endOtherSessions ?? 0;
    setMessage({ tone: 'success', text: count === 1 ? 'You have been signed out of 1 other session.' : `You have been signed out of ${count} other sessions.` });
  });

  return (
    <>
      {message && <Alert tone={message.tone} title={message.text} />}
      <Table
        caption="Where you are signed in"
        captionHidden
        rows={sessions}
        rowKey={(session) => session.id}
        columns={[
          {
            key: 'device',
            header: 'Device',
            cell: (session) => (
              <>
                {session.device}
                {session.current && (
                  <>
                    {' '}
                    <Tag tone="green">This device</Tag>
                  </>
                )}
              </>
            ),
          },
          { key: 'place', header: 'Place (IP address)', cell: (session) => session.ipAddress ?? 'Not known' },
          { key: 'started', header: 'Signed in', cell: (session) => <DateTime value={session.startedAt} /> },
          { key: 'lastActive', header: 'Last active', cell: (session) => <DateTime value={session.lastActiveAt} /> },
          {
            key: 'actions',
            header: 'Actions',
            cell: (session) =>
              session.current ? (
                'Use “Sign out” to end this one'
              ) : (
                // The visible words begin the accessible name (WCAG 2.5.3), which says which session.
                <Button variant="secondary" busy={endingId === session.id} aria-label={`End session on ${session.device}`} onClick={() => void end(session)}>
                  End session
                </Button>
              ),
          },
        ]}
      />
      {others.length > 0 ? (
        <div className="lena-button-group">
          <Button
            variant="secondary"
            onClick={() => {
              setMessage(null);
              endAllOthers.ask(true);
            }}
          >
            Sign out of all other sessions
          </Button>
        </div>
      ) : (
        <p>You are not signed in anywhere else.</p>
      )}
      <ConfirmDialog title="Sign out of all other sessions?" confirmLabel="Yes, sign out everywhere else" busy={endingOthers} {...endAllOthers.dialog}>
        <p>{others.length === 1 ? 'The other session' : `The ${others.length} other sessions`} will need to sign in again. You stay signed in on this device.</p>
      </ConfirmDialog>
    </>
  );
}

import { describeError, RetryFailedMessageDocument, type FailedMessagesQuery } from '@lena/graphql-client';
import { useMutation } from '@lena/graphql-client/react';
import { Button, DateTime, EmptyState, Table, useOutcome, VisuallyHidden, type ShownOutcome } from '@lena/ui';
import { useEffect, useRef, useState } from 'react';

type FailedMessage = FailedMessagesQuery['failedMessages'][number];

/** "the email to sam@example.test", or a description that still tells messages apart without one. */
function describeMessage(message: FailedMessage): string {
  return message.recipient ? `the email to ${message.recipient}` : `message ${message.id.slice(0, 8)}`;
}

export interface FailedEmailsProps {
  messages: readonly FailedMessage[];
  /** How many the list was asked for: when it is full, there may be more. */
  shownAtMost: number;
  /** Reads the failed messages and the queues again once a retry has been answered. */
  refetch: () => Promise<unknown>;
}

/** Emails the worker gave up on, each with "Try again"; "No failed emails." when there are none. */
export function FailedEmails({ messages, shownAtMost, refetch }: FailedEmailsProps) {
  const [retry] = useMutation(RetryFailedMessageDocument);
  const [retryingId, setRetryingId] = useState<string | null>(null);
  const outcome = useOutcome();
  const shown = outcome.current;
  const outcomeRef = useRef<HTMLDivElement>(null);
  const retriedFrom = useRef<HTMLElement | null>(null);

  // The row, and the button that had focus, go once the list is read again: keep keyboard and
  // screen reader users in place by moving focus to the outcome (unless they have moved on).
  useEffect(() => {
    const from = retriedFrom.current;
    if (!shown || !from) return;
    retriedFrom.current = null;
    const active = document.activeElement;
    if (active === null || active === document.body || active === from) outcomeRef.current?.focus();
  }, [shown]);

  const tryAgain = async (message: FailedMessage, button: HTMLElement) => {
    outcome.clear();
    setRetryingId(message.id);
    let next: ShownOutcome;
    try {
      await retry({ variables: { id: message.id } });
      const what = describeMessage(message);
      next = { tone: 'success', text: `${what.charAt(0).toUpperCase()}${what.slice(1)} will be sent again.` };
    } catch (error) {
      next = { tone: 'error', text: describeError(error).message };
    }
    // Either way the list may have changed (another admin may have retried it first).
    await refetch().catch(() => undefined);
    retriedFrom.current = button;
    setRetryingId(null);
    outcome.show(next.tone, next.text);
  };

  return (
    <>
      <div ref={outcomeRef} tabIndex={-1}>
        {outcome.banner}
      </div>
      {messages.length === 0 ? (
        <EmptyState title="No failed emails" headingLevel={3}>
          <p>Emails the worker gives up on appear here, so that you can try them again.</p>
        </EmptyState>
      ) : (
        <>
          <Table
            caption="Failed emails"
            captionHidden
            rows={messages}
            rowKey={(message) => message.id}
            columns={[
              { key: 'recipient', header: 'Recipient', cell: (message) => message.recipient ?? '—' },
              { key: 'subject', header: 'Subject', cell: (message) => message.subject ?? '—' },
              { key: 'organisation', header: 'Organisation', cell: (message) => message.tenantName ?? (message.tenantId ? 'Unknown organisation' : 'Provider') },
              { key: 'attempts', header: 'Attempts', numeric: true, cell: (message) => message.attempts },
              { key: 'error', header: 'Last error', cell: (message) => message.lastError ?? '—' },
              { key: 'failed', header: 'Failed at', cell: (message) => <DateTime value={message.failedAt} /> },
              {
                key: 'actions',
                header: 'Actions',
                cell: (message) => (
                  <Button variant="secondary" busy={retryingId === message.id} onClick={(event) => void tryAgain(message, event.currentTarget)}>
                    Try again<VisuallyHidden> to send {describeMessage(message)}</VisuallyHidden>
                  </Button>
                ),
              },
            ]}
          />
          {messages.length >= shownAtMost && <p className="lena-muted">Showing the {shownAtMost} most recent. Older ones appear as you deal with these.</p>}
        </>
      )}
    </>
  );
}

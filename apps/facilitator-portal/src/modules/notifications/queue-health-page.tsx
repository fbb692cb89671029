import { describeError, FailedMessagesDocument, QueueHealthDocument, type QueueHealthQuery, type QueueState } from '@lena/graphql-client';
import { useQuery } from '@lena/graphql-client/react';
import { QueryView } from '@lena/portal-kit';
import { Alert, Button, DateTime, formatDateTime, Page, Section, SummaryList, Table, Tag, viewerTimeZone } from '@lena/ui';
import { useEffect, useRef, useState } from 'react';
import { FailedEmails } from './failed-emails.js';
import { formatAge, queueLabel, queueStateLabel, queueStateMeaning, queueStateTone } from './queue-labels.js';

type QueueHealth = QueueHealthQuery['queueHealth'];

/** How often the page reads the queues again by itself. */
const POLL_INTERVAL_MS = 15_000;
/** The most failed emails listed at once (the API allows up to 100). */
const FAILED_EMAILS_SHOWN = 50;

const STATES: QueueState[] = ['HEALTHY', 'BACKLOGGED', 'NO_WORKERS'];

const emails = (count: number) => `${count} ${count === 1 ? 'email' : 'emails'}`;

/** One sentence of what matters, read out when it changes: each queue's state and the outbox. */
function summarise(health: QueueHealth): string {
  const queues = health.queuesReachable
    ? health.queues.map((queue) => `${queueLabel(queue.name)}: ${queueStateLabel[queue.state]}.`).join(' ')
    : 'The job queues could not be reached.';
  return `${queues} ${emails(health.outbox.pending)} waiting to be sent, ${emails(health.outbox.failed)} given up on.`;
}

function QueueStateTag({ state }: { state: QueueState }) {
  return <Tag tone={queueStateTone[state]}>{queueStateLabel[state]}</Tag>;
}

function Queues({ health }: { health: QueueHealth }) {
  if (!health.queuesReachable) {
    return (
      <Alert tone="warning" title="The job queues could not be reached">
        <p>
          Lena could not get an answer from Redis, where the queues are kept, so how they are doing is unknown. Until it answers, no emails can be sent: they wait safely in the
          outbox (below) and go out once it is back. Tell the engineers.
        </p>
      </Alert>
    );
  }
  return (
    <>
      <Table
        caption="Job queues"
        captionHidden
        rows={health.queues}
        rowKey={(queue) => queue.name}
        columns={[
          { key: 'queue', header: 'Queue', cell: (queue) => queueLabel(queue.name) },
          { key: 'state', header: 'Status', cell: (queue) => <QueueStateTag state={queue.state} /> },
          { key: 'waiting', header: 'Waiting', numeric: true, cell: (queue) => queue.waiting },
          { key: 'active', header: 'Running', numeric: true, cell: (queue) => queue.active },
          { key: 'delayed', header: 'Scheduled', numeric: true, cell: (queue) => queue.delayed },
          { key: 'failed', header: 'Failed', numeric: true, cell: (queue) => queue.failed },
          { key: 'completed', header: 'Completed recently', numeric: true, cell: (queue) => queue.completed },
          { key: 'workers', header: 'Workers', numeric: true, cell: (queue) => queue.workers },
          {
            key: 'oldest',
            header: 'Oldest waiting',
            cell: (queue) =>
              queue.oldestWaitingAt ? (
                <>
                  <DateTime value={queue.oldestWaitingAt} /> (waiting {formatAge(queue.oldestWaitingAt, health.checkedAt)})
                </>
              ) : (
                'None waiting'
              ),
          },
        ]}
      />
      <Section title="What the statuses mean" headingLevel={3}>
        <SummaryList rows={STATES.map((state) => ({ key: state, label: <QueueStateTag state={state} />, value: queueStateMeaning(state, health.backlogAfterSeconds) }))} />
        <p>
          “Scheduled” counts jobs waiting for their time: a retry after a failure, or routine work. “Failed” counts jobs that used up every attempt; the emails among them are
          listed under “Failed emails”.
        </p>
      </Section>
    </>
  );
}

function Outbox({ health }: { health: QueueHealth }) {
  const { pending, oldestPendingAt, failed } = health.outbox;
  return (
    <>
      <p>Every email is saved here first, with the change that caused it, and then handed to the email delivery queue.</p>
      <SummaryList
        rows={[
          {
            key: 'pending',
            label: 'Waiting to be sent',
            value:
              pending === 0 ? (
                'None'
              ) : (
                <>
                  {emails(pending)}, the oldest since <DateTime value={oldestPendingAt} />
                  {oldestPendingAt && ` (${formatAge(oldestPendingAt, health.checkedAt)})`}
                </>
              ),
          },
          { key: 'failed', label: 'Given up on', value: failed === 0 ? 'None' : `${emails(failed)}, listed under “Failed emails”` },
        ]}
      />
    </>
  );
}

/**
 * What the page's polite live region says: what a poll changed (a queue's state, the outbox's
 * counts), or the outcome of a refresh someone asked for. Focus never moves.
 */
function useChangeAnnouncement(health: QueueHealth | undefined) {
  const [announcement, setAnnouncement] = useState('');
  const lastSummary = useRef<string | null>(null);
  useEffect(() => {
    if (!health) return;
    const summary = summarise(health);
    if (lastSummary.current !== null && lastSummary.current !== summary) setAnnouncement(`Queue health has changed. ${summary}`);
    lastSummary.current = summary;
  }, [health]);
  return [announcement, setAnnouncement] as const;
}

export function QueueHealthPage() {
  const health = useQuery(QueueHealthDocument, { pollInterval: POLL_INTERVAL_MS });
  const failed = useQuery(FailedMessagesDocument, { variables: { limit: FAILED_EMAILS_SHOWN }, pollInterval: POLL_INTERVAL_MS });
  const current = health.data?.queueHealth;
  const [announcement, setAnnouncement] = useChangeAnnouncement(current);

  const readAgain = () => Promise.all([health.refetch(), failed.refetch()]);

  const refresh = async () => {
    try {
      const [{ data }] = await readAgain();
      if (data) {
        setAnnouncement(`Checked again at ${formatDateTime(data.queueHealth.checkedAt, { withSeconds: true })}. ${summarise(data.queueHealth)}`);
      }
    } catch {
      // The query's own error says so, below.
    }
  };

  return (
    <Page
      title="Queue health"
      lead={`Whether Lena’s background work, such as sending emails, is keeping up, and which emails it gave up on. Times are in your time zone (${viewerTimeZone()}).`}
    >
      <div className="lena-inline-actions">
        {current && (
          <p className="lena-muted">
            Checked at <DateTime value={current.checkedAt} withSeconds />. This page checks again every {POLL_INTERVAL_MS / 1000} seconds.
          </p>
        )}
        <Button variant="secondary" onClick={() => void refresh()}>
          Refresh now
        </Button>
      </div>
      <p role="status" className="lena-visually-hidden">
        {announcement}
      </p>
      {/* A check that fails leaves the last reading on screen: say how old it is rather than hide it. */}
      {current && health.error && (
        <Alert tone="warning" title="The latest check did not work">
          <p>
            {describeError(health.error).message} The figures below are from <DateTime value={current.checkedAt} withSeconds />.
          </p>
        </Alert>
      )}
      <QueryView result={health} loadingLabel="Checking the queues">
        {({ queueHealth }) => (
          <>
            <Section title="Queues">
              <Queues health={queueHealth} />
            </Section>
            <Section title="Outbox">
              <Outbox health={queueHealth} />
            </Section>
          </>
        )}
      </QueryView>
      <Section title="Failed emails">
        <QueryView result={failed} loadingLabel="Loading failed emails">
          {({ failedMessages }) => <FailedEmails messages={failedMessages} shownAtMost={FAILED_EMAILS_SHOWN} refetch={readAgain} />}
        </QueryView>
      </Section>
    </Page>
  );
}

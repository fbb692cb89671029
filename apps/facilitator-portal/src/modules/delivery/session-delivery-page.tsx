import { CompleteSessionDocument, ReopenSessionDocument, serviceLabel, SessionDeliveryDocument, type SessionDeliveryFieldsFragment } from '@lena/graphql-client';
import { useMutation, useQuery } from '@lena/graphql-client/react';
import { QueryView, useConfirmation } from '@lena/portal-kit';
import { Button, ConfirmDialog, DateTime, Link, Page, Section, Tag, useOutcome, viewerTimeZone } from '@lena/ui';
import { useParams } from 'react-router';
import { AttendanceRegister } from './attendance-register.js';
import { SessionNotesForm } from './session-notes-form.js';

const statusTag: Record<SessionDeliveryFieldsFragment['status'], { tone: 'blue' | 'green' | 'grey'; text: string }> = {
  SCHEDULED: { tone: 'blue', text: 'Scheduled' },
  DELIVERED: { tone: 'green', text: 'Delivered' },
  CANCELLED: { tone: 'grey', text: 'Cancelled' },
};

function RunSheet({ delivery }: { delivery: SessionDeliveryFieldsFragment }) {
  return (
    <Section title="Run sheet">
      <ol className="lena-run-sheet">
        {delivery.runSheet.map((step) => (
          <li key={step.key} className="lena-run-sheet__step">
            <h3 className="lena-run-sheet__title">
              {step.title} <span className="lena-muted">(about {step.minutes} minutes)</span>
            </h3>
            <p>{step.guidance}</p>
          </li>
        ))}
      </ol>
    </Section>
  );
}

function Completion({ delivery, timeZone }: { delivery: SessionDeliveryFieldsFragment; timeZone: string }) {
  const [complete, completing] = useMutation(CompleteSessionDocument);
  const [reopen, reopening] = useMutation(ReopenSessionDocument);
  const outcome = useOutcome();
  const completion = useConfirmation(async () => {
    await complete({ variables: { sessionId: delivery.sessionId } });
    outcome.success('The session has been completed. Feedback will be asked of everyone who attended.');
  });
  const reopenConfirmation = useConfirmation(async () => {
    await reopen({ variables: { sessionId: delivery.sessionId } });
    outcome.success('The session has been reopened: correct the register, then complete it again.');
  });
  const canComplete = delivery.availableActions.includes('COMPLETE');
  const canReopen = delivery.availableActions.includes('REOPEN');

  return (
    <Section title="Completing the session">
      {outcome.banner}
      {delivery.status === 'DELIVERED' ? (
        <p>
          Delivered <DateTime value={delivery.deliveredAt ?? ''} timeZone={timeZone} />.{' '}
          {canReopen ? (
            <>
              You can reopen it to correct the register until <DateTime value={delivery.reopenUntil ?? ''} timeZone={timeZone} />.
            </>
          ) : (
            'It can no longer be reopened.'
          )}
        </p>
      ) : delivery.status === 'CANCELLED' ? (
        <p>This session was cancelled.</p>
      ) : (
        <p>Complete the session once it has ended and the register is taken. If nobody completes it, it is completed automatically when it ends.</p>
      )}
      <div className="lena-button-group">
        {canComplete ? <Button onClick={() => completion.ask(true)}>Complete session</Button> : null}
        {canReopen ? (
          <Button variant="secondary" onClick={() => reopenConfirmation.ask(true)}>
            Reopen session
          </Button>
        ) : null}
      </div>
      <ConfirmDialog title="Complete this session?" confirmLabel="Yes, complete session" tone="primary" busy={completing.loading} {...completion.dialog}>
        <p>The register closes. You can reopen the session within 48 hours to correct it.</p>
      </ConfirmDialog>
      <ConfirmDialog title="Reopen this session?" confirmLabel="Yes, reopen session" tone="primary" busy={reopening.loading} {...reopenConfirmation.dialog}>
        <p>The register opens again so that you can correct it. Complete the session again when you have.</p>
      </ConfirmDialog>
    </Section>
  );
}

function registerClosedReason(delivery: SessionDeliveryFieldsFragment): string {
  if (delivery.status === 'DELIVERED') return 'The session has been completed, so the register is closed. Reopen the session to correct it.';
  if (delivery.status === 'CANCELLED') return 'This session was cancelled.';
  return 'The register opens 30 minutes before the session starts.';
}

/** One session of a programme the facilitator runs: run sheet, register, notes, completing. Works on a phone. */
export function SessionDeliveryPage({ timeZone = viewerTimeZone() }: { timeZone?: string }) {
  const { sessionId = '' } = useParams();
  const result = useQuery(SessionDeliveryDocument, { variables: { sessionId } });
  const delivery = result.data?.sessionDelivery;
  return (
    <Page
      title={delivery ? `${delivery.programmeTitle}: session ${delivery.sequence}` : 'Session'}
      backLink={<Link href="/sessions">Back to your sessions</Link>}
      lead={
        delivery ? (
          <>
            {delivery.tenantName} · {serviceLabel[delivery.serviceType]} · <DateTime value={delivery.startsAt} timeZone={timeZone} />{' '}
            <Tag tone={statusTag[delivery.status].tone}>{statusTag[delivery.status].text}</Tag> · <Link href={`/programmes/${delivery.programmeId}`}>About the programme</Link>
          </>
        ) : undefined
      }
    >
      <QueryView result={result} loadingLabel="Loading the session">
        {({ sessionDelivery }) => (
          <div className="lena-delivery">
            <RunSheet delivery={sessionDelivery} />
            <AttendanceRegister
              // A new register after completing or reopening: the marks made here are in it.
              key={`${sessionDelivery.status}-${sessionDelivery.deliveredAt ?? ''}`}
              sessionId={sessionDelivery.sessionId}
              register={sessionDelivery.register}
              open={sessionDelivery.availableActions.includes('MARK_ATTENDANCE')}
              closedReason={registerClosedReason(sessionDelivery)}
            />
            <SessionNotesForm delivery={sessionDelivery} canWrite={sessionDelivery.availableActions.includes('WRITE_NOTES')} />
            <Completion delivery={sessionDelivery} timeZone={timeZone} />
          </div>
        )}
      </QueryView>
    </Page>
  );
}

import {
  CancelSessionDocument,
  ProgrammeSessionsDocument,
  RescheduleSessionDocument,
  type ProgrammeConflictFieldsFragment,
  type ProgrammeSessionFieldsFragment,
  type SessionEditScope,
} from '@lena/graphql-client';
import { useMutation, useQuery } from '@lena/graphql-client/react';
import { QueryView, useMutationForm } from '@lena/portal-kit';
import { Alert, Button, DatePickerField, Form, Link, requireValues, Section, SelectField, Tag, TextArea, useOutcome, viewerTimeZone, VisuallyHidden } from '@lena/ui';
import { useState } from 'react';
import { sessionTimeText } from './programme-labels.js';
import { ConflictList, refusedConflicts } from './proposal-form.js';

const SCOPE_OPTIONS: { value: SessionEditScope; label: string }[] = [
  { value: 'THIS', label: 'This session only' },
  { value: 'FOLLOWING', label: 'This session and the ones after it' },
  { value: 'SERIES', label: 'Every session still to come' },
];

/** An instant as the wall clock in `timeZone` shows it, `2027-03-17T10:00`: what the date picker edits. */
export function wallClockIn(instant: string, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(new Date(instant))
      .map((part) => [part.type, part.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
}

interface SessionChangeFormProps {
  programmeId: string;
  session: ProgrammeSessionFieldsFragment;
  timeZone: string;
  onDone: (message: string) => void;
  onClose: () => void;
}

/**
 * Move or cancel a session, or it and the ones after it, or the rest of the series, with a reason
 * the group is told. A move that clashes with a facilitator's calendar is refused with the clashes;
 * it can then be made anyway with a reason of its own, which the API audits.
 */
export function SessionChangeForm({ programmeId, session, timeZone, onDone, onClose }: SessionChangeFormProps) {
  const [action, setAction] = useState<'MOVE' | 'CANCEL'>('MOVE');
  const [scope, setScope] = useState<SessionEditScope>('THIS');
  const [newStartLocal, setNewStartLocal] = useState(wallClockIn(session.startsAt, timeZone));
  const [reason, setReason] = useState('');
  const [overrideReason, setOverrideReason] = useState('');
  const [refused, setRefused] = useState<ProgrammeConflictFieldsFragment[] | null>(null);
  const form = useMutationForm();
  const [reschedule] = useMutation(RescheduleSessionDocument);
  const [cancel] = useMutation(CancelSessionDocument);
  const edit = { programmeId, sessionId: session.id, version: session.version, scope, reason: reason.trim() };

  const submit = () => {
    const missing = requireValues([
      ...(action === 'MOVE' ? ([['newStartLocal', newStartLocal, 'Enter the new date and time.']] as const) : []),
      ['reason', reason, action === 'MOVE' ? 'Say why the session is moving: the group is told.' : 'Say why the session is cancelled: the group is told.'],
      ...(refused ? ([['overrideReason', overrideReason, 'Say why the session should move despite the clashes.']] as const) : []),
    ]);
    if (missing) return form.fail(missing);
    void form.send(
      async () => {
        if (action === 'MOVE') {
          await reschedule({ variables: { input: { ...edit, newStartLocal, overrideReason: refused ? overrideReason.trim() : null } } });
          onDone(`Session ${session.sequence} has been moved. Everyone’s calendar will be updated.`);
        } else {
          await cancel({ variables: { input: edit } });
          onDone(`Session ${session.sequence} has been cancelled. Everyone will be told.`);
        }
      },
      (error) => setRefused(action === 'MOVE' ? refusedConflicts(error) : null),
    );
  };

  return (
    <Form id={`session-change-${session.sequence}`} errors={form.errors} onSubmit={submit} aria-labelledby={`session-change-${session.sequence}-heading`}>
      <h3 id={`session-change-${session.sequence}-heading`}>Change session {session.sequence}</h3>
      <SelectField
        label="What to do"
        name="action"
        value={action}
        onChange={(value) => {
          setAction(value === 'CANCEL' ? 'CANCEL' : 'MOVE');
          setRefused(null);
        }}
        options={[
          { value: 'MOVE', label: 'Move it to another time' },
          { value: 'CANCEL', label: 'Cancel it' },
        ]}
      />
      <SelectField label="Which sessions" name="scope" value={scope} onChange={(value) => setScope(value as SessionEditScope)} options={SCOPE_OPTIONS} />
      {action === 'MOVE' ? (
        <DatePickerField
          withTime
          label="New date and time"
          name="newStartLocal"
          hint={`In the programme’s time zone, ${timeZone}. Later sessions move by the same amount and keep their local times.`}
          value={newStartLocal}
          onChange={(value) => {
            setNewStartLocal(value);
            setRefused(null);
          }}
        />
      ) : null}
      <TextArea label="Reason" name="reason" hint="Participants and facilitators are told this." rows={3} value={reason} onChange={setReason} />
      {refused ? (
        <Alert tone="warning" title={`${refused.length === 1 ? 'A facilitator has a clash' : `${refused.length} clashes`} at that time`}>
          <ConflictList conflicts={refused} timeZone={timeZone} viewerZone={viewerTimeZone()} />
          <TextArea label="Reason for moving it anyway" name="overrideReason" rows={2} value={overrideReason} onChange={setOverrideReason} />
        </Alert>
      ) : null}
      <div className="lena-button-group">
        <Button type="submit" busy={form.busy}>
          {action === 'CANCEL' ? 'Cancel the session' : refused ? 'Move it anyway' : 'Move the session'}
        </Button>
        <Button variant="secondary" onClick={onClose}>
          Keep it as it is
        </Button>
      </div>
    </Form>
  );
}

const statusTag = (session: ProgrammeSessionFieldsFragment, now: number) => {
  if (session.status === 'CANCELLED') return <Tag tone="red">Cancelled</Tag>;
  if (session.status === 'DELIVERED') return <Tag tone="grey">Delivered</Tag>;
  return Date.parse(session.endsAt) < now ? <Tag tone="grey">Held</Tag> : <Tag tone="green">Scheduled</Tag>;
};

/**
 * A programme's stored sessions, in its zone and the viewer's; platform admins may move or cancel
 * those to come, and the programme's own facilitators open each one's delivery page.
 */
export function ProgrammeSessions({ programmeId, timeZone, canChange, canDeliver = false }: { programmeId: string; timeZone: string; canChange: boolean; canDeliver?: boolean }) {
  const result = useQuery(ProgrammeSessionsDocument, { variables: { id: programmeId } });
  const [changing, setChanging] = useState<string | null>(null);
  const outcome = useOutcome();
  const viewerZone = viewerTimeZone();
  const now = Date.now();
  return (
    <Section title="Sessions">
      {outcome.banner}
      <QueryView result={result} loadingLabel="Loading the sessions">
        {({ programme }) =>
          programme.sessions.length === 0 ? (
            <p>The sessions are being written: they appear here within a minute of the programme being accepted.</p>
          ) : (
            <ol className="lena-list" aria-label="Sessions">
              {programme.sessions.map((session) => {
                const changeable = canChange && session.status === 'SCHEDULED' && Date.parse(session.startsAt) > now;
                return (
                  <li key={session.id}>
                    Session {session.sequence}: {sessionTimeText(session.startsAt, session.endsAt, timeZone)}
                    {viewerZone !== timeZone ? <span className="lena-muted"> ({sessionTimeText(session.startsAt, session.endsAt, viewerZone)} your time)</span> : null}{' '}
                    {statusTag(session, now)}
                    {session.statusReason ? <span className="lena-muted"> — {session.statusReason}</span> : null}
                    {canDeliver && session.status !== 'CANCELLED' ? (
                      <>
                        {' '}
                        <Link href={`/sessions/${session.id}`}>
                          Run sheet, register and notes<VisuallyHidden> for session {session.sequence}</VisuallyHidden>
                        </Link>
                      </>
                    ) : null}
                    {changeable && changing !== session.id ? (
                      <>
                        {' '}
                        <Button variant="secondary" onClick={() => setChanging(session.id)}>
                          Change<VisuallyHidden> session {session.sequence}</VisuallyHidden>
                        </Button>
                      </>
                    ) : null}
                    {changing === session.id ? (
                      <SessionChangeForm
                        programmeId={programmeId}
                        session={session}
                        timeZone={timeZone}
                        onClose={() => setChanging(null)}
                        onDone={(message) => {
                          setChanging(null);
                          outcome.success(message);
                        }}
                      />
                    ) : null}
                  </li>
                );
              })}
            </ol>
          )
        }
      </QueryView>
    </Section>
  );
}

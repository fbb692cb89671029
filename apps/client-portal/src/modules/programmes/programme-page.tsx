import {
  AcceptProgrammeDocument,
  CancelProgrammeDocument,
  RequestProgrammeChangesDocument,
  EnrolMemberDocument,
  ProgrammeSessionsDocument,
  ProgrammeWithEnrolmentsDocument,
  serviceLabel,
  TeamDocument,
  WithdrawMemberDocument,
  type ProgrammeWithEnrolmentsQuery,
} from '@lena/graphql-client';
import { useMutation, useQuery } from '@lena/graphql-client/react';
import { FeedbackResultsSection, ProgrammeHistorySection, ProgrammeOutcomesSection, QueryView, useConfirmation, useLocationFlash, useMutationForm } from '@lena/portal-kit';
import {
  Alert,
  Button,
  Checkbox,
  ConfirmDialog,
  DateTime,
  EmptyState,
  Fieldset,
  Form,
  formatDateTime,
  Link,
  Page,
  Section,
  SummaryList,
  Table,
  Tag,
  TextArea,
  useOutcome,
  viewerTimeZone,
  VisuallyHidden,
  type Outcome,
} from '@lena/ui';
import { useState } from 'react';
import { useParams } from 'react-router';
import { OutcomeMeasuresSection } from '../outcomes/outcome-measures-section.js';
import { cadenceLabel, deliveryModeLabel, membershipLabel, programmeStatusLabel, waitingOnLabel } from './programme-labels.js';

type Programme = ProgrammeWithEnrolmentsQuery['programme'];
type Enrolment = Programme['enrolments'][number];

const PREVIEW_COUNT = 12;
const FACILITATOR_ROLE = { LEAD: 'Lead facilitator', CO_FACILITATOR: 'Co-facilitator' } as const;
// The mutations answer with the programme, which updates it wherever it shows; its enrolments are read again.
const refetch = { refetchQueries: [ProgrammeWithEnrolmentsDocument], awaitRefetchQueries: true };

/** "10:00" in `timeZone`. */
function clockTime(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));
}

function Details({ programme }: { programme: Programme }) {
  const place = [
    deliveryModeLabel[programme.deliveryMode],
    programme.location ? `at ${programme.location}` : null,
    programme.videoLink ? `joining from ${programme.videoLink}` : null,
  ].filter(Boolean);
  return (
    <SummaryList
      rows={[
        { key: 'service', label: 'Service', value: serviceLabel[programme.serviceType] },
        { key: 'team', label: 'Team', value: programme.teamName ?? '—' },
        {
          key: 'sessions',
          label: 'Sessions',
          value: programme.cadenceSummary ?? `${programme.numberOfSessions}, ${programme.cadence ? cadenceLabel[programme.cadence].toLowerCase() : 'on dates to be agreed'}`,
        },
        {
          key: 'start',
          label: 'Starts',
          value: `${programme.startDate ? formatDateTime(`${programme.startDate}T12:00:00Z`, { timeZone: 'UTC', dateOnly: true }) : 'To be agreed'} at ${programme.startTimes.join(', then ')} (${programme.timeZone})${programme.startTimes.length > 1 ? ', rotating in turn' : ''}`,
        },
        { key: 'length', label: 'Session length', value: `${programme.sessionLengthMinutes} minutes` },
        { key: 'where', label: 'Where', value: place.join(', ') },
        { key: 'size', label: 'Group size', value: `${programme.minGroupSize} to ${programme.maxGroupSize} people` },
        { key: 'membership', label: 'Membership', value: membershipLabel[programme.membership] },
        ...(programme.cancelledReason ? [{ key: 'cancelled', label: 'Why it was cancelled', value: programme.cancelledReason }] : []),
      ]}
    />
  );
}

/** The first sessions in the viewer's zone, with the programme's own clock beside them when it differs. */
function SchedulePreview({ programme, timeZone }: { programme: Programme; timeZone: string }) {
  const sameZone = timeZone === programme.timeZone;
  if (programme.schedulePreview.length === 0) return <p>There is no schedule yet.</p>;
  return (
    <>
      <p>
        Times are in {timeZone}, your time zone{sameZone ? '.' : `; the programme is arranged in ${programme.timeZone}.`}
      </p>
      <ol className="lena-schedule">
        {programme.schedulePreview.map((slot) => (
          <li key={slot.sequence}>
            Session {slot.sequence}: {formatDateTime(slot.startsAt, { timeZone })} to {clockTime(slot.endsAt, timeZone)}
            {sameZone ? null : ` (${clockTime(slot.startsAt, programme.timeZone)} in ${programme.timeZone})`}
          </li>
        ))}
      </ol>
      {programme.numberOfSessions > programme.schedulePreview.length ? <p>And {programme.numberOfSessions - programme.schedulePreview.length} more.</p> : null}
    </>
  );
}

/** Once accepted, a programme's sessions are stored: as they are now, moved or cancelled ones included. */
const HAS_SESSIONS: readonly Programme['status'][] = ['ACCEPTED', 'ACTIVE', 'COMPLETED', 'CANCELLED'];

function StoredSessions({ programme, timeZone }: { programme: Programme; timeZone: string }) {
  const result = useQuery(ProgrammeSessionsDocument, { variables: { id: programme.id } });
  const sameZone = timeZone === programme.timeZone;
  return (
    <QueryView result={result} loadingLabel="Loading the sessions">
      {({ programme: { sessions } }) =>
        sessions.length === 0 ? (
          <p>The sessions are being arranged: they appear here within a minute or two of accepting.</p>
        ) : (
          <>
            <p>
              Times are in {timeZone}, your time zone{sameZone ? '.' : `; the programme is arranged in ${programme.timeZone}.`}
            </p>
            <ol className="lena-schedule">
              {sessions.map((session) => (
                <li key={session.id}>
                  Session {session.sequence}: {formatDateTime(session.startsAt, { timeZone })} to {clockTime(session.endsAt, timeZone)}
                  {sameZone ? null : ` (${clockTime(session.startsAt, programme.timeZone)} in ${programme.timeZone})`}
                  {session.status === 'CANCELLED' ? (
                    <>
                      {' '}
                      <Tag tone="red">Cancelled</Tag>
                    </>
                  ) : null}
                  {session.statusReason ? <span className="lena-muted"> — {session.statusReason}</span> : null}
                </li>
              ))}
            </ol>
          </>
        )
      }
    </QueryView>
  );
}

function Decision({ programme, outcome }: { programme: Programme; outcome: Outcome }) {
  const [accept, { loading: accepting }] = useMutation(AcceptProgrammeDocument, refetch);
  const [cancel, { loading: cancelling }] = useMutation(CancelProgrammeDocument, refetch);
  const [askForChanges, { loading: asking }] = useMutation(RequestProgrammeChangesDocument, refetch);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const acceptance = useConfirmation(async () => {
    const { data } = await accept({ variables: { input: { programmeId: programme.id, version: programme.version } } });
    outcome.success(`You have accepted ${data?.acceptProgramme.title ?? programme.title}. Its sessions are being scheduled.`);
  });
  const changes = useConfirmation(async () => {
    const { data } = await askForChanges({ variables: { input: { programmeId: programme.id, version: programme.version } } });
    outcome.success(`${data?.requestProgrammeChanges.title ?? programme.title} has gone back to the provider, who will contact you to agree the changes.`);
  });
  const cancellation = useConfirmation(async () => {
    setReasonError(null);
    if (reason.trim() === '') {
      setReasonError('Give a reason for cancelling.');
      // Keeps the dialog open; the reason's own message is the one shown.
      throw new Error('No reason given.');
    }
    const { data } = await cancel({ variables: { input: { programmeId: programme.id, version: programme.version, reason: reason.trim() } } });
    outcome.success(`${data?.cancelProgramme.title ?? programme.title} has been cancelled.`);
  });
  const canAccept = programme.availableActions.includes('ACCEPT');
  const canAskForChanges = programme.availableActions.includes('REQUEST_CHANGES');
  const canCancel = programme.availableActions.includes('CANCEL');
  if (!canAccept && !canAskForChanges && !canCancel) return null;
  return (
    <>
      {canAccept ? (
        <Alert tone="info" title="The provider has proposed facilitators and a schedule">
          <p>Check the schedule below. Accepting it books the sessions; you can then enrol people.</p>
        </Alert>
      ) : null}
      <div className="lena-button-group">
        {canAccept ? (
          <Button busy={accepting} onClick={() => acceptance.ask(undefined)}>
            Accept proposal
          </Button>
        ) : null}
        {canAskForChanges ? (
          <Button variant="secondary" busy={asking} onClick={() => changes.ask(undefined)}>
            Ask for changes
          </Button>
        ) : null}
        {canCancel ? (
          <Button
            variant="danger"
            busy={cancelling}
            onClick={() => {
              setReasonError(null);
              cancellation.ask(undefined);
            }}
          >
            Cancel programme
          </Button>
        ) : null}
      </div>
      <ConfirmDialog title={`Accept ${programme.title}?`} confirmLabel="Yes, accept" tone="primary" busy={accepting} {...acceptance.dialog}>
        <p>The sessions will be booked with the facilitators named, and everyone enrolled will get calendar invitations.</p>
      </ConfirmDialog>
      <ConfirmDialog title={`Ask for changes to ${programme.title}?`} confirmLabel="Yes, send it back" cancelLabel="Not yet" tone="primary" busy={asking} {...changes.dialog}>
        <p>The proposal goes back to the provider, who will contact you to agree the changes and propose again.</p>
      </ConfirmDialog>
      <ConfirmDialog
        title={`Cancel ${programme.title}?`}
        confirmLabel="Yes, cancel the programme"
        cancelLabel="Keep it"
        busy={cancelling}
        {...cancellation.dialog}
        error={reasonError ?? cancellation.dialog.error}
      >
        <TextArea label="Reason" hint="The provider and anyone enrolled will see it." name="reason" rows={3} value={reason} onChange={setReason} />
      </ConfirmDialog>
    </>
  );
}

function EnrolForm({ programme, outcome }: { programme: Programme; outcome: Outcome }) {
  const team = useQuery(TeamDocument, { variables: { id: programme.teamId } });
  const [chosen, setChosen] = useState<string[]>([]);
  const form = useMutationForm();
  const [enrol] = useMutation(EnrolMemberDocument, refetch);
  const placesLeft = Math.max(programme.maxGroupSize - programme.enrolledCount, 0);
  return (
    <QueryView result={team} loadingLabel="Loading the team">
      {({ team: { members } }) => {
        const enrolled = new Set(programme.enrolments.map((enrolment) => enrolment.userId));
        const candidates = members.filter((member) => !enrolled.has(member.userId));
        if (candidates.length === 0) return <p>Everyone in {programme.teamName ?? 'the team'} is enrolled.</p>;
        return (
          <Form
            id="enrol-members"
            errors={form.errors}
            onSubmit={() => {
              if (chosen.length === 0) return form.fail({ fieldProblems: [{ field: 'members', message: 'Choose at least one person to enrol.' }] });
              if (chosen.length > placesLeft) {
                return form.fail({
                  fieldProblems: [
                    { field: 'members', message: `You have chosen ${chosen.length} people, but only ${placesLeft} ${placesLeft === 1 ? 'place is' : 'places are'} left.` },
                  ],
                });
              }
              void form.send(async () => {
                const names: string[] = [];
                // One at a time: the API holds each enrolment to the capacity, and a refusal names who was not enrolled.
                for (const userId of chosen) {
                  await enrol({ variables: { input: { programmeId: programme.id, userId } } });
                  names.push(candidates.find((member) => member.userId === userId)?.displayName ?? 'Someone');
                  setChosen((current) => current.filter((id) => id !== userId));
                }
                outcome.success(`${names.join(', ')} ${names.length === 1 ? 'has' : 'have'} been enrolled.`);
              });
            }}
          >
            <Fieldset legend="Team members to enrol" name="members" hint={`${placesLeft} ${placesLeft === 1 ? 'place' : 'places'} left.`}>
              {candidates.map((member) => (
                <Checkbox
                  key={member.userId}
                  label={member.displayName}
                  name="members"
                  value={member.userId}
                  checked={chosen.includes(member.userId)}
                  onChange={(checked) => setChosen((current) => (checked ? [...current, member.userId] : current.filter((id) => id !== member.userId)))}
                />
              ))}
            </Fieldset>
            <Button type="submit" busy={form.busy}>
              Enrol
            </Button>
          </Form>
        );
      }}
    </QueryView>
  );
}

/** Why nobody can be enrolled now (the API's rule, said before anyone tries), or null when people can. */
function enrolmentClosed(programme: Programme): string | null {
  if (programme.status === 'REQUESTED' || programme.status === 'PROPOSED') return 'You can enrol people once you have accepted the proposal.';
  if (programme.status === 'ACTIVE' && programme.membership === 'CLOSED') return 'This is a closed group and its sessions have begun, so nobody new can join it.';
  if (programme.enrolledCount >= programme.maxGroupSize) return 'The group is full. Withdraw someone to make a place.';
  return null;
}

function Enrolments({ programme }: { programme: Programme }) {
  const outcome = useOutcome();
  const [withdraw, { loading }] = useMutation(WithdrawMemberDocument, refetch);
  const withdrawal = useConfirmation(async (enrolment: Enrolment) => {
    await withdraw({ variables: { input: { programmeId: programme.id, userId: enrolment.userId } } });
    outcome.success(`${enrolment.displayName} has been withdrawn.`);
  });
  const open = programme.status !== 'CANCELLED' && programme.status !== 'COMPLETED';
  const placesLeft = Math.max(programme.maxGroupSize - programme.enrolledCount, 0);
  const closedBecause = enrolmentClosed(programme);
  return (
    <Section title="People enrolled">
      {outcome.banner}
      <p>
        {programme.enrolledCount} enrolled, {placesLeft} {placesLeft === 1 ? 'place' : 'places'} left (at most {programme.maxGroupSize}).
      </p>
      {programme.enrolments.length === 0 ? (
        <EmptyState title="Nobody enrolled yet" headingLevel={3}>
          <p>{open ? 'Nobody from the team is enrolled in this programme yet.' : 'Nobody was enrolled.'}</p>
        </EmptyState>
      ) : (
        <Table
          caption={`People enrolled in ${programme.title}`}
          captionHidden
          rows={programme.enrolments}
          rowKey={(enrolment) => enrolment.userId}
          columns={[
            { key: 'name', header: 'Name', cell: (enrolment) => enrolment.displayName },
            { key: 'email', header: 'Email address', cell: (enrolment) => enrolment.email },
            { key: 'enrolled', header: 'Enrolled', cell: (enrolment) => <DateTime value={enrolment.enrolledAt} dateOnly /> },
            {
              key: 'agreement',
              header: 'Group agreement',
              cell: (enrolment) => (enrolment.agreementAcceptedAt ? <Tag tone="green">Accepted</Tag> : <Tag tone="amber">Not yet</Tag>),
            },
            {
              key: 'actions',
              header: 'Actions',
              cell: (enrolment) =>
                open ? (
                  <Button variant="secondary" onClick={() => withdrawal.ask(enrolment)}>
                    Withdraw<VisuallyHidden> {enrolment.displayName}</VisuallyHidden>
                  </Button>
                ) : (
                  '—'
                ),
            },
          ]}
        />
      )}
      {open ? (
        <Section title="Enrol people" headingLevel={3}>
          {closedBecause ? <p>{closedBecause}</p> : <EnrolForm programme={programme} outcome={outcome} />}
        </Section>
      ) : null}
      <ConfirmDialog title={`Withdraw ${withdrawal.target?.displayName ?? ''}?`} confirmLabel="Yes, withdraw" busy={loading} {...withdrawal.dialog}>
        <p>They will no longer be invited to this programme’s sessions.</p>
      </ConfirmDialog>
    </Section>
  );
}

/** One programme for an organisation admin: its details, schedule, facilitators, the decision waiting on them, and who is enrolled. */
export function ProgrammePage({ timeZone = viewerTimeZone() }: { timeZone?: string }) {
  const { id = '' } = useParams();
  const outcome = useOutcome();
  useLocationFlash(outcome);
  const result = useQuery(ProgrammeWithEnrolmentsDocument, { variables: { id, previewCount: PREVIEW_COUNT } });
  return (
    <QueryView result={result} loadingLabel="Loading the programme">
      {({ programme }) => (
        <Page
          title={programme.title}
          backLink={<Link href="/programmes">Back to programmes</Link>}
          lead={
            <>
              <Tag tone={programmeStatusLabel[programme.status].tone}>{programmeStatusLabel[programme.status].label}</Tag> Waiting on: {waitingOnLabel(programme.waitingOn)}
            </>
          }
        >
          {outcome.banner}
          <Decision programme={programme} outcome={outcome} />
          <Section title="Details">
            <Details programme={programme} />
          </Section>
          {HAS_SESSIONS.includes(programme.status) ? (
            <Section title="Sessions">
              <StoredSessions programme={programme} timeZone={timeZone} />
            </Section>
          ) : (
            <Section title={programme.status === 'PROPOSED' ? 'Proposed schedule' : 'Schedule'}>
              <SchedulePreview programme={programme} timeZone={timeZone} />
            </Section>
          )}
          <Section title="Facilitators">
            {programme.facilitators.length === 0 ? (
              <p>The provider has not chosen the facilitators yet.</p>
            ) : (
              <ul>
                {programme.facilitators.map((facilitator) => (
                  <li key={facilitator.userId}>
                    {facilitator.displayName}, {FACILITATOR_ROLE[facilitator.role].toLowerCase()}
                  </li>
                ))}
              </ul>
            )}
          </Section>
          <Enrolments programme={programme} />
          <OutcomeMeasuresSection programmeId={programme.id} timeZone={timeZone} />
          <ProgrammeOutcomesSection programmeId={programme.id} />
          <FeedbackResultsSection programmeId={programme.id} />
          <ProgrammeHistorySection programmeId={programme.id} />
        </Page>
      )}
    </QueryView>
  );
}

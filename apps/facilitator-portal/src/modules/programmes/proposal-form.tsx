import {
  graphQLErrorsOf,
  ProgrammeConflictsDocument,
  ProposeProgrammeDocument,
  type Cadence,
  type DeliveryMode,
  type FacilitatorFieldsFragment,
  type GroupMembership,
  type ProgrammeConflictFieldsFragment,
  type ProgrammeFieldsFragment,
  type ProgrammeProposalInput,
} from '@lena/graphql-client';
import { useApolloClient, useMutation } from '@lena/graphql-client/react';
import { DomainError, overrideReasonSchema, parseInput, programmeSchedule, proposeProgrammeSchema, type FieldProblem } from '@lena/domain';
import { useMutationForm } from '@lena/portal-kit';
import {
  Alert,
  Button,
  Checkbox,
  DatePickerField,
  Fieldset,
  Form,
  SelectField,
  Tag,
  TextArea,
  TextField,
  TimeField,
  TimeZoneField,
  viewerTimeZone,
  VisuallyHidden,
} from '@lena/ui';
import { useEffect, useMemo, useRef, useState } from 'react';
import { cadenceOptions, conflictKindLabel, deliveryModeLabel, membershipLabel, sessionTimeText } from './programme-labels.js';

/** The form's values as typed: numbers stay text until they are checked. */
interface Draft {
  title: string;
  leadFacilitatorId: string;
  coFacilitatorIds: string[];
  cadence: Cadence;
  numberOfSessions: string;
  startDate: string;
  startTimes: string[];
  sessionLengthMinutes: string;
  timeZone: string;
  deliveryMode: DeliveryMode;
  videoLink: string;
  location: string;
  minGroupSize: string;
  maxGroupSize: string;
  membership: GroupMembership;
}

/** The most start times a programme rotates among (the API refuses more). */
const MAX_START_TIMES = 3;

function draftFrom(programme: ProgrammeFieldsFragment): Draft {
  return {
    title: programme.title,
    leadFacilitatorId: programme.facilitators.find((facilitator) => facilitator.role === 'LEAD')?.userId ?? '',
    coFacilitatorIds: programme.facilitators.filter((facilitator) => facilitator.role === 'CO_FACILITATOR').map((facilitator) => facilitator.userId),
    cadence: programme.cadence ?? 'WEEKLY',
    numberOfSessions: String(programme.numberOfSessions),
    startDate: programme.startDate ?? '',
    startTimes: programme.startTimes.length ? [...programme.startTimes] : [''],
    sessionLengthMinutes: String(programme.sessionLengthMinutes),
    timeZone: programme.timeZone,
    deliveryMode: programme.deliveryMode,
    videoLink: programme.videoLink ?? '',
    location: programme.location ?? '',
    minGroupSize: String(programme.minGroupSize),
    maxGroupSize: String(programme.maxGroupSize),
    membership: programme.membership,
  };
}

/** Empty text is "not given" (NaN), which the domain's schema reports as "Enter the …". */
const whole = (text: string) => (text.trim() === '' ? Number.NaN : Number(text));

function inputFrom(programme: ProgrammeFieldsFragment, draft: Draft): ProgrammeProposalInput {
  return {
    programmeId: programme.id,
    serviceType: programme.serviceType,
    title: draft.title,
    leadFacilitatorId: draft.leadFacilitatorId,
    coFacilitatorIds: draft.coFacilitatorIds.filter((id) => id !== draft.leadFacilitatorId),
    cadence: draft.cadence,
    numberOfSessions: whole(draft.numberOfSessions),
    startDate: draft.startDate,
    startTimes: draft.startTimes,
    sessionLengthMinutes: whole(draft.sessionLengthMinutes),
    timeZone: draft.timeZone,
    deliveryMode: draft.deliveryMode,
    videoLink: draft.deliveryMode === 'IN_PERSON' ? null : draft.videoLink.trim() || null,
    location: draft.deliveryMode === 'ONLINE' ? null : draft.location.trim() || null,
    minGroupSize: whole(draft.minGroupSize),
    maxGroupSize: whole(draft.maxGroupSize),
    membership: draft.membership,
  };
}

function problemsOf(run: () => unknown): FieldProblem[] {
  try {
    run();
    return [];
  } catch (error) {
    if (error instanceof DomainError) return error.fieldProblems;
    throw error;
  }
}

/**
 * The same checks the API makes (the domain's schema, so the messages match), before anything is
 * sent: the live conflict check only asks about a proposal the API would take.
 */
export function proposalProblems(input: ProgrammeProposalInput): FieldProblem[] {
  const problems = problemsOf(() => parseInput(proposeProgrammeSchema, input)).filter((problem) => problem.field !== 'leadFacilitatorId');
  return input.leadFacilitatorId ? problems : [{ field: 'leadFacilitatorId', message: 'Choose the lead facilitator.' }, ...problems];
}

/** The conflicts a CONFLICT answer (to proposing, or to moving a session) carries in `extensions.conflicts`; null for any other error. */
export function refusedConflicts(error: unknown): ProgrammeConflictFieldsFragment[] | null {
  for (const graphQLError of graphQLErrorsOf(error)) {
    const conflicts = graphQLError.extensions?.conflicts;
    if (graphQLError.extensions?.code === 'CONFLICT' && Array.isArray(conflicts)) return conflicts as ProgrammeConflictFieldsFragment[];
  }
  return null;
}

type LiveCheck =
  { state: 'incomplete' } | { state: 'checking' } | { state: 'checked'; conflicts: readonly ProgrammeConflictFieldsFragment[] } | { state: 'failed'; message: string };

/**
 * Asks the API what the proposal would clash with, once the form has been still for `delayMs` and
 * whenever it changes after that. An answer to an older version of the form is dropped.
 */
function useLiveConflicts(input: ProgrammeProposalInput | null, delayMs: number): LiveCheck {
  const client = useApolloClient();
  const [check, setCheck] = useState<LiveCheck>({ state: 'incomplete' });
  const key = input ? JSON.stringify(input) : null;
  const latest = useRef<string | null>(null);

  useEffect(() => {
    latest.current = key;
    if (!key) {
      setCheck({ state: 'incomplete' });
      return;
    }
    setCheck({ state: 'checking' });
    const timer = setTimeout(() => {
      client
        .query({ query: ProgrammeConflictsDocument, variables: { input: JSON.parse(key) as ProgrammeProposalInput }, fetchPolicy: 'no-cache' })
        .then(({ data }) => {
          if (latest.current === key) setCheck({ state: 'checked', conflicts: data?.programmeConflicts ?? [] });
        })
        .catch(() => {
          if (latest.current === key) setCheck({ state: 'failed', message: 'We could not check the facilitators’ calendars just now. Proposing still checks them.' });
        });
    }, delayMs);
    return () => clearTimeout(timer);
  }, [client, key, delayMs]);

  return check;
}

export function ConflictList({ conflicts, timeZone, viewerZone }: { conflicts: readonly ProgrammeConflictFieldsFragment[]; timeZone: string; viewerZone: string }) {
  return (
    <ul className="lena-list" aria-label="Conflicts">
      {conflicts.map((conflict) => (
        <li key={`${conflict.sequence}-${conflict.facilitatorId}-${conflict.kind}-${conflict.clash?.startsAt ?? ''}`}>
          <Tag tone={conflict.kind === 'DOUBLE_BOOKING' ? 'red' : 'amber'}>{conflictKindLabel[conflict.kind]}</Tag>{' '}
          <strong>
            Session {conflict.sequence}, {conflict.facilitatorName}
          </strong>
          : {conflict.message}
          <br />
          <span className="lena-muted">
            Session {conflict.sequence} is {sessionTimeText(conflict.sessionStartsAt, conflict.sessionEndsAt, timeZone)}
            {viewerZone !== timeZone ? ` (${sessionTimeText(conflict.sessionStartsAt, conflict.sessionEndsAt, viewerZone)} your time)` : ''}.
          </span>
        </li>
      ))}
    </ul>
  );
}

function LiveConflicts({ check, timeZone, viewerZone }: { check: LiveCheck; timeZone: string; viewerZone: string }) {
  // A polite live region: screen reader users hear the outcome of each check as the form changes.
  return (
    <div aria-live="polite" aria-atomic="false" id="conflict-check">
      {check.state === 'incomplete' && <p>Complete the facilitators and schedule to check them for conflicts.</p>}
      {check.state === 'checking' && <p>Checking the facilitators’ calendars…</p>}
      {check.state === 'failed' && <Alert tone="warning">{check.message}</Alert>}
      {check.state === 'checked' && check.conflicts.length === 0 && (
        <Alert tone="success" title="No conflicts">
          Every facilitator is free and working for every session.
        </Alert>
      )}
      {check.state === 'checked' && check.conflicts.length > 0 && (
        <Alert tone="warning" title={`${check.conflicts.length} ${check.conflicts.length === 1 ? 'conflict' : 'conflicts'}`}>
          <ConflictList conflicts={check.conflicts} timeZone={timeZone} viewerZone={viewerZone} />
        </Alert>
      )}
    </div>
  );
}

function SessionPreview({ input, viewerZone }: { input: ProgrammeProposalInput; viewerZone: string }) {
  const sessions = useMemo(() => {
    try {
      return programmeSchedule({
        cadence: input.cadence,
        startDate: input.startDate,
        startTimes: input.startTimes,
        numberOfSessions: input.numberOfSessions,
        sessionLengthMinutes: input.sessionLengthMinutes,
        timeZone: input.timeZone,
      }).sessions;
    } catch {
      return null;
    }
  }, [input.cadence, input.startDate, input.startTimes, input.numberOfSessions, input.sessionLengthMinutes, input.timeZone]);
  if (!sessions) return <p>Complete the schedule to see its sessions.</p>;
  return (
    <>
      <p className="lena-muted">
        In the programme’s time zone, {input.timeZone}
        {viewerZone !== input.timeZone ? `, and in yours, ${viewerZone}` : ''}.
      </p>
      <ol className="lena-list" aria-label="Sessions">
        {sessions.map((session) => (
          <li key={session.sequence}>
            Session {session.sequence}: {sessionTimeText(session.startsAt, session.endsAt, input.timeZone)}
            {viewerZone !== input.timeZone ? <span className="lena-muted"> ({sessionTimeText(session.startsAt, session.endsAt, viewerZone)} your time)</span> : null}
          </li>
        ))}
      </ol>
    </>
  );
}

export interface ProposalFormProps {
  programme: ProgrammeFieldsFragment;
  facilitators: readonly FacilitatorFieldsFragment[];
  onProposed: (programme: ProgrammeFieldsFragment) => void;
  /** The zone times are also shown in; the browser's by default. */
  viewerZone?: string;
  /** How long the form must be still before its conflicts are checked. */
  conflictDelayMs?: number;
}

/**
 * A platform admin's proposal for a requested programme: facilitators, schedule, delivery and
 * group. The sessions it gives and what they clash with update as the form changes; a proposal
 * the API refuses for conflicts can be sent anyway with a reason, which the API audits.
 */
export function ProposalForm({ programme, facilitators, onProposed, viewerZone = viewerTimeZone(), conflictDelayMs = 400 }: ProposalFormProps) {
  const [draft, setDraft] = useState<Draft>(() => draftFrom(programme));
  const [refused, setRefused] = useState<readonly ProgrammeConflictFieldsFragment[] | null>(null);
  const [overrideReason, setOverrideReason] = useState('');
  const form = useMutationForm();
  const [propose] = useMutation(ProposeProgrammeDocument);

  const input = useMemo(() => inputFrom(programme, draft), [programme, draft]);
  const ready = useMemo(() => proposalProblems(input).length === 0, [input]);
  const live = useLiveConflicts(ready ? input : null, conflictDelayMs);

  const change = (values: Partial<Draft>) => {
    setDraft((current) => ({ ...current, ...values }));
    // A refusal was for the proposal as it was: a changed one must be checked again.
    setRefused(null);
  };
  const setStartTime = (index: number, value: string) => change({ startTimes: draft.startTimes.map((time, position) => (position === index ? value : time)) });

  const send = (reason: string | null) => {
    const problems = [
      ...proposalProblems(input),
      ...(reason === null ? [] : problemsOf(() => parseInput(overrideReasonSchema, reason)).map((problem) => ({ ...problem, field: 'overrideReason' }))),
    ];
    if (problems.length) return form.fail({ fieldProblems: problems });
    void form.send(
      async () => {
        const { data } = await propose({ variables: { input: { ...input, version: programme.version, overrideReason: reason?.trim() ?? null } } });
        if (data) onProposed(data.proposeProgramme);
      },
      (error) => setRefused(refusedConflicts(error)),
    );
  };

  const active = facilitators.filter((facilitator) => facilitator.active);
  const facilitatorLabel = (facilitator: FacilitatorFieldsFragment) =>
    facilitator.services.includes(programme.serviceType) ? facilitator.displayName : `${facilitator.displayName} (does not usually run ${programme.serviceType})`;
  const needsLink = draft.deliveryMode !== 'IN_PERSON';
  const needsPlace = draft.deliveryMode !== 'ONLINE';

  return (
    <Form id="proposal" errors={form.errors} onSubmit={() => send(null)} className="lena-form--wide">
      <Fieldset legend="Facilitators">
        <SelectField
          label="Lead facilitator"
          name="leadFacilitatorId"
          value={draft.leadFacilitatorId}
          onChange={(leadFacilitatorId) => change({ leadFacilitatorId, coFacilitatorIds: draft.coFacilitatorIds.filter((id) => id !== leadFacilitatorId) })}
          options={[{ value: '', label: 'Choose the lead facilitator' }, ...active.map((facilitator) => ({ value: facilitator.userId, label: facilitatorLabel(facilitator) }))]}
        />
        <Fieldset legend="Co-facilitators (optional)" name="coFacilitatorIds" hint="Each is checked for conflicts too.">
          {active
            .filter((facilitator) => facilitator.userId !== draft.leadFacilitatorId)
            .map((facilitator) => (
              <Checkbox
                key={facilitator.userId}
                name={`co-${facilitator.userId}`}
                label={facilitatorLabel(facilitator)}
                checked={draft.coFacilitatorIds.includes(facilitator.userId)}
                onChange={(checked) =>
                  change({ coFacilitatorIds: checked ? [...draft.coFacilitatorIds, facilitator.userId] : draft.coFacilitatorIds.filter((id) => id !== facilitator.userId) })
                }
              />
            ))}
        </Fieldset>
      </Fieldset>

      <Fieldset legend="Schedule">
        <DatePickerField
          label="First session"
          name="startDate"
          hint="The date in the programme’s time zone."
          value={draft.startDate}
          onChange={(startDate) => change({ startDate })}
        />
        <SelectField
          label="How often"
          name="cadence"
          value={draft.cadence}
          onChange={(cadence) => change({ cadence: cadence as Cadence })}
          options={cadenceOptions(draft.startDate)}
        />
        <TextField
          label="Number of sessions"
          name="numberOfSessions"
          inputMode="numeric"
          width="short"
          value={draft.numberOfSessions}
          onChange={(numberOfSessions) => change({ numberOfSessions })}
        />
        <Fieldset
          legend="Start times"
          name="startTimes"
          hint="One time, or up to three that the sessions take in turn (for example 08:00, 14:00 and 20:00), so staff on every shift can come to some."
        >
          {draft.startTimes.map((time, index) => (
            <div className="lena-inline-fields" key={index}>
              <TimeField label={`Start time ${index + 1}`} name={`startTimes.${index}`} value={time} onChange={(value) => setStartTime(index, value)} />
              {draft.startTimes.length > 1 && (
                <Button variant="secondary" onClick={() => change({ startTimes: draft.startTimes.filter((_, position) => position !== index) })}>
                  Remove<VisuallyHidden> start time {index + 1}</VisuallyHidden>
                </Button>
              )}
            </div>
          ))}
          {draft.startTimes.length < MAX_START_TIMES && (
            <Button variant="secondary" onClick={() => change({ startTimes: [...draft.startTimes, ''] })}>
              Add a rotating start time
            </Button>
          )}
        </Fieldset>
        <TextField
          label="Session length in minutes"
          name="sessionLengthMinutes"
          inputMode="numeric"
          width="short"
          value={draft.sessionLengthMinutes}
          onChange={(sessionLengthMinutes) => change({ sessionLengthMinutes })}
        />
        <TimeZoneField
          name="timeZone"
          hint="The sessions keep their local time in this zone across clock changes."
          value={draft.timeZone}
          onChange={(timeZone) => change({ timeZone })}
          ownZone={viewerZone}
        />
      </Fieldset>

      <section aria-labelledby="proposal-sessions-heading">
        <h2 id="proposal-sessions-heading">Sessions</h2>
        <SessionPreview input={input} viewerZone={viewerZone} />
      </section>
      <section aria-labelledby="proposal-conflicts-heading">
        <h2 id="proposal-conflicts-heading">Conflicts</h2>
        <LiveConflicts check={live} timeZone={input.timeZone} viewerZone={viewerZone} />
      </section>

      <Fieldset legend="Delivery">
        <SelectField
          label="How the group meets"
          name="deliveryMode"
          value={draft.deliveryMode}
          onChange={(deliveryMode) => change({ deliveryMode: deliveryMode as DeliveryMode })}
          options={(['ONLINE', 'IN_PERSON', 'HYBRID'] as const).map((value) => ({ value, label: deliveryModeLabel[value] }))}
        />
        {needsLink && (
          <TextField
            label="Video link"
            name="videoLink"
            type="url"
            hint="A full address starting https://"
            value={draft.videoLink}
            onChange={(videoLink) => change({ videoLink })}
          />
        )}
        {needsPlace && <TextField label="Location" name="location" value={draft.location} onChange={(location) => change({ location })} />}
      </Fieldset>

      <Fieldset legend="Group">
        <div className="lena-inline-fields">
          <TextField
            label="Smallest group"
            name="minGroupSize"
            inputMode="numeric"
            width="short"
            value={draft.minGroupSize}
            onChange={(minGroupSize) => change({ minGroupSize })}
          />
          <TextField label="Largest group" name="maxGroupSize" inputMode="numeric" width="short" value={draft.maxGroupSize} onChange={(maxGroupSize) => change({ maxGroupSize })} />
        </div>
        <SelectField
          label="Membership"
          name="membership"
          value={draft.membership}
          onChange={(membership) => change({ membership: membership as GroupMembership })}
          options={(['CLOSED', 'OPEN'] as const).map((value) => ({ value, label: membershipLabel[value] }))}
        />
        <TextField label="Title" name="title" hint="As the organisation and participants see it." value={draft.title} onChange={(title) => change({ title })} />
      </Fieldset>

      {refused && refused.length > 0 ? (
        <section aria-labelledby="proposal-override-heading">
          <h2 id="proposal-override-heading">Propose despite the conflicts?</h2>
          <p>The facilitators are not free for every session. Change the schedule or facilitators above, or propose anyway and say why. The reason is recorded in the audit log.</p>
          <ConflictList conflicts={refused} timeZone={input.timeZone} viewerZone={viewerZone} />
          <TextArea label="Reason for proposing anyway" name="overrideReason" rows={3} value={overrideReason} onChange={setOverrideReason} />
          <div className="lena-button-group">
            <Button busy={form.busy} onClick={() => send(overrideReason)}>
              Propose anyway
            </Button>
          </div>
        </section>
      ) : (
        <div className="lena-button-group">
          <Button type="submit" busy={form.busy}>
            Propose to the organisation
          </Button>
        </div>
      )}
    </Form>
  );
}

import { AddMyTimeOffDocument, MyAvailabilityDocument, RemoveMyTimeOffDocument, SetMyWorkingHoursDocument, type AvailabilityFieldsFragment } from '@lena/graphql-client';
import { useMutation, useQuery } from '@lena/graphql-client/react';
import { QueryView, useConfirmation, useMutationForm } from '@lena/portal-kit';
import {
  Button,
  ConfirmDialog,
  DatePickerField,
  DateTime,
  EmptyState,
  Fieldset,
  Form,
  Page,
  requireValues,
  Section,
  Table,
  TextField,
  TimeField,
  TimeZoneField,
  useOutcome,
  viewerTimeZone,
  VisuallyHidden,
  type Outcome,
} from '@lena/ui';
import { useState } from 'react';

type TimeOffRow = AvailabilityFieldsFragment['timeOff'][number];

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;

/** A span being edited; `key` keeps React's inputs steady while spans are added and removed. */
interface SpanDraft {
  key: number;
  isoWeekday: number;
  startsLocal: string;
  endsLocal: string;
}

let nextKey = 0;
const draft = (isoWeekday: number, startsLocal = '09:00', endsLocal = '17:00'): SpanDraft => ({ key: (nextKey += 1), isoWeekday, startsLocal, endsLocal });

/**
 * The whole week in one form. Inputs are named after the span's place in the list the API
 * receives (`spans.3.startsLocal`), so its field problems land beside the right input.
 */
function WorkingWeekForm({ availability }: { availability: AvailabilityFieldsFragment }) {
  const [timeZone, setTimeZone] = useState(availability.timeZone);
  const [spans, setSpans] = useState<SpanDraft[]>(() => availability.workingHours.map((span) => draft(span.isoWeekday, span.startsLocal, span.endsLocal)));
  const saved = useOutcome();
  const form = useMutationForm();
  const [save] = useMutation(SetMyWorkingHoursDocument);

  const change = (key: number, values: Partial<SpanDraft>) => setSpans((current) => current.map((span) => (span.key === key ? { ...span, ...values } : span)));

  return (
    <Form
      id="working-week"
      errors={form.errors}
      onSubmit={() => {
        const missing = requireValues([['timeZone', timeZone, 'Choose your time zone.']]);
        if (missing) return form.fail(missing);
        void form.send(async () => {
          await save({
            variables: { input: { timeZone, spans: spans.map(({ isoWeekday, startsLocal, endsLocal }) => ({ isoWeekday, startsLocal, endsLocal })) } },
          });
          saved.success('Your working week has been saved.');
        });
      }}
    >
      {saved.banner}
      <TimeZoneField
        name="timeZone"
        hint="The zone your hours below are in. Sessions are shown to you in your browser’s zone."
        value={timeZone}
        onChange={setTimeZone}
        ownZone={viewerTimeZone()}
      />
      {WEEKDAYS.map((day, index) => {
        const isoWeekday = index + 1;
        const daySpans = spans.map((span, position) => ({ span, position })).filter(({ span }) => span.isoWeekday === isoWeekday);
        return (
          <Fieldset key={day} legend={day} name={`day-${isoWeekday}`} hint={daySpans.length ? undefined : 'Not working.'}>
            {daySpans.map(({ span, position }) => (
              <div className="lena-inline-fields" key={span.key}>
                <TimeField
                  label={
                    <>
                      From<VisuallyHidden> ({day})</VisuallyHidden>
                    </>
                  }
                  name={`spans.${position}.startsLocal`}
                  value={span.startsLocal}
                  onChange={(value) => change(span.key, { startsLocal: value })}
                />
                <TimeField
                  label={
                    <>
                      Until<VisuallyHidden> ({day})</VisuallyHidden>
                    </>
                  }
                  name={`spans.${position}.endsLocal`}
                  value={span.endsLocal}
                  onChange={(value) => change(span.key, { endsLocal: value })}
                />
                <Button variant="secondary" onClick={() => setSpans((current) => current.filter((candidate) => candidate.key !== span.key))}>
                  Remove
                  <VisuallyHidden>
                    {' '}
                    {day} {span.startsLocal} to {span.endsLocal}
                  </VisuallyHidden>
                </Button>
              </div>
            ))}
            <Button variant="secondary" onClick={() => setSpans((current) => [...current, draft(isoWeekday)])}>
              Add hours<VisuallyHidden> on {day}</VisuallyHidden>
            </Button>
          </Fieldset>
        );
      })}
      <div className="lena-button-group">
        <Button type="submit" busy={form.busy}>
          Save working week
        </Button>
      </div>
    </Form>
  );
}

/** The date picker gives a wall-clock time in the viewer's zone; the API wants an instant. */
function toInstant(local: string): string {
  const date = new Date(local);
  return Number.isNaN(date.getTime()) ? local : date.toISOString();
}

function AddTimeOffForm({ outcome }: { outcome: Outcome }) {
  const [startsAt, setStartsAt] = useState('');
  const [endsAt, setEndsAt] = useState('');
  const [note, setNote] = useState('');
  const form = useMutationForm();
  const [add] = useMutation(AddMyTimeOffDocument);

  return (
    <Form
      id="time-off"
      errors={form.errors}
      onSubmit={() => {
        const missing = requireValues([
          ['startsAt', startsAt, 'Enter when your time off starts.'],
          ['endsAt', endsAt, 'Enter when your time off ends.'],
        ]);
        if (missing) return form.fail(missing);
        void form.send(async () => {
          await add({ variables: { input: { startsAt: toInstant(startsAt), endsAt: toInstant(endsAt), note: note.trim() } } });
          setStartsAt('');
          setEndsAt('');
          setNote('');
          outcome.success('Your time off has been added.');
        });
      }}
    >
      <div className="lena-inline-fields">
        <DatePickerField withTime label="From" name="startsAt" hint="In your browser’s time zone." value={startsAt} onChange={setStartsAt} />
        <DatePickerField withTime label="Until" name="endsAt" value={endsAt} onChange={setEndsAt} />
      </div>
      <TextField label="Note (optional)" name="note" hint="For example “Annual leave”. Only you and Lena’s team see it." value={note} onChange={setNote} />
      <div className="lena-button-group">
        <Button type="submit" busy={form.busy}>
          Add time off
        </Button>
      </div>
    </Form>
  );
}

function TimeOffList({ timeOff }: { timeOff: readonly TimeOffRow[] }) {
  const outcome = useOutcome();
  const [remove, { loading }] = useMutation(RemoveMyTimeOffDocument);
  const removal = useConfirmation(async (span: TimeOffRow) => {
    await remove({ variables: { id: span.id } });
    outcome.success('That time off has been removed.');
  });

  return (
    <>
      {outcome.banner}
      {timeOff.length === 0 ? (
        <EmptyState title="No time off booked" headingLevel={3}>
          <p>Add leave or other time away below, and no session will be proposed then.</p>
        </EmptyState>
      ) : (
        <Table
          caption="Your time off to come"
          captionHidden
          rows={timeOff}
          rowKey={(span) => span.id}
          columns={[
            { key: 'from', header: 'From', cell: (span) => <DateTime value={span.startsAt} /> },
            { key: 'until', header: 'Until', cell: (span) => <DateTime value={span.endsAt} /> },
            { key: 'note', header: 'Note', cell: (span) => span.note || '—' },
            {
              key: 'actions',
              header: 'Actions',
              cell: (span) => (
                <Button variant="secondary" onClick={() => removal.ask(span)}>
                  Remove<VisuallyHidden> this time off</VisuallyHidden>
                </Button>
              ),
            },
          ]}
        />
      )}
      <h3>Add time off</h3>
      <AddTimeOffForm outcome={outcome} />
      <ConfirmDialog title="Remove this time off?" confirmLabel="Yes, remove it" busy={loading} {...removal.dialog}>
        <p>Sessions may then be proposed during that time.</p>
      </ConfirmDialog>
    </>
  );
}

export function AvailabilityPage() {
  const result = useQuery(MyAvailabilityDocument);
  return (
    <Page title="Your availability" lead="Lena’s team proposes sessions only within your working week and never during your time off.">
      <QueryView result={result} loadingLabel="Loading your availability">
        {({ myAvailability }) => (
          <>
            <Section title="Your working week">
              <WorkingWeekForm availability={myAvailability} />
            </Section>
            <Section title="Time off">
              <TimeOffList timeOff={myAvailability.timeOff} />
            </Section>
          </>
        )}
      </QueryView>
    </Page>
  );
}

import { ReminderSettingsDocument, SetReminderOffsetsDocument } from '@lena/graphql-client';
import { useMutation, useQuery } from '@lena/graphql-client/react';
import { QueryView, useMutationForm } from '@lena/portal-kit';
import { Button, Checkbox, Fieldset, Form, Section, useOutcome } from '@lena/ui';
import { useState } from 'react';

/** The notice people choose from, largest first; the API takes any whole number of minutes from 5 to two weeks. */
export const REMINDER_CHOICES: readonly { minutes: number; label: string }[] = [
  { minutes: 2 * 24 * 60, label: 'Two days before' },
  { minutes: 24 * 60, label: 'A day before' },
  { minutes: 2 * 60, label: 'Two hours before' },
  { minutes: 60, label: 'An hour before' },
  { minutes: 15, label: 'Fifteen minutes before' },
];

const MOST = 3;

/** The choices, with any time saved that is not among them (set another way) kept, so saving never drops it unseen. */
export function reminderChoices(saved: readonly number[]): { minutes: number; label: string }[] {
  const others = saved.filter((minutes) => !REMINDER_CHOICES.some((choice) => choice.minutes === minutes)).map((minutes) => ({ minutes, label: `${minutes} minutes before` }));
  return [...REMINDER_CHOICES, ...others].sort((a, b) => b.minutes - a.minutes);
}

function ReminderForm({ saved }: { saved: readonly number[] }) {
  const [chosen, setChosen] = useState<number[]>([...saved]);
  const [choices] = useState(() => reminderChoices(saved));
  const form = useMutationForm();
  const outcome = useOutcome();
  const [save] = useMutation(SetReminderOffsetsDocument);
  const toggle = (minutes: number, on: boolean) => setChosen((current) => (on ? [...current, minutes] : current.filter((value) => value !== minutes)));

  return (
    <Form
      id="reminders"
      errors={form.errors}
      onSubmit={() => {
        if (chosen.length > MOST) return form.fail({ fieldProblems: [{ field: 'offsetsMinutes', message: `Choose at most ${MOST} reminders.` }] });
        void form.send(async () => {
          await save({ variables: { offsetsMinutes: chosen } });
          outcome.success(chosen.length === 0 ? 'Nobody will be reminded of sessions by Lena.' : 'The reminders have been saved for every session to come.');
        });
      }}
    >
      {outcome.banner}
      <Fieldset
        legend="When should people be reminded of each session?"
        name="offsetsMinutes"
        hint={`Participants and facilitators get an email at each time you tick, up to ${MOST}. Choose none if your organisation sends its own.`}
      >
        {choices.map((choice) => (
          <Checkbox
            key={choice.minutes}
            name="offsetsMinutes"
            value={String(choice.minutes)}
            label={choice.label}
            checked={chosen.includes(choice.minutes)}
            onChange={(on) => toggle(choice.minutes, on)}
          />
        ))}
      </Fieldset>
      <div className="lena-button-group">
        <Button type="submit" busy={form.busy}>
          Save reminders
        </Button>
      </div>
    </Form>
  );
}

/** The organisation's reminder setting, for its admins. */
export function ReminderSettings() {
  const result = useQuery(ReminderSettingsDocument);
  return (
    <Section title="Reminders">
      <QueryView result={result} loadingLabel="Loading the reminders">
        {({ viewer }) => (viewer?.tenant ? <ReminderForm saved={viewer.tenant.reminderOffsetsMinutes} /> : <p>Reminders are set by each organisation’s admins.</p>)}
      </QueryView>
    </Section>
  );
}

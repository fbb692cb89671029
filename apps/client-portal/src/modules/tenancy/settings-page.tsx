import { OrganisationSettingsDocument, UpdateOrganisationSettingsDocument, type OrganisationSettingsFieldsFragment } from '@lena/graphql-client';
import { useMutation, useQuery } from '@lena/graphql-client/react';
import { QueryView, useMutationForm } from '@lena/portal-kit';
import { Button, Checkbox, Fieldset, Form, Page, TextField, useOutcome } from '@lena/ui';
import { useState } from 'react';

type Settings = OrganisationSettingsFieldsFragment;
type NumberField = 'feedbackWindowDays' | 'feedbackReminderAfterHours' | 'commentThreshold' | 'noteRetentionMonths';

const NUMBER_LABELS: Record<NumberField, string> = {
  feedbackWindowDays: 'the feedback window',
  feedbackReminderAfterHours: 'the reminder delay',
  commentThreshold: 'the comment threshold',
  noteRetentionMonths: 'how long notes are kept',
};

function SettingsForm({ saved }: { saved: Settings }) {
  const [values, setValues] = useState<Record<NumberField, string>>({
    feedbackWindowDays: String(saved.feedbackWindowDays),
    feedbackReminderAfterHours: String(saved.feedbackReminderAfterHours),
    commentThreshold: String(saved.commentThreshold),
    noteRetentionMonths: String(saved.noteRetentionMonths),
  });
  const [grpCommentsEnabled, setGrpCommentsEnabled] = useState(saved.grpCommentsEnabled);
  const form = useMutationForm();
  const outcome = useOutcome();
  const [save] = useMutation(UpdateOrganisationSettingsDocument);
  const set = (field: NumberField) => (value: string) => setValues((current) => ({ ...current, [field]: value }));
  const numberProps = (field: NumberField) => ({ name: field, value: values[field], onChange: set(field), inputMode: 'numeric' as const, width: 'short' as const });

  return (
    <Form
      id="organisation-settings"
      errors={form.errors}
      onSubmit={() => {
        // Whole numbers only; the API checks every bound and says which field is wrong.
        const numbers = Object.fromEntries(Object.entries(values).map(([field, text]) => [field, /^\d+$/.test(text.trim()) ? Number(text.trim()) : null])) as Record<
          NumberField,
          number | null
        >;
        const missing = (Object.keys(numbers) as NumberField[]).filter((field) => numbers[field] === null);
        if (missing.length > 0) {
          return form.fail({ fieldProblems: missing.map((field) => ({ field, message: `Enter ${NUMBER_LABELS[field]} as a whole number.` })) });
        }
        void form.send(async () => {
          await save({ variables: { input: { ...(numbers as Record<NumberField, number>), grpCommentsEnabled } } });
          outcome.success('Your organisation’s settings have been saved.');
        });
      }}
    >
      {outcome.banner}
      <Fieldset legend="Feedback after each session">
        <TextField
          {...numberProps('feedbackWindowDays')}
          label="Days feedback stays open"
          hint="Attendees can answer for this many days after their session (1 to 30). Applies to sessions delivered from now on."
        />
        <TextField
          {...numberProps('feedbackReminderAfterHours')}
          label="Hours before a reminder"
          hint="Those who have not answered are reminded once, this many hours after the session. It must be before feedback closes."
        />
      </Fieldset>
      <Fieldset legend="Comments">
        <Checkbox
          name="grpCommentsEnabled"
          label="Show comments on Group Reflective Practice"
          hint="Off by default: reflective practice is the more exposed space. Comments on Group Therapeutic Support are always shown once enough people answered."
          checked={grpCommentsEnabled}
          onChange={setGrpCommentsEnabled}
        />
        <TextField {...numberProps('commentThreshold')} label="Responses needed before comments are shown" hint="At least 10, so that nobody’s words can be traced back to them." />
      </Fieldset>
      <Fieldset legend="Session notes">
        <TextField
          {...numberProps('noteRetentionMonths')}
          label="Months to keep session notes"
          hint="Facilitators’ notes are erased this many months after their session (1 to 84)."
        />
      </Fieldset>
      <p className="lena-muted">
        Figures are shown only for groups of at least {saved.minGroupSize} people, and results update after every {saved.minGroupSize} new responses. The provider sets this number;
        it is never below 5.
      </p>
      <div className="lena-button-group">
        <Button type="submit" busy={form.busy}>
          Save settings
        </Button>
      </div>
    </Form>
  );
}

/** The organisation's feedback and note-retention settings, for its admins. */
export function SettingsPage() {
  const result = useQuery(OrganisationSettingsDocument);
  return (
    <Page title="Settings" lead="How your organisation collects feedback and keeps session notes.">
      <QueryView result={result} loadingLabel="Loading your organisation’s settings">
        {({ organisationSettings }) => <SettingsForm saved={organisationSettings} />}
      </QueryView>
    </Page>
  );
}

import { AddTenantInstrumentDocument, OutcomeInstrumentsDocument, TenantsDocument, type OutcomeInstrumentFieldsFragment } from '@lena/graphql-client';
import { useMutation, useQuery } from '@lena/graphql-client/react';
import { QueryView, useMutationForm } from '@lena/portal-kit';
import { Button, Checkbox, Form, Page, Section, SelectField, Table, Tag, TextArea, TextField, useOutcome } from '@lena/ui';
import { useState } from 'react';
import { instrumentInput, keyFrom, type InstrumentDraft } from './instrument-draft.js';

type Instrument = OutcomeInstrumentFieldsFragment;

const EMPTY_DRAFT: InstrumentDraft = {
  key: '',
  title: '',
  instructions: '',
  holder: '',
  terms: '',
  attribution: '',
  wordingMayChange: true,
  choices: '',
  items: '',
  scores: '',
  direction: 'HIGHER_IS_BETTER',
};

function kindOf(instrument: Instrument) {
  if (instrument.licenceOnly) return <Tag tone="amber">Licence only</Tag>;
  if (instrument.tenantSpecific) return <Tag tone="blue">The organisation’s own</Tag>;
  return <Tag tone="neutral">Platform</Tag>;
}

function InstrumentTable({ instruments, tenantChosen }: { instruments: readonly Instrument[]; tenantChosen: boolean }) {
  return (
    <Table
      caption="Outcome instruments"
      captionHidden
      rows={instruments}
      rowKey={(instrument) => instrument.key}
      columns={[
        { key: 'title', header: 'Instrument', cell: (instrument) => instrument.title },
        { key: 'version', header: 'Version', cell: (instrument) => String(instrument.version) },
        { key: 'kind', header: 'Kind', cell: kindOf },
        { key: 'items', header: 'Items', cell: (instrument) => (instrument.licenceOnly ? '—' : String(instrument.itemCount)) },
        {
          key: 'licence',
          header: 'Licence',
          cell: (instrument) => (
            <>
              {instrument.licence.holder}: {instrument.licence.terms}
              {instrument.licence.tenantMustConfirm
                ? tenantChosen
                  ? instrument.confirmation
                    ? ` Confirmed by ${instrument.confirmation.confirmedByName ?? 'a former admin'}.`
                    : ' Not yet confirmed by the organisation.'
                  : ' Each organisation confirms it first.'
                : null}
            </>
          ),
        },
      ]}
    />
  );
}

function AddInstrumentForm({ tenantId, tenantName }: { tenantId: string; tenantName: string }) {
  const [draft, setDraft] = useState<InstrumentDraft>(EMPTY_DRAFT);
  const [keyEdited, setKeyEdited] = useState(false);
  const form = useMutationForm();
  const outcome = useOutcome();
  const [add] = useMutation(AddTenantInstrumentDocument, { refetchQueries: [OutcomeInstrumentsDocument], awaitRefetchQueries: true });
  const set =
    <K extends keyof InstrumentDraft>(field: K) =>
    (value: InstrumentDraft[K]) =>
      setDraft((current) => ({ ...current, [field]: value }));

  return (
    <Form
      id="add-instrument"
      errors={form.errors}
      onSubmit={() => {
        const result = instrumentInput(tenantId, draft);
        if ('problems' in result) return form.fail({ fieldProblems: result.problems });
        void form.send(async () => {
          await add({ variables: { input: result.input } });
          outcome.success(`${result.input.title} has been added for ${tenantName}. Its admins can now choose it for their programmes.`);
          setDraft(EMPTY_DRAFT);
          setKeyEdited(false);
        });
      }}
    >
      {outcome.banner}
      <TextField
        label="Title"
        name="title"
        value={draft.title}
        onChange={(value) => {
          setDraft((current) => ({ ...current, title: value, key: keyEdited ? current.key : keyFrom(value) }));
        }}
      />
      <TextField
        label="Key"
        name="key"
        width="medium"
        spellCheck={false}
        autoCapitalize="none"
        hint="Names the instrument in every version and report. Lower-case letters, digits and hyphens."
        value={draft.key}
        onChange={(value) => {
          setKeyEdited(true);
          set('key')(value);
        }}
      />
      <TextArea label="Instructions for respondents" name="instructions" rows={2} value={draft.instructions} onChange={set('instructions')} />
      <TextArea
        label="Answer choices"
        name="choices"
        rows={5}
        hint="One a line, from the lowest to the highest: they score 1, 2, 3 and so on."
        value={draft.choices}
        onChange={set('choices')}
      />
      <TextArea
        label="Items"
        name="items"
        rows={8}
        hint="One question or statement a line, in the order asked. Start a line with (R) to score it the other way round."
        value={draft.items}
        onChange={set('items')}
      />
      <TextArea
        label="Scores"
        name="scores"
        rows={3}
        hint="One a line, as its title, a colon and its item numbers, like “Support: 1, 2, 4”. Leave empty for one score over every item. Each score is the mean of its answered items."
        value={draft.scores}
        onChange={set('scores')}
      />
      <SelectField
        label="A higher score means"
        name="direction"
        value={draft.direction}
        onChange={(value) => set('direction')(value === 'HIGHER_IS_WORSE' ? 'HIGHER_IS_WORSE' : 'HIGHER_IS_BETTER')}
        options={[
          { value: 'HIGHER_IS_BETTER', label: 'People are doing better' },
          { value: 'HIGHER_IS_WORSE', label: 'People are doing worse' },
        ]}
      />
      <TextField label="Licence holder" name="licence.holder" value={draft.holder} onChange={set('holder')} />
      <TextArea label="Licence terms" name="licence.terms" rows={2} value={draft.terms} onChange={set('terms')} />
      <TextField
        label="Attribution (optional)"
        name="licence.attribution"
        hint="Shown beside the instrument and its results."
        value={draft.attribution}
        onChange={set('attribution')}
      />
      <Checkbox name="licence.wordingMayChange" label="Its wording may be adapted" checked={draft.wordingMayChange} onChange={set('wordingMayChange')} />
      <div className="lena-button-group">
        <Button type="submit" busy={form.busy}>
          Add instrument
        </Button>
      </div>
    </Form>
  );
}

/** Outcome instruments for platform admins: the platform's, and each organisation's own, with a form to add one. */
export function InstrumentsPage() {
  const [tenantId, setTenantId] = useState('');
  const tenants = useQuery(TenantsDocument);
  const instruments = useQuery(OutcomeInstrumentsDocument, { variables: { tenantId: tenantId || null } });
  const tenantName = tenants.data?.tenants.find((tenant) => tenant.id === tenantId)?.name ?? '';

  return (
    <Page title="Outcome instruments" lead="The questionnaires programmes can ask before, during and after their sessions. A version that has been answered never changes.">
      <SelectField
        label="Organisation"
        name="tenantId"
        hint="Shows that organisation’s own instruments and its licence confirmations beside the platform’s."
        value={tenantId}
        onChange={setTenantId}
        options={[{ value: '', label: 'The platform’s instruments only' }, ...(tenants.data?.tenants ?? []).map((tenant) => ({ value: tenant.id, label: tenant.name }))]}
      />
      <QueryView result={instruments} loadingLabel="Loading the instruments">
        {({ outcomeInstruments }) => <InstrumentTable instruments={outcomeInstruments} tenantChosen={tenantId !== ''} />}
      </QueryView>
      {tenantId ? (
        <Section title={`Add an instrument for ${tenantName}`}>
          <AddInstrumentForm key={tenantId} tenantId={tenantId} tenantName={tenantName} />
        </Section>
      ) : (
        <p>Choose an organisation to add an instrument of its own.</p>
      )}
    </Page>
  );
}

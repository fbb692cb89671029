import {
  ConfirmInstrumentLicenceDocument,
  OutcomeInstrumentsDocument,
  ProgrammeOutcomePlanDocument,
  SetProgrammeOutcomePlanDocument,
  type MeasurementPoint,
  type OutcomeInstrumentFieldsFragment,
  type ProgrammeOutcomePlanFieldsFragment,
} from '@lena/graphql-client';
import { useMutation, useQuery } from '@lena/graphql-client/react';
import { QueryView, useMutationForm } from '@lena/portal-kit';
import { Button, Checkbox, Fieldset, Form, formatDateTime, Section, SelectField, Tag, useOutcome, type Outcome } from '@lena/ui';
import { useState } from 'react';

type Instrument = OutcomeInstrumentFieldsFragment;
type Plan = ProgrammeOutcomePlanFieldsFragment;

export const MEASUREMENT_POINT_LABEL: Record<MeasurementPoint, string> = {
  BASELINE: 'Baseline (before the first session)',
  MIDPOINT: 'Midpoint',
  FINAL: 'Final (after the last session)',
  FOLLOW_UP: 'Follow-up',
};

const FOLLOW_UP_CHOICES = [
  { value: '', label: 'No follow-up' },
  { value: '1', label: '1 month after the last session' },
  { value: '3', label: '3 months after the last session' },
  { value: '6', label: '6 months after the last session' },
  { value: '12', label: '12 months after the last session' },
];

/** A programme that has ended keeps the plan it had: its measures have been asked. */
const SETTLED = ['COMPLETED', 'CANCELLED'];

/** When each measure is asked, in the viewer's zone. */
function Schedule({ plan, timeZone }: { plan: Plan; timeZone: string }) {
  if (!plan.windows) return <p>The dates follow once the programme’s sessions are arranged.</p>;
  return (
    <>
      <p>Times are in {timeZone}, your time zone. Each measure is sent when it opens; answers count until it closes.</p>
      <ul className="lena-schedule">
        {plan.windows.map((window) => (
          <li key={window.point}>
            {MEASUREMENT_POINT_LABEL[window.point]}: {formatDateTime(window.opensAt, { timeZone })} to {formatDateTime(window.closesAt, { timeZone })}
          </li>
        ))}
      </ul>
    </>
  );
}

/** The licence of one instrument, as the organisation should read it before choosing it. */
function LicenceTerms({ instrument }: { instrument: Instrument }) {
  return (
    <>
      {instrument.licence.terms} Licence holder: {instrument.licence.holder}.{instrument.licence.wordingMayChange ? null : ' Its wording is shown exactly as published.'}
      {instrument.licence.attribution ? <span className="lena-muted"> {instrument.licence.attribution}</span> : null}
    </>
  );
}

/** An instrument whose licence the organisation must accept first: the terms, and the one button that accepts them. */
function LicenceConfirmation({ instrument, outcome }: { instrument: Instrument; outcome: Outcome }) {
  const [confirm, { loading }] = useMutation(ConfirmInstrumentLicenceDocument, { refetchQueries: [OutcomeInstrumentsDocument], awaitRefetchQueries: true });
  return (
    <div className="lena-licence">
      <p>
        <strong>{instrument.title}</strong> may be used once your organisation accepts its licence terms: <LicenceTerms instrument={instrument} />
      </p>
      <Button
        variant="secondary"
        busy={loading}
        onClick={() =>
          void confirm({ variables: { instrumentKey: instrument.key } }).then(
            () => outcome.success(`Your organisation has accepted the licence terms of ${instrument.title}.`),
            () => outcome.error('The licence could not be confirmed. Please try again.'),
          )
        }
      >
        Accept the licence terms of {instrument.title}
      </Button>
    </div>
  );
}

function PlanForm({ programmeId, plan, instruments }: { programmeId: string; plan: Plan | null; instruments: readonly Instrument[] }) {
  const [chosen, setChosen] = useState<string[]>(plan ? plan.instruments.map((instrument) => instrument.key) : []);
  const [midpoint, setMidpoint] = useState(plan?.midpoint ?? false);
  const [followUp, setFollowUp] = useState(plan?.followUpMonths ? String(plan.followUpMonths) : '');
  const form = useMutationForm();
  const outcome = useOutcome();
  const [save] = useMutation(SetProgrammeOutcomePlanDocument, { refetchQueries: [ProgrammeOutcomePlanDocument], awaitRefetchQueries: true });
  const toggle = (key: string, on: boolean) => setChosen((current) => (on ? [...current, key] : current.filter((value) => value !== key)));
  const needsConfirmation = instruments.filter((instrument) => !instrument.usable);

  return (
    <>
      {/* One banner for the whole section: a confirmed licence's notice outlives its (then gone) button. */}
      {outcome.banner}
      {needsConfirmation.map((instrument) => (
        <LicenceConfirmation key={instrument.key} instrument={instrument} outcome={outcome} />
      ))}
      <Form
        id="outcome-plan"
        errors={form.errors}
        onSubmit={() => {
          if (chosen.length === 0) return form.fail({ fieldProblems: [{ field: 'instrumentKeys', message: 'Choose at least one instrument.' }] });
          void form.send(async () => {
            await save({ variables: { input: { programmeId, instrumentKeys: chosen, midpoint, followUpMonths: followUp ? Number(followUp) : null } } });
            outcome.success('The outcome measures have been saved.');
          });
        }}
      >
        <Fieldset
          legend="Which questionnaires should participants answer?"
          name="instrumentKeys"
          hint="Everyone is asked before the first session and after the last. Choose up to three."
        >
          {instruments.map((instrument) => (
            <Checkbox
              key={instrument.key}
              name="instrumentKeys"
              value={instrument.key}
              label={
                <>
                  {instrument.title}
                  {instrument.tenantSpecific ? (
                    <>
                      {' '}
                      <Tag tone="blue">Your organisation’s own</Tag>
                    </>
                  ) : null}
                </>
              }
              hint={<LicenceTerms instrument={instrument} />}
              checked={chosen.includes(instrument.key)}
              disabled={!instrument.usable}
              onChange={(on) => toggle(instrument.key, on)}
            />
          ))}
        </Fieldset>
        <Checkbox name="midpoint" label="Also ask halfway through the programme" hint="Needs at least three sessions." checked={midpoint} onChange={setMidpoint} />
        <SelectField label="Follow-up" name="followUpMonths" value={followUp} onChange={setFollowUp} options={FOLLOW_UP_CHOICES} />
        <div className="lena-button-group">
          <Button type="submit" busy={form.busy}>
            Save outcome measures
          </Button>
        </div>
      </Form>
    </>
  );
}

/** A programme's outcome measures, for its organisation's admins: what is asked, when, and the form to choose. */
export function OutcomeMeasuresSection({ programmeId, timeZone }: { programmeId: string; timeZone: string }) {
  const planResult = useQuery(ProgrammeOutcomePlanDocument, { variables: { id: programmeId } });
  const instrumentsResult = useQuery(OutcomeInstrumentsDocument, { variables: {} });
  return (
    <Section title="Outcome measures">
      <QueryView result={planResult} loadingLabel="Loading the outcome measures">
        {({ programme }) => (
          <>
            {programme.outcomePlan ? (
              <>
                <p>
                  Asked: {programme.outcomePlan.instruments.map((instrument) => instrument.title).join(', ')}
                  {programme.outcomePlan.followUpMonths ? `, with a follow-up ${programme.outcomePlan.followUpMonths} months after the last session` : ''}.
                </p>
                <Schedule plan={programme.outcomePlan} timeZone={timeZone} />
              </>
            ) : (
              <p>No outcome measures have been chosen for this programme yet.</p>
            )}
            {SETTLED.includes(programme.status) ? null : (
              <QueryView result={instrumentsResult} loadingLabel="Loading the questionnaires">
                {({ outcomeInstruments }) => <PlanForm programmeId={programmeId} plan={programme.outcomePlan} instruments={outcomeInstruments} />}
              </QueryView>
            )}
          </>
        )}
      </QueryView>
    </Section>
  );
}

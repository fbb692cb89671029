import { RequestProgrammeDocument, serviceLabel, TeamsDocument, toFormErrors, type Cadence, type DeliveryMode, type GroupMembership, type ServiceType } from '@lena/graphql-client';
import { useMutation, useQuery } from '@lena/graphql-client/react';
import { flashState, QueryView, useMutationForm, useViewer } from '@lena/portal-kit';
import { Button, Checkbox, DatePickerField, Fieldset, Form, Link, Page, SelectField, TextField, TimeField, TimeZoneField, viewerTimeZone } from '@lena/ui';
import { useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { cadenceLabel, deliveryModeLabel, membershipLabel } from './programme-labels.js';
import { checkRequest, initialValues, LENGTHS, type RequestValues } from './request-values.js';

function RequestForm({ initial, assessmentId, teams }: { initial: RequestValues; assessmentId: string | null; teams: readonly { id: string; name: string }[] }) {
  const [values, setValues] = useState(initial);
  const form = useMutationForm();
  const navigate = useNavigate();
  const [request] = useMutation(RequestProgrammeDocument);
  const set =
    <K extends keyof RequestValues>(key: K) =>
    (value: RequestValues[K]) =>
      setValues((current) => ({ ...current, [key]: value }));
  const setTime = (index: number) => (time: string) =>
    setValues((current) => ({ ...current, startTimes: current.startTimes.map((value, at) => (at === index ? time : value)) as RequestValues['startTimes'] }));

  return (
    <Form
      id="request-programme"
      errors={form.errors}
      onSubmit={() => {
        const problems = checkRequest(values);
        if (problems.length > 0) return form.fail({ fieldProblems: problems });
        void form.submit(async () => {
          try {
            const { data } = await request({
              variables: {
                input: {
                  teamId: values.teamId,
                  needsAssessmentId: assessmentId,
                  serviceType: values.serviceType,
                  title: values.title.trim(),
                  numberOfSessions: Number(values.numberOfSessions),
                  cadence: values.cadence,
                  startDate: values.startDate,
                  startTimes: values.rotate ? values.startTimes.filter(Boolean) : [values.startTimes[0]],
                  sessionLengthMinutes: Number(values.sessionLengthMinutes),
                  timeZone: values.timeZone,
                  deliveryMode: values.deliveryMode,
                  videoLink: values.deliveryMode === 'IN_PERSON' ? null : values.videoLink.trim(),
                  location: values.deliveryMode === 'ONLINE' ? null : values.location.trim(),
                  minGroupSize: Number(values.minGroupSize),
                  maxGroupSize: Number(values.maxGroupSize),
                  membership: values.membership,
                },
              },
            });
            if (data) navigate(`/programmes/${data.requestProgramme.id}`, { state: flashState(`Your request for ${data.requestProgramme.title} has been sent to the provider.`) });
            return null;
          } catch (error) {
            const errors = toFormErrors(error);
            // The API names a rotating slot "startTimes.1"; the form shows them together.
            return { ...errors, fieldProblems: errors.fieldProblems.map((problem) => (problem.field.startsWith('startTimes') ? { ...problem, field: 'startTimes' } : problem)) };
          }
        });
      }}
    >
      <SelectField
        label="Team"
        name="teamId"
        value={values.teamId}
        onChange={set('teamId')}
        options={[{ value: '', label: 'Choose a team' }, ...teams.map((team) => ({ value: team.id, label: team.name }))]}
      />
      <SelectField
        label="Service"
        name="serviceType"
        value={values.serviceType}
        onChange={(value) => set('serviceType')(value as ServiceType)}
        options={(['GTS', 'GRP'] as const).map((service) => ({ value: service, label: serviceLabel[service] }))}
      />
      <TextField label="Title" name="title" value={values.title} onChange={set('title')} autoComplete="off" />
      <TextField label="Number of sessions" name="numberOfSessions" width="short" inputMode="numeric" value={values.numberOfSessions} onChange={set('numberOfSessions')} />
      <SelectField
        label="How often"
        name="cadence"
        value={values.cadence}
        onChange={(value) => set('cadence')(value as Cadence)}
        options={Object.entries(cadenceLabel).map(([value, label]) => ({ value, label }))}
      />
      <DatePickerField label="Date of the first session" name="startDate" value={values.startDate} onChange={set('startDate')} />
      <Fieldset legend="Start time" name="startTimes" hint="In the programme’s time zone, on a 24-hour clock.">
        <TimeField label={values.rotate ? 'First start time' : 'Start time'} name="startTime1" value={values.startTimes[0]} onChange={setTime(0)} />
        <Checkbox label="Rotate the start time, so that staff on every shift can come to some sessions" name="rotate" checked={values.rotate} onChange={set('rotate')} />
        {values.rotate ? (
          <>
            <TimeField label="Second start time" name="startTime2" value={values.startTimes[1]} onChange={setTime(1)} />
            <TimeField label="Third start time (optional)" name="startTime3" value={values.startTimes[2]} onChange={setTime(2)} />
          </>
        ) : null}
      </Fieldset>
      <SelectField
        label="Session length"
        name="sessionLengthMinutes"
        value={values.sessionLengthMinutes}
        onChange={set('sessionLengthMinutes')}
        options={LENGTHS.map((minutes) => ({ value: minutes, label: `${minutes} minutes` }))}
      />
      <TimeZoneField
        label="Time zone"
        name="timeZone"
        value={values.timeZone}
        onChange={set('timeZone')}
        hint="The sessions keep their local time in this zone, across clock changes."
      />
      <SelectField
        label="How the sessions take place"
        name="deliveryMode"
        value={values.deliveryMode}
        onChange={(value) => set('deliveryMode')(value as DeliveryMode)}
        options={Object.entries(deliveryModeLabel).map(([value, label]) => ({ value, label }))}
      />
      {values.deliveryMode !== 'IN_PERSON' ? (
        <TextField label="Video link" name="videoLink" type="url" hint="The address people join from, starting https://" value={values.videoLink} onChange={set('videoLink')} />
      ) : null}
      {values.deliveryMode !== 'ONLINE' ? <TextField label="Location" name="location" value={values.location} onChange={set('location')} /> : null}
      <TextField label="Smallest group size" name="minGroupSize" width="short" inputMode="numeric" value={values.minGroupSize} onChange={set('minGroupSize')} />
      <TextField label="Largest group size" name="maxGroupSize" width="short" inputMode="numeric" value={values.maxGroupSize} onChange={set('maxGroupSize')} />
      <SelectField
        label="Membership"
        name="membership"
        value={values.membership}
        onChange={(value) => set('membership')(value as GroupMembership)}
        options={Object.entries(membershipLabel).map(([value, label]) => ({ value, label }))}
      />
      <Button type="submit" busy={form.busy}>
        Request this programme
      </Button>
    </Form>
  );
}

/** Request a programme for a team, prefilled from a needs assessment's recommendation when opened from one. */
export function RequestProgrammePage() {
  const [params] = useSearchParams();
  const viewer = useViewer();
  const teams = useQuery(TeamsDocument, { variables: { includeArchived: false } });
  return (
    <Page
      title="Request a programme"
      backLink={<Link href="/programmes">Back to programmes</Link>}
      lead="Tell the provider what you would like. They propose facilitators and a schedule, which you then accept."
    >
      <QueryView result={teams} loadingLabel="Loading your teams">
        {({ teams: list }) => (
          <RequestForm
            initial={initialValues(params, list.find((team) => team.id === params.get('team'))?.name, viewer.tenant?.timeZone ?? viewerTimeZone())}
            assessmentId={params.get('assessment')}
            teams={list}
          />
        )}
      </QueryView>
    </Page>
  );
}

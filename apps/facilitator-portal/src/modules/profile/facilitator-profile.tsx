import { MyFacilitatorProfileDocument, serviceLabel, UpdateMyFacilitatorProfileDocument, type FacilitatorFieldsFragment, type ServiceType } from '@lena/graphql-client';
import { useMutation, useQuery } from '@lena/graphql-client/react';
import { QueryView, useMutationForm } from '@lena/portal-kit';
import { Button, Checkbox, EmptyState, Fieldset, Form, Page, requireValues, Section, TextArea, TextField, useOutcome } from '@lena/ui';
import { useState, type ReactNode } from 'react';

const SERVICES: ServiceType[] = ['GRP', 'GTS'];

function ProfileForm({ profile }: { profile: FacilitatorFieldsFragment }) {
  const [displayName, setDisplayName] = useState(profile.displayName);
  const [bio, setBio] = useState(profile.bio);
  const [services, setServices] = useState<ServiceType[]>(profile.services);
  const saved = useOutcome();
  const form = useMutationForm();
  const [update] = useMutation(UpdateMyFacilitatorProfileDocument);

  const toggle = (service: ServiceType, on: boolean) => setServices((current) => SERVICES.filter((item) => (item === service ? on : current.includes(item))));

  return (
    <Form
      id="profile"
      errors={form.errors}
      onSubmit={() => {
        const missing = requireValues([['displayName', displayName, 'Enter your name.']]);
        if (missing) return form.fail(missing);
        void form.send(async () => {
          await update({ variables: { input: { displayName: displayName.trim(), bio: bio.trim(), services } } });
          saved.success('Your profile has been saved.');
        });
      }}
    >
      {saved.banner}
      <TextField label="Name" name="displayName" autoComplete="name" value={displayName} onChange={setDisplayName} />
      <TextArea label="About you" name="bio" hint="A few sentences about your background and how you work with groups. Organisations may see this." value={bio} onChange={setBio} />
      <Fieldset legend="Services you facilitate" name="services" hint="Select all that apply.">
        {SERVICES.map((service) => (
          <Checkbox key={service} name="services" value={service} label={serviceLabel[service]} checked={services.includes(service)} onChange={(on) => toggle(service, on)} />
        ))}
      </Fieldset>
      <div className="lena-button-group">
        <Button type="submit" busy={form.busy}>
          Save profile
        </Button>
      </div>
    </Form>
  );
}

export function FacilitatorProfile({ adminLinks }: { adminLinks: ReactNode }) {
  const result = useQuery(MyFacilitatorProfileDocument);
  return (
    <Page title="Your facilitator profile" lead="Organisations and Lena’s team see this profile when groups are matched with facilitators.">
      <Section title="Your sessions">
        <EmptyState title="No sessions yet" headingLevel={3}>
          <p>Your sessions will appear here once you are assigned to a programme.</p>
        </EmptyState>
      </Section>
      <Section title="Profile">
        <QueryView result={result} loadingLabel="Loading your profile">
          {(data) => <ProfileForm profile={data.myFacilitatorProfile} />}
        </QueryView>
      </Section>
      {adminLinks && <Section title="Administration">{adminLinks}</Section>}
    </Page>
  );
}

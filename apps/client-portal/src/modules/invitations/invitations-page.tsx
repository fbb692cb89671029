import { InvitationsDocument, InviteParticipantDocument, ResendInvitationDocument, TeamsDocument } from '@lena/graphql-client';
import { useMutation, useQuery } from '@lena/graphql-client/react';
import { InviteForm, ManagedInvitations, QueryView } from '@lena/portal-kit';
import { Page, Section, SelectField } from '@lena/ui';

function InviteParticipantForm({ teams }: { teams: { id: string; name: string }[] }) {
  const [invite] = useMutation(InviteParticipantDocument, { refetchQueries: ['Invitations'] });
  const [resend] = useMutation(ResendInvitationDocument);
  return (
    <InviteForm
      id="invite-participant"
      send={({ email, displayName }, { teamId }) => invite({ variables: { input: { email, displayName, teamId: teamId || null } } })}
      resend={(id) => resend({ variables: { id } })}
      extraFields={{
        initial: { teamId: '' },
        render: (values, change) => (
          <SelectField
            label="Team"
            name="teamId"
            hint="Optional. They join this team when they accept."
            options={[{ value: '', label: 'No team' }, ...teams.map((team) => ({ value: team.id, label: team.name }))]}
            value={values.teamId}
            onChange={(teamId) => change({ teamId })}
          />
        ),
      }}
    />
  );
}

export function InvitationsPage() {
  const invitations = useQuery(InvitationsDocument);
  const teams = useQuery(TeamsDocument, { variables: { includeArchived: true } });
  const allTeams = teams.data?.teams ?? [];
  const teamNames = new Map(allTeams.map((team) => [team.id, team.name]));
  return (
    <Page title="Invitations" lead="Invite colleagues to join your organisation on Lena.">
      <Section title="Invite a participant">
        <InviteParticipantForm teams={allTeams.filter((team) => !team.archivedAt)} />
      </Section>
      <Section title="Sent invitations">
        <QueryView result={invitations} loadingLabel="Loading invitations">
          {(data) => (
            <ManagedInvitations
              invitations={data.invitations}
              caption="Sent invitations"
              extraColumns={[{ key: 'team', header: 'Team', cell: (invitation) => (invitation.teamId ? (teamNames.get(invitation.teamId) ?? '—') : '—') }]}
            />
          )}
        </QueryView>
      </Section>
    </Page>
  );
}

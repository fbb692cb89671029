import {
  describeError,
  InvitationsDocument,
  InviteParticipantDocument,
  RevokeInvitationDocument,
  TeamsDocument,
  type InvitationFieldsFragment,
} from '@lena/graphql-client';
import { useMutation, useQuery } from '@lena/graphql-client/react';
import { InvitationsTable, InviteForm, QueryView } from '@lena/portal-kit';
import { Button, ConfirmDialog, Page, Section, SelectField, useOutcome, VisuallyHidden } from '@lena/ui';
import { useState } from 'react';

function InviteParticipantForm({ teams }: { teams: { id: string; name: string }[] }) {
  const [teamId, setTeamId] = useState('');
  const [invite] = useMutation(InviteParticipantDocument, { refetchQueries: ['Invitations'] });
  return (
    <InviteForm id="invite-participant" send={({ email, displayName }) => invite({ variables: { input: { email, displayName, teamId: teamId || null } } })}>
      <SelectField
        label="Team"
        name="teamId"
        hint="Optional. They join this team when they accept."
        options={[{ value: '', label: 'No team' }, ...teams.map((team) => ({ value: team.id, label: team.name }))]}
        value={teamId}
        onChange={setTeamId}
      />
    </InviteForm>
  );
}

/** Sent invitations with their team, and "Revoke" (after a confirmation) while one is pending. */
function SentInvitations({ invitations, teamNames }: { invitations: readonly InvitationFieldsFragment[]; teamNames: Map<string, string> }) {
  const [revoking, setRevoking] = useState<InvitationFieldsFragment | null>(null);
  const [dialogError, setDialogError] = useState<string | null>(null);
  const revoked = useOutcome();
  const [revoke, { loading }] = useMutation(RevokeInvitationDocument);
  return (
    <>
      {revoked.banner}
      <InvitationsTable
        invitations={invitations}
        caption="Sent invitations"
        extraColumns={[{ key: 'team', header: 'Team', cell: (invitation) => (invitation.teamId ? (teamNames.get(invitation.teamId) ?? '—') : '—') }]}
        actions={(invitation) =>
          invitation.status === 'PENDING' && (
            <Button variant="secondary" onClick={() => setRevoking(invitation)}>
              Revoke<VisuallyHidden> invitation for {invitation.email}</VisuallyHidden>
            </Button>
          )
        }
      />
      <ConfirmDialog
        open={revoking !== null}
        title={`Revoke the invitation for ${revoking?.email ?? ''}?`}
        confirmLabel="Yes, revoke invitation"
        busy={loading}
        error={dialogError}
        onCancel={() => {
          setRevoking(null);
          setDialogError(null);
        }}
        onConfirm={() => {
          if (!revoking) return;
          revoke({ variables: { id: revoking.id } })
            .then(() => {
              revoked.success(`The invitation for ${revoking.email} has been revoked.`);
              setRevoking(null);
            })
            .catch((error: unknown) => setDialogError(describeError(error).message));
        }}
      >
        <p>The link in their email will stop working. You can invite them again later.</p>
      </ConfirmDialog>
    </>
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
          {(data) => <SentInvitations invitations={data.invitations} teamNames={teamNames} />}
        </QueryView>
      </Section>
    </Page>
  );
}

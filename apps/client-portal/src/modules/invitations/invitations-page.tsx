import {
  describeError,
  InvitationsDocument,
  InviteParticipantDocument,
  RevokeInvitationDocument,
  TeamsDocument,
  toFormErrors,
  type InvitationFieldsFragment,
} from '@lena/graphql-client';
import { useMutation, useQuery } from '@lena/graphql-client/react';
import { InvitationStatusTag, QueryView } from '@lena/portal-kit';
import {
  Alert,
  Button,
  ConfirmDialog,
  DateTime,
  EmptyState,
  Form,
  Page,
  requireValues,
  Section,
  SelectField,
  Table,
  TextField,
  useFormSubmission,
  VisuallyHidden,
} from '@lena/ui';
import { useState } from 'react';

function InviteParticipantForm({ teams }: { teams: { id: string; name: string }[] }) {
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [teamId, setTeamId] = useState('');
  const [sentTo, setSentTo] = useState<string | null>(null);
  const form = useFormSubmission();
  const [invite] = useMutation(InviteParticipantDocument, { refetchQueries: ['Invitations'] });
  return (
    <Form
      id="invite-participant"
      errors={form.errors}
      onSubmit={() => {
        setSentTo(null);
        const missing = requireValues([['email', email, 'Enter an email address.']]);
        if (missing) return form.fail(missing);
        void form.submit(async () => {
          const address = email.trim();
          try {
            await invite({ variables: { input: { email: address, displayName: displayName.trim() || null, teamId: teamId || null } } });
            setSentTo(address);
            setEmail('');
            setDisplayName('');
            return null;
          } catch (error) {
            return toFormErrors(error);
          }
        });
      }}
    >
      {sentTo && <Alert tone="success" title={`Invitation sent to ${sentTo}.`} />}
      <TextField label="Email address" name="email" type="email" autoComplete="off" spellCheck={false} value={email} onChange={setEmail} />
      <TextField label="Full name" name="displayName" autoComplete="off" hint="Optional. Used to greet them in the invitation email." value={displayName} onChange={setDisplayName} />
      <SelectField
        label="Team"
        name="teamId"
        hint="Optional. They join this team when they accept."
        options={[{ value: '', label: 'No team' }, ...teams.map((team) => ({ value: team.id, label: team.name }))]}
        value={teamId}
        onChange={setTeamId}
      />
      <div className="lena-button-group">
        <Button type="submit" busy={form.busy}>
          Send invitation
        </Button>
      </div>
    </Form>
  );
}

function InvitationsTable({ invitations, teamNames }: { invitations: readonly InvitationFieldsFragment[]; teamNames: Map<string, string> }) {
  const [revoking, setRevoking] = useState<InvitationFieldsFragment | null>(null);
  const [dialogError, setDialogError] = useState<string | null>(null);
  const [revoked, setRevoked] = useState<string | null>(null);
  const [revoke, { loading }] = useMutation(RevokeInvitationDocument);
  if (invitations.length === 0) {
    return (
      <EmptyState title="No invitations yet" headingLevel={3}>
        <p>Invitations you send appear here with their status.</p>
      </EmptyState>
    );
  }
  const rows = [...invitations].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  return (
    <>
      {revoked && <Alert tone="success" title={revoked} />}
      <Table
        caption="Sent invitations"
        captionHidden
        rows={rows}
        rowKey={(invitation) => invitation.id}
        columns={[
          { key: 'email', header: 'Email address', cell: (invitation) => invitation.email },
          { key: 'name', header: 'Name', cell: (invitation) => invitation.displayName ?? '—' },
          { key: 'team', header: 'Team', cell: (invitation) => (invitation.teamId ? (teamNames.get(invitation.teamId) ?? '—') : '—') },
          {
            key: 'status',
            header: 'Status',
            cell: (invitation) => <InvitationStatusTag status={invitation.status} />,
          },
          { key: 'sent', header: 'Sent', cell: (invitation) => <DateTime value={invitation.createdAt} /> },
          {
            key: 'expires',
            header: 'Expires',
            cell: (invitation) => (invitation.status === 'PENDING' ? <DateTime value={invitation.expiresAt} /> : '—'),
          },
          {
            key: 'actions',
            header: 'Actions',
            cell: (invitation) =>
              invitation.status === 'PENDING' ? (
                <Button
                  variant="secondary"
                  onClick={() => {
                    setRevoked(null);
                    setRevoking(invitation);
                  }}
                >
                  Revoke<VisuallyHidden> invitation for {invitation.email}</VisuallyHidden>
                </Button>
              ) : (
                '—'
              ),
          },
        ]}
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
              setRevoked(`The invitation for ${revoking.email} has been revoked.`);
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
          {(data) => <InvitationsTable invitations={data.invitations} teamNames={teamNames} />}
        </QueryView>
      </Section>
    </Page>
  );
}

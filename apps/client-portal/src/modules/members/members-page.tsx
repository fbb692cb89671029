import { ChangeMemberRoleDocument, describeError, MembersDocument, RemoveMemberDocument, roleLabel, TeamsDocument, type MemberFieldsFragment, type TenantRole } from '@lena/graphql-client';
import { useMutation, useQuery } from '@lena/graphql-client/react';
import { QueryView, useViewer } from '@lena/portal-kit';
import { Alert, Button, ConfirmDialog, EmptyState, Page, SelectField, Table, Tag, VisuallyHidden } from '@lena/ui';
import { useState } from 'react';

const ROLE_OPTIONS: { value: TenantRole; label: string }[] = [
  { value: 'PARTICIPANT', label: roleLabel.PARTICIPANT },
  { value: 'ORG_ADMIN', label: roleLabel.ORG_ADMIN },
];

type Message = { tone: 'success' | 'error'; text: string } | null;

function RoleControl({ member, onDone }: { member: MemberFieldsFragment; onDone: (message: Message) => void }) {
  const [role, setRole] = useState<TenantRole>(member.role);
  const [changeRole, { loading }] = useMutation(ChangeMemberRoleDocument);
  return (
    <form
      className="lena-inline-form"
      onSubmit={(event) => {
        event.preventDefault();
        if (role === member.role) return;
        onDone(null);
        changeRole({ variables: { input: { userId: member.userId, role } } })
          .then(() => onDone({ tone: 'success', text: `${member.displayName} is now ${role === 'PARTICIPANT' ? 'a participant' : 'an organisation admin'}.` }))
          .catch((error: unknown) => onDone({ tone: 'error', text: describeError(error).message }));
      }}
    >
      <SelectField
        label={`Role for ${member.displayName}`}
        labelHidden
        name="role"
        options={ROLE_OPTIONS}
        value={role}
        onChange={(value) => setRole(value as TenantRole)}
      />
      <Button type="submit" variant="secondary" busy={loading} disabled={role === member.role}>
        Save role<VisuallyHidden> for {member.displayName}</VisuallyHidden>
      </Button>
    </form>
  );
}

function MembersTable({ members, teamNames }: { members: readonly MemberFieldsFragment[]; teamNames: Map<string, string> }) {
  const viewer = useViewer();
  const organisation = viewer.tenant?.name ?? 'your organisation';
  const [message, setMessage] = useState<Message>(null);
  const [removing, setRemoving] = useState<MemberFieldsFragment | null>(null);
  const [dialogError, setDialogError] = useState<string | null>(null);
  const [removeMember, { loading }] = useMutation(RemoveMemberDocument, { refetchQueries: ['Members'] });

  return (
    <>
      {message && <Alert tone={message.tone} title={message.text} />}
      <Table
        caption={`People in ${organisation}`}
        captionHidden
        rows={members}
        rowKey={(member) => member.userId}
        columns={[
          {
            key: 'name',
            header: 'Name',
            cell: (member) => (
              <>
                {member.displayName}
                {member.userId === viewer.id && <span className="lena-muted"> (you)</span>}
              </>
            ),
          },
          { key: 'email', header: 'Email address', cell: (member) => member.email },
          {
            key: 'role',
            header: 'Role',
            cell: (member) =>
              member.userId === viewer.id ? <Tag tone="blue">{roleLabel[member.role]}</Tag> : <RoleControl member={member} onDone={setMessage} />,
          },
          {
            key: 'teams',
            header: 'Teams',
            cell: (member) => member.teamIds.map((id) => teamNames.get(id)).filter(Boolean).join(', ') || 'None',
          },
          {
            key: 'actions',
            header: 'Actions',
            cell: (member) =>
              member.userId === viewer.id ? (
                '—'
              ) : (
                <Button variant="secondary" onClick={() => setRemoving(member)}>
                  Remove<VisuallyHidden> {member.displayName}</VisuallyHidden>
                </Button>
              ),
          },
        ]}
      />
      <ConfirmDialog
        open={removing !== null}
        title={`Remove ${removing?.displayName ?? 'this person'} from ${organisation}?`}
        confirmLabel="Yes, remove"
        busy={loading}
        error={dialogError}
        onCancel={() => {
          setRemoving(null);
          setDialogError(null);
        }}
        onConfirm={() => {
          if (!removing) return;
          removeMember({ variables: { userId: removing.userId } })
            .then(() => {
              setMessage({ tone: 'success', text: `${removing.displayName} has been removed from ${organisation}.` });
              setRemoving(null);
            })
            .catch((error: unknown) => setDialogError(describeError(error).message));
        }}
      >
        <p>They lose access to {organisation} on Lena straight away and leave all its teams. You can invite them again later.</p>
      </ConfirmDialog>
    </>
  );
}

export function MembersPage() {
  const members = useQuery(MembersDocument);
  const teams = useQuery(TeamsDocument, { variables: { includeArchived: true } });
  const teamNames = new Map((teams.data?.teams ?? []).map((team) => [team.id, team.name]));
  return (
    <Page title="Members" lead="Everyone in your organisation who uses Lena. Organisation admins manage teams, people and invitations.">
      <QueryView result={members} loadingLabel="Loading members">
        {(data) =>
          data.members.length === 0 ? (
            <EmptyState title="No members yet">
              <p>People appear here once they accept an invitation.</p>
            </EmptyState>
          ) : (
            <MembersTable members={data.members} teamNames={teamNames} />
          )
        }
      </QueryView>
    </Page>
  );
}

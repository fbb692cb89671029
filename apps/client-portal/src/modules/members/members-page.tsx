import {
  ChangeMemberRoleDocument,
  describeError,
  MembersDocument,
  RemoveMemberDocument,
  roleLabel,
  TeamsDocument,
  type MemberFieldsFragment,
  type TenantRole,
} from '@lena/graphql-client';
import { useMutation, useQuery } from '@lena/graphql-client/react';
import { QueryView, useConfirmation, useViewer } from '@lena/portal-kit';
import { Button, ConfirmDialog, EmptyState, Page, SelectField, Table, Tag, useOutcome, VisuallyHidden, type Outcome } from '@lena/ui';
import { useState } from 'react';

const ROLE_OPTIONS: { value: TenantRole; label: string }[] = [
  { value: 'PARTICIPANT', label: roleLabel.PARTICIPANT },
  { value: 'ORG_ADMIN', label: roleLabel.ORG_ADMIN },
];

/**
 * The role select and "Save role". Making someone an organisation admin asks first: it hands them
 * the organisation's people, teams and invitations.
 */
function RoleControl({ member, organisation, outcome }: { member: MemberFieldsFragment; organisation: string; outcome: Outcome }) {
  const [role, setRole] = useState<TenantRole>(member.role);
  const [changeRole, { loading }] = useMutation(ChangeMemberRoleDocument);

  const save = async (next: TenantRole) => {
    const { data } = await changeRole({ variables: { input: { userId: member.userId, role: next } } });
    const changed = data?.changeMemberRole ?? { ...member, role: next };
    outcome.success(`${changed.displayName} is now ${changed.role === 'PARTICIPANT' ? 'a participant' : 'an organisation admin'}.`);
  };
  // Only making someone an admin asks first; its errors show in the dialog, others' on the page.
  const promotion = useConfirmation(save);
  const confirming = promotion.target !== null;

  return (
    <>
      <form
        className="lena-inline-form"
        onSubmit={(event) => {
          event.preventDefault();
          if (role === member.role) return;
          if (role === 'ORG_ADMIN') promotion.ask(role);
          else save(role).catch((error: unknown) => outcome.error(describeError(error).message));
        }}
      >
        <SelectField label={`Role for ${member.displayName}`} labelHidden name="role" options={ROLE_OPTIONS} value={role} onChange={(value) => setRole(value as TenantRole)} />
        <Button type="submit" variant="secondary" busy={loading && !confirming} disabled={role === member.role}>
          Save role<VisuallyHidden> for {member.displayName}</VisuallyHidden>
        </Button>
      </form>
      <ConfirmDialog title={`Make ${member.displayName} an organisation admin?`} confirmLabel="Yes, make organisation admin" tone="primary" busy={loading} {...promotion.dialog}>
        <p>They will be able to manage {organisation}’s teams, people and invitations on Lena, including making others admins and removing people.</p>
      </ConfirmDialog>
    </>
  );
}

function MembersTable({ members, teamNames }: { members: readonly MemberFieldsFragment[]; teamNames: Map<string, string> }) {
  const viewer = useViewer();
  const organisation = viewer.tenant?.name ?? 'your organisation';
  const outcome = useOutcome();
  const [removeMember, { loading }] = useMutation(RemoveMemberDocument, { refetchQueries: ['Members'] });
  const removal = useConfirmation(async (member: MemberFieldsFragment) => {
    await removeMember({ variables: { userId: member.userId } });
    outcome.success(`${member.displayName} has been removed from ${organisation}.`);
  });
  const removing = removal.target;

  return (
    <>
      {outcome.banner}
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
              member.userId === viewer.id ? <Tag tone="blue">{roleLabel[member.role]}</Tag> : <RoleControl member={member} organisation={organisation} outcome={outcome} />,
          },
          {
            key: 'teams',
            header: 'Teams',
            cell: (member) =>
              member.teamIds
                .map((id) => teamNames.get(id))
                .filter(Boolean)
                .join(', ') || 'None',
          },
          {
            key: 'actions',
            header: 'Actions',
            cell: (member) =>
              member.userId === viewer.id ? (
                '—'
              ) : (
                <Button variant="secondary" onClick={() => removal.ask(member)}>
                  Remove<VisuallyHidden> {member.displayName}</VisuallyHidden>
                </Button>
              ),
          },
        ]}
      />
      <ConfirmDialog title={`Remove ${removing?.displayName ?? 'this person'} from ${organisation}?`} confirmLabel="Yes, remove" busy={loading} {...removal.dialog}>
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

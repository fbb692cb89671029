import { AddTeamMemberDocument, MembersDocument, RemoveTeamMemberDocument, RenameTeamDocument, roleLabel, TeamDocument, type TeamQuery } from '@lena/graphql-client';
import { useMutation, useQuery } from '@lena/graphql-client/react';
import { flashState, QueryView, useConfirmation, useMutationForm } from '@lena/portal-kit';
import {
  Alert,
  Button,
  ConfirmDialog,
  DateTime,
  EmptyState,
  Form,
  Link,
  Page,
  requireValues,
  Section,
  SelectField,
  Table,
  TextField,
  useOutcome,
  VisuallyHidden,
  type Outcome,
} from '@lena/ui';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { useTeamLifecycle } from './use-team-lifecycle.js';

type Team = TeamQuery['team'];
type TeamMember = Team['members'][number];

function RenameTeamForm({ team }: { team: Team }) {
  const [name, setName] = useState(team.name);
  const renamed = useOutcome();
  const form = useMutationForm();
  const [renameTeam] = useMutation(RenameTeamDocument);
  return (
    <Form
      id="rename-team"
      errors={form.errors}
      onSubmit={() => {
        const missing = requireValues([['name', name, 'Enter a team name.']]);
        if (missing) return form.fail(missing);
        void form.send(async () => {
          const { data } = await renameTeam({ variables: { input: { id: team.id, name: name.trim() } } });
          renamed.success(`The team is now called ${data?.renameTeam.name ?? name.trim()}.`);
        });
      }}
    >
      {renamed.banner}
      <div className="lena-inline-form">
        <TextField label="Team name" name="name" width="medium" autoComplete="off" value={name} onChange={setName} />
        <Button type="submit" busy={form.busy}>
          Save name
        </Button>
      </div>
    </Form>
  );
}

function AddMemberForm({ team, outcome }: { team: Team; outcome: Outcome }) {
  const members = useQuery(MembersDocument);
  const [userId, setUserId] = useState('');
  const form = useMutationForm();
  const [addMember] = useMutation(AddTeamMemberDocument);
  return (
    <QueryView result={members} loadingLabel="Loading your organisation’s people">
      {(data) => {
        const inTeam = new Set(team.members.map((member) => member.userId));
        const candidates = data.members.filter((member) => !inTeam.has(member.userId));
        if (candidates.length === 0) return <p>Everyone in your organisation is already in this team.</p>;
        return (
          <Form
            id="add-team-member"
            errors={form.errors}
            onSubmit={() => {
              const missing = requireValues([['userId', userId, 'Choose a person to add.']]);
              if (missing) return form.fail(missing);
              void form.send(async () => {
                const { data: added } = await addMember({ variables: { input: { teamId: team.id, userId } } });
                const person = added?.addTeamMember.members.find((member) => member.userId === userId)?.displayName ?? 'They';
                outcome.success(`${person} has been added to ${added?.addTeamMember.name ?? team.name}.`);
                setUserId('');
              });
            }}
          >
            <div className="lena-inline-form">
              <SelectField
                label="Person"
                name="userId"
                options={[{ value: '', label: 'Choose a person' }, ...candidates.map((member) => ({ value: member.userId, label: `${member.displayName} (${member.email})` }))]}
                value={userId}
                onChange={setUserId}
              />
              <Button type="submit" busy={form.busy}>
                Add to team
              </Button>
            </div>
          </Form>
        );
      }}
    </QueryView>
  );
}

function TeamMembers({ team }: { team: Team }) {
  const outcome = useOutcome();
  const [removeMember, { loading }] = useMutation(RemoveTeamMemberDocument);
  const removal = useConfirmation(async (member: TeamMember) => {
    const { data } = await removeMember({ variables: { input: { teamId: team.id, userId: member.userId } } });
    outcome.success(`${member.displayName} has been removed from ${data?.removeTeamMember.name ?? team.name}.`);
  });
  const removing = removal.target;
  const archived = team.archivedAt !== null;

  return (
    <>
      <Section title="Members">
        {outcome.banner}
        {team.members.length === 0 ? (
          <EmptyState title="No members yet" headingLevel={3}>
            <p>{archived ? 'This team had no members when it was archived.' : 'Add people from your organisation below.'}</p>
          </EmptyState>
        ) : (
          <Table
            caption={`Members of ${team.name}`}
            captionHidden
            rows={team.members}
            rowKey={(member) => member.userId}
            columns={[
              { key: 'name', header: 'Name', cell: (member) => member.displayName },
              { key: 'email', header: 'Email address', cell: (member) => member.email },
              { key: 'role', header: 'Role', cell: (member) => roleLabel[member.role] },
              {
                key: 'actions',
                header: 'Actions',
                cell: (member) =>
                  archived ? (
                    '—'
                  ) : (
                    <Button variant="secondary" onClick={() => removal.ask(member)}>
                      Remove<VisuallyHidden> {member.displayName} from the team</VisuallyHidden>
                    </Button>
                  ),
              },
            ]}
          />
        )}
      </Section>
      {!archived && (
        <Section title="Add a member">
          <AddMemberForm team={team} outcome={outcome} />
        </Section>
      )}
      <ConfirmDialog title={`Remove ${removing?.displayName ?? 'this person'} from ${team.name}?`} confirmLabel="Yes, remove from team" busy={loading} {...removal.dialog}>
        <p>They stay in your organisation and can be added to the team again later.</p>
      </ConfirmDialog>
    </>
  );
}

export function TeamPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const result = useQuery(TeamDocument, { variables: { id } });
  const outcome = useOutcome();
  const lifecycle = useTeamLifecycle({
    onArchived: (team) => navigate('/teams', { state: flashState(`${team.name} has been archived.`) }),
    onRestored: (team) => outcome.success(`${team.name} has been restored. People can be added to it again.`),
    onDeleted: (team) => navigate('/teams', { state: flashState(`${team.name} has been deleted.`) }),
    onError: outcome.error,
  });
  const team = result.data?.team;
  return (
    <Page title={team?.name ?? 'Team'} backLink={<Link href="/teams">Back to teams</Link>}>
      {outcome.banner}
      <QueryView result={result} loadingLabel="Loading the team">
        {({ team: loaded }) => (
          <>
            {loaded.archivedAt && (
              <Alert tone="warning" title="This team is archived">
                <p>
                  It was archived on <DateTime value={loaded.archivedAt} dateOnly />. Nobody can be added to it until it is restored. Its name stays taken until you rename or
                  delete it.
                </p>
              </Alert>
            )}
            <TeamMembers team={loaded} />
            {loaded.archivedAt && (
              <Section title="Restore team">
                <p>Bring the team back with the members it had.</p>
                <Button busy={lifecycle.restoringId === loaded.id} onClick={() => lifecycle.restore(loaded)}>
                  Restore team
                </Button>
              </Section>
            )}
            <Section title="Rename team">
              <RenameTeamForm key={loaded.id} team={loaded} />
            </Section>
            {loaded.archivedAt ? (
              <Section title="Delete team">
                <p>Delete a team that will not meet again. It cannot be restored afterwards, and its name can be used for a new team.</p>
                <Button variant="danger" onClick={() => lifecycle.askDelete(loaded)}>
                  Delete team
                </Button>
              </Section>
            ) : (
              <Section title="Archive team">
                <p>Archive a team that no longer meets. Its people stay in your organisation, and you can restore it later.</p>
                <Button variant="danger" onClick={() => lifecycle.askArchive(loaded)}>
                  Archive team
                </Button>
              </Section>
            )}
          </>
        )}
      </QueryView>
      {lifecycle.dialog}
    </Page>
  );
}

import { AddTeamMemberDocument, describeError, MembersDocument, RemoveTeamMemberDocument, RenameTeamDocument, roleLabel, TeamDocument, toFormErrors, type TeamQuery } from '@lena/graphql-client';
import { useMutation, useQuery } from '@lena/graphql-client/react';
import { QueryView } from '@lena/portal-kit';
import { Alert, Button, DateTime, EmptyState, Form, Link, Page, requireValues, Section, SelectField, Table, TextField, useFormSubmission, VisuallyHidden } from '@lena/ui';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { useArchiveTeam } from './use-archive-team.js';

type Team = TeamQuery['team'];

function RenameTeamForm({ team }: { team: Team }) {
  const [name, setName] = useState(team.name);
  const [saved, setSaved] = useState(false);
  const form = useFormSubmission();
  const [renameTeam] = useMutation(RenameTeamDocument);
  return (
    <Form
      id="rename-team"
      errors={form.errors}
      onSubmit={() => {
        setSaved(false);
        const missing = requireValues([['name', name, 'Enter a team name.']]);
        if (missing) return form.fail(missing);
        void form.submit(async () => {
          try {
            await renameTeam({ variables: { input: { id: team.id, name: name.trim() } } });
            setSaved(true);
            return null;
          } catch (error) {
            return toFormErrors(error);
          }
        });
      }}
    >
      {saved && <Alert tone="success" title="The team has been renamed." />}
      <div className="lena-inline-form">
        <TextField label="Team name" name="name" width="medium" autoComplete="off" value={name} onChange={setName} />
        <Button type="submit" busy={form.busy}>
          Save name
        </Button>
      </div>
    </Form>
  );
}

function AddMemberForm({ team, onAdded }: { team: Team; onAdded: (name: string) => void }) {
  const members = useQuery(MembersDocument);
  const [userId, setUserId] = useState('');
  const form = useFormSubmission();
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
              void form.submit(async () => {
                try {
                  await addMember({ variables: { input: { teamId: team.id, userId } } });
                  onAdded(candidates.find((member) => member.userId === userId)?.displayName ?? 'They');
                  setUserId('');
                  return null;
                } catch (error) {
                  return toFormErrors(error);
                }
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
  const [message, setMessage] = useState<{ tone: 'success' | 'error'; text: string } | null>(null);
  const [removingId, setRemovingId] = useState<string | null>(null);
  const [removeMember] = useMutation(RemoveTeamMemberDocument);
  const archived = team.archivedAt !== null;

  const remove = (userId: string, name: string) => {
    setMessage(null);
    setRemovingId(userId);
    removeMember({ variables: { input: { teamId: team.id, userId } } })
      .then(() => setMessage({ tone: 'success', text: `${name} has been removed from ${team.name}.` }))
      .catch((error: unknown) => setMessage({ tone: 'error', text: describeError(error).message }))
      .finally(() => setRemovingId(null));
  };

  return (
    <>
      <Section title="Members">
        {message && <Alert tone={message.tone} title={message.text} />}
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
                    <Button variant="secondary" busy={removingId === member.userId} onClick={() => remove(member.userId, member.displayName)}>
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
          <AddMemberForm team={team} onAdded={(name) => setMessage({ tone: 'success', text: `${name} has been added to ${team.name}.` })} />
        </Section>
      )}
    </>
  );
}

export function TeamPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const result = useQuery(TeamDocument, { variables: { id } });
  const archive = useArchiveTeam((team) => navigate('/teams', { state: { flash: `${team.name} has been archived.` } }));
  const team = result.data?.team;
  return (
    <Page title={team?.name ?? 'Team'} backLink={<Link href="/teams">Back to teams</Link>}>
      <QueryView result={result} loadingLabel="Loading the team">
        {({ team: loaded }) => (
          <>
            {loaded.archivedAt && (
              <Alert tone="warning" title="This team is archived">
                <p>
                  It was archived on <DateTime value={loaded.archivedAt} dateOnly />. Nobody can be added to it.
                </p>
              </Alert>
            )}
            <TeamMembers team={loaded} />
            {!loaded.archivedAt && (
              <>
                <Section title="Rename team">
                  <RenameTeamForm team={loaded} />
                </Section>
                <Section title="Archive team">
                  <p>Archive a team that no longer meets. Its people stay in your organisation.</p>
                  <Button variant="danger" onClick={() => archive.ask(loaded)}>
                    Archive team
                  </Button>
                </Section>
              </>
            )}
          </>
        )}
      </QueryView>
      {archive.dialog}
    </Page>
  );
}

import { CreateTeamDocument, TeamsDocument } from '@lena/graphql-client';
import { useMutation, useQuery } from '@lena/graphql-client/react';
import { QueryView, useLocationFlash, useMutationForm } from '@lena/portal-kit';
import { Button, Checkbox, DateTime, EmptyState, Form, Link, Page, requireValues, Section, Table, Tag, TextField, useOutcome, VisuallyHidden } from '@lena/ui';
import { useState } from 'react';
import { useTeamLifecycle } from './use-team-lifecycle.js';

function CreateTeamForm() {
  const [name, setName] = useState('');
  const created = useOutcome();
  const form = useMutationForm();
  const [createTeam] = useMutation(CreateTeamDocument, { refetchQueries: ['Teams'] });
  return (
    <Form
      id="create-team"
      errors={form.errors}
      onSubmit={() => {
        const missing = requireValues([['name', name, 'Enter a team name.']]);
        if (missing) return form.fail(missing);
        void form.send(async () => {
          const { data } = await createTeam({ variables: { input: { name: name.trim() } } });
          created.success(`${data?.createTeam.name ?? name.trim()} has been created.`);
          setName('');
        });
      }}
    >
      {created.banner}
      <div className="lena-inline-form">
        <TextField label="Team name" name="name" width="medium" autoComplete="off" value={name} onChange={setName} />
        <Button type="submit" busy={form.busy}>
          Create team
        </Button>
      </div>
    </Form>
  );
}

export function TeamsPage() {
  const [showArchived, setShowArchived] = useState(false);
  const outcome = useOutcome();
  useLocationFlash(outcome);
  const result = useQuery(TeamsDocument, { variables: { includeArchived: showArchived } });
  const lifecycle = useTeamLifecycle({
    onArchived: (team) => outcome.success(`${team.name} has been archived.`),
    onRestored: (team) => outcome.success(`${team.name} has been restored.`),
    onDeleted: (team) => outcome.success(`${team.name} has been deleted.`),
    onError: outcome.error,
  });

  return (
    <Page title="Teams" lead="Teams are the groups of people who attend sessions together.">
      {outcome.banner}
      <Section title="Create a team">
        <CreateTeamForm />
      </Section>
      <Section title="Your organisation’s teams">
        <Checkbox label="Show archived teams" name="showArchived" checked={showArchived} onChange={setShowArchived} />
        <QueryView result={result} loadingLabel="Loading teams">
          {({ teams }) =>
            teams.length === 0 ? (
              <EmptyState title="No teams yet" headingLevel={3}>
                <p>Create a team above, then add people to it.</p>
              </EmptyState>
            ) : (
              <Table
                caption="Teams"
                captionHidden
                rows={teams}
                rowKey={(team) => team.id}
                columns={[
                  { key: 'name', header: 'Name', cell: (team) => <Link href={`/teams/${team.id}`}>{team.name}</Link> },
                  { key: 'members', header: 'Members', numeric: true, cell: (team) => team.memberCount },
                  { key: 'created', header: 'Created', cell: (team) => <DateTime value={team.createdAt} dateOnly /> },
                  { key: 'status', header: 'Status', cell: (team) => (team.archivedAt ? <Tag tone="grey">Archived</Tag> : <Tag tone="green">Active</Tag>) },
                  {
                    key: 'actions',
                    header: 'Actions',
                    cell: (team) =>
                      team.archivedAt ? (
                        <div className="lena-inline-actions">
                          <Button variant="secondary" busy={lifecycle.restoringId === team.id} onClick={() => lifecycle.restore(team)}>
                            Restore<VisuallyHidden> {team.name}</VisuallyHidden>
                          </Button>
                          <Button variant="secondary" onClick={() => lifecycle.askDelete(team)}>
                            Delete<VisuallyHidden> {team.name}</VisuallyHidden>
                          </Button>
                        </div>
                      ) : (
                        <div className="lena-inline-actions">
                          <Link href={`/teams/${team.id}`}>
                            Manage<VisuallyHidden> {team.name}</VisuallyHidden>
                          </Link>
                          <Button variant="secondary" onClick={() => lifecycle.askArchive(team)}>
                            Archive<VisuallyHidden> {team.name}</VisuallyHidden>
                          </Button>
                        </div>
                      ),
                  },
                ]}
              />
            )
          }
        </QueryView>
      </Section>
      {lifecycle.dialog}
    </Page>
  );
}

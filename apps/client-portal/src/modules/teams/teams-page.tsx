import { CreateTeamDocument, TeamsDocument, toFormErrors } from '@lena/graphql-client';
import { useMutation, useQuery } from '@lena/graphql-client/react';
import { QueryView } from '@lena/portal-kit';
import {
  Alert,
  Button,
  Checkbox,
  DateTime,
  EmptyState,
  Form,
  Link,
  Page,
  requireValues,
  Section,
  Table,
  Tag,
  TextField,
  useFormSubmission,
  VisuallyHidden,
} from '@lena/ui';
import { useState } from 'react';
import { useLocation } from 'react-router';
import { useArchiveTeam } from './use-archive-team.js';

function CreateTeamForm() {
  const [name, setName] = useState('');
  const [created, setCreated] = useState<string | null>(null);
  const form = useFormSubmission();
  const [createTeam] = useMutation(CreateTeamDocument, { refetchQueries: ['Teams'] });
  return (
    <Form
      id="create-team"
      errors={form.errors}
      onSubmit={() => {
        setCreated(null);
        const missing = requireValues([['name', name, 'Enter a team name.']]);
        if (missing) return form.fail(missing);
        void form.submit(async () => {
          try {
            const { data } = await createTeam({ variables: { input: { name: name.trim() } } });
            setCreated(data?.createTeam.name ?? name.trim());
            setName('');
            return null;
          } catch (error) {
            return toFormErrors(error);
          }
        });
      }}
    >
      {created && <Alert tone="success" title={`${created} has been created.`} />}
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
  const flash = (useLocation().state as { flash?: string } | null)?.flash;
  const [archived, setArchived] = useState<string | null>(null);
  const result = useQuery(TeamsDocument, { variables: { includeArchived: showArchived } });
  const archive = useArchiveTeam((team) => setArchived(`${team.name} has been archived.`));

  return (
    <Page title="Teams" lead="Teams are the groups of people who attend sessions together.">
      {(archived ?? flash) && <Alert tone="success" title={archived ?? flash} />}
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
                        '—'
                      ) : (
                        <div className="lena-inline-actions">
                          <Link href={`/teams/${team.id}`}>
                            Manage<VisuallyHidden> {team.name}</VisuallyHidden>
                          </Link>
                          <Button variant="secondary" onClick={() => archive.ask(team)}>
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
      {archive.dialog}
    </Page>
  );
}

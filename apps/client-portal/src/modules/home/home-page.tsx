import { InvitationsDocument, MembersDocument, MyTeamsDocument, TeamsDocument } from '@lena/graphql-client';
import { useQuery } from '@lena/graphql-client/react';
import { Card, QueryView, useViewer } from '@lena/portal-kit';
import { EmptyState, Page, Section } from '@lena/ui';
import { isOrgAdmin } from '../../app/roles.js';

function count(value: number | undefined, one: string, many: string): string {
  if (value === undefined) return '';
  return `${value} ${value === 1 ? one : many}`;
}

function OrganisationOverview({ organisationName }: { organisationName: string }) {
  const teams = useQuery(TeamsDocument);
  const members = useQuery(MembersDocument);
  const invitations = useQuery(InvitationsDocument);
  const pending = invitations.data?.invitations.filter((invitation) => invitation.status === 'PENDING').length;
  return (
    <Page title="Organisation overview" lead={`Manage who from ${organisationName} takes part in Lena’s groups.`}>
      <div className="lena-grid">
        <Card title="Teams" href="/teams" linkText="Manage teams">
          {count(teams.data?.teams.length, 'active team', 'active teams') || 'Group your people into the teams that will attend sessions together.'}
        </Card>
        <Card title="Members" href="/members" linkText="Manage members">
          {count(members.data?.members.length, 'person', 'people') || 'Everyone in your organisation who uses Lena, and their roles.'}
        </Card>
        <Card title="Invitations" href="/invitations" linkText="Manage invitations">
          {count(pending, 'invitation waiting for a reply', 'invitations waiting for a reply') || 'Invite colleagues to join Lena.'}
        </Card>
      </div>
      <Section title="Upcoming sessions">
        <EmptyState title="No sessions scheduled yet" headingLevel={3}>
          <p>Sessions will appear here once your organisation’s programme is scheduled.</p>
        </EmptyState>
      </Section>
    </Page>
  );
}

function ParticipantHome({ name }: { name: string }) {
  const teams = useQuery(MyTeamsDocument);
  return (
    <Page title="Home" lead={`Hello, ${name}.`}>
      <Section title="Upcoming sessions">
        <EmptyState title="No sessions yet" headingLevel={3}>
          <p>Sessions will appear here once your organisation’s programme is scheduled.</p>
        </EmptyState>
      </Section>
      <Section title="Your teams">
        <QueryView result={teams} loadingLabel="Loading your teams">
          {({ myTeams }) =>
            myTeams.length === 0 ? (
              <EmptyState title="You are not in a team yet" headingLevel={3}>
                <p>Your organisation’s Lena admin adds people to teams.</p>
              </EmptyState>
            ) : (
              <ul className="lena-list">
                {myTeams.map((team) => (
                  <li key={team.id}>
                    <strong>{team.name}</strong> <span className="lena-muted">({count(team.memberCount, 'member', 'members')})</span>
                  </li>
                ))}
              </ul>
            )
          }
        </QueryView>
      </Section>
    </Page>
  );
}

export function HomePage() {
  const viewer = useViewer();
  if (isOrgAdmin(viewer)) return <OrganisationOverview organisationName={viewer.tenant?.name ?? 'your organisation'} />;
  return <ParticipantHome name={viewer.displayName} />;
}

import { InvitationsDocument, MembersDocument, MyTeamsDocument, ProgrammesDocument, TeamsDocument } from '@lena/graphql-client';
import { useQuery } from '@lena/graphql-client/react';
import { Card, QueryView, useViewer } from '@lena/portal-kit';
import { EmptyState, Link, Page, Section } from '@lena/ui';
import { isOrgAdmin } from '../../app/roles.js';
import { SharedActionItems } from '../delivery/shared-action-items.js';
import { FeedbackToGive } from '../feedback/feedback-to-give.js';

function count(value: number | undefined, one: string, many: string): string {
  if (value === undefined) return '';
  return `${value} ${value === 1 ? one : many}`;
}

function OrganisationOverview({ organisationName }: { organisationName: string }) {
  const teams = useQuery(TeamsDocument);
  const members = useQuery(MembersDocument);
  const invitations = useQuery(InvitationsDocument);
  const programmes = useQuery(ProgrammesDocument, { variables: { previewCount: 1 } });
  const pending = invitations.data?.invitations.filter((invitation) => invitation.status === 'PENDING').length;
  const waitingOnYou = programmes.data?.programmes.filter((programme) => programme.waitingOn === 'ORG_ADMIN').length;
  return (
    <Page title="Organisation overview" lead={`Manage who from ${organisationName} takes part in Lena’s groups.`}>
      <div className="lena-grid">
        <Card title="Programmes" href="/programmes" linkText="See your programmes">
          {waitingOnYou ? count(waitingOnYou, 'proposal waiting for you', 'proposals waiting for you') : 'Find out which group suits a team, request a programme and enrol people.'}
        </Card>
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
        <p>
          The sessions of your organisation’s programmes are on each <Link href="/programmes">programme’s page</Link>; any you attend yourself are in{' '}
          <Link href="/sessions">My sessions</Link>.
        </p>
      </Section>
    </Page>
  );
}

function ParticipantHome({ name }: { name: string }) {
  const teams = useQuery(MyTeamsDocument);
  return (
    <Page title="Home" lead={`Hello, ${name}.`}>
      <div className="lena-grid">
        <Card title="My sessions" href="/sessions" linkText="See your sessions">
          Your coming group sessions, how to join them, the group agreement and adding sessions to your calendar.
        </Card>
      </div>
      <FeedbackToGive />
      <SharedActionItems />
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

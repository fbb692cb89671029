import { FacilitatorDashboardDocument } from '@lena/graphql-client';
import { useQuery } from '@lena/graphql-client/react';
import { attendanceText, OutcomeChanges, QueryView } from '@lena/portal-kit';
import { DateTime, EmptyState, Page, Section, Table } from '@lena/ui';

/**
 * A facilitator's own programmes in every organisation they work for: sessions, attendance,
 * feedback and outcome change, each as its organisation's dashboard decides it (that
 * organisation's minimum group size). Where a figure is withheld, the API's words show.
 */
export function FacilitatorDashboardPage() {
  const result = useQuery(FacilitatorDashboardDocument, { fetchPolicy: 'cache-and-network' });
  return (
    <Page title="Your programmes’ outcomes" lead="How the programmes you run are going, in every organisation, without showing any one person.">
      <QueryView result={result} loadingLabel="Loading your programmes’ outcomes">
        {({ facilitatorDashboard }) =>
          facilitatorDashboard.organisations.length === 0 ? (
            <EmptyState title="No programmes yet" headingLevel={2}>
              Once you are assigned to a programme, its figures appear here.
            </EmptyState>
          ) : (
            facilitatorDashboard.organisations.map((organisation) => (
              <Section key={organisation.tenantId} title={organisation.name}>
                <p className="lena-muted">
                  {organisation.name} shows a figure only when at least {organisation.minGroupSize} people are behind it.
                </p>
                <Table
                  caption={`Your programmes at ${organisation.name}`}
                  rows={organisation.programmes}
                  rowKey={(programme) => programme.programmeId}
                  columns={[
                    { key: 'programme', header: 'Programme', cell: (programme) => programme.title },
                    {
                      key: 'sessions',
                      header: 'Sessions delivered',
                      cell: (programme) => `${programme.sessions.delivered} of ${programme.sessions.bought} (${programme.sessions.planned} still to come)`,
                    },
                    { key: 'attendance', header: 'Attendance', cell: (programme) => attendanceText(programme.attendance) },
                    {
                      key: 'feedback',
                      header: 'Feedback',
                      cell: (programme) =>
                        programme.feedback === null
                          ? 'No feedback asked yet'
                          : programme.feedback.shown
                            ? `${programme.feedback.responses} responses`
                            : (programme.feedback.message ?? 'Withheld'),
                    },
                  ]}
                />
                {organisation.programmes.map((programme) => (
                  <section key={programme.programmeId} aria-labelledby={`outcomes-${programme.programmeId}`} className="lena-outcome-programme">
                    <h3 id={`outcomes-${programme.programmeId}`}>{programme.title}</h3>
                    <p>
                      {programme.teamName}.
                      {programme.computedAt ? (
                        <>
                          {' '}
                          Figures as of <DateTime value={programme.computedAt} />.
                        </>
                      ) : (
                        ' Not counted yet.'
                      )}
                    </p>
                    {programme.feedback?.shown && programme.feedback.items && (
                      <Table
                        caption={`Feedback means of ${programme.title}`}
                        rows={programme.feedback.items}
                        rowKey={(item) => item.itemId}
                        columns={[
                          { key: 'prompt', header: 'Statement', cell: (item) => item.prompt },
                          { key: 'mean', header: 'Mean (1 to 5)', numeric: true, cell: (item) => (item.mean === null ? '—' : item.mean.toFixed(2)) },
                        ]}
                      />
                    )}
                    <OutcomeChanges changes={programme.changes} caption={`Outcome measures of ${programme.title}`} />
                  </section>
                ))}
              </Section>
            ))
          )
        }
      </QueryView>
    </Page>
  );
}

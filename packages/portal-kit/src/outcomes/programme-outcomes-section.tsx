import { ProgrammeOutcomesDocument } from '@lena/graphql-client';
import { useQuery } from '@lena/graphql-client/react';
import { Section, SummaryList } from '@lena/ui';
import { QueryView } from '../app/query-view.js';
import { attendanceText, OutcomeChanges } from './outcome-figures.js';

/**
 * A programme's outcomes on its page, for its organisation's admins and its assigned facilitators:
 * sessions, attendance and each measure's change from baseline to final, as the API decided them
 * (a figure about fewer people than the minimum reads "Fewer than 5 responses", never a number).
 */
export function ProgrammeOutcomesSection({ programmeId }: { programmeId: string }) {
  const result = useQuery(ProgrammeOutcomesDocument, { variables: { programmeId }, fetchPolicy: 'cache-and-network' });
  return (
    <Section title="Outcomes">
      <QueryView result={result} loadingLabel="Loading the programme’s outcomes">
        {({ programmeOutcomes: outcomes }) => (
          <>
            <p className="lena-muted">
              Changes are worked out from people who answered both the first and the last measure, paired without names. Figures are shown only for at least {outcomes.minGroupSize}{' '}
              people.
            </p>
            <SummaryList
              rows={[
                {
                  key: 'sessions',
                  label: 'Sessions',
                  value: `${outcomes.sessions.delivered} delivered of ${outcomes.sessions.bought} bought; ${outcomes.sessions.planned} still to come, ${outcomes.sessions.cancelled} cancelled`,
                },
                { key: 'attendance', label: 'Attendance', value: attendanceText(outcomes.attendance) },
              ]}
            />
            <h3>Change from the first to the last measure</h3>
            <OutcomeChanges changes={outcomes.changes} caption={`Outcome measures of ${outcomes.title}`} />
          </>
        )}
      </QueryView>
    </Section>
  );
}

import { programmeHistoryActorText, programmeHistoryEventLabel, ProgrammeHistoryDocument } from '@lena/graphql-client';
import { useQuery } from '@lena/graphql-client/react';
import { DateTime, Section, Table, viewerTimeZone } from '@lena/ui';
import { QueryView } from '../app/query-view.js';

/**
 * A programme's history on its page in either portal: each step with when (in the viewer's zone),
 * who and the reason given. The API decides what the viewer may see (names on their own side,
 * overridden conflicts only for Lena's staff) and refuses participants, so only the pages of
 * people who may see it show this section.
 */
export function ProgrammeHistorySection({ programmeId }: { programmeId: string }) {
  const result = useQuery(ProgrammeHistoryDocument, { variables: { id: programmeId }, fetchPolicy: 'cache-and-network' });
  return (
    <Section title="History">
      <QueryView result={result} loadingLabel="Loading the programme’s history">
        {({ programme }) =>
          programme.history.length === 0 ? (
            <p>Nothing has happened to this programme yet.</p>
          ) : (
            <>
              <p className="lena-muted">Oldest first. Times are in your time zone ({viewerTimeZone()}).</p>
              <Table
                caption="Programme history"
                captionHidden
                rows={programme.history}
                rowKey={(entry) => entry.id}
                columns={[
                  { key: 'when', header: 'When', cell: (entry) => <DateTime value={entry.occurredAt} /> },
                  { key: 'what', header: 'What happened', cell: (entry) => programmeHistoryEventLabel[entry.event] },
                  { key: 'who', header: 'Who', cell: (entry) => programmeHistoryActorText(entry.party, entry.actorName, programme.tenantName) },
                  { key: 'reason', header: 'Reason given', cell: (entry) => entry.reason ?? '—' },
                ]}
              />
            </>
          )
        }
      </QueryView>
    </Section>
  );
}

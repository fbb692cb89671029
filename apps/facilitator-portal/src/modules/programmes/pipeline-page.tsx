import { ProgrammePipelineDocument, serviceLabel, type ProgrammeFieldsFragment } from '@lena/graphql-client';
import { useQuery } from '@lena/graphql-client/react';
import { QueryView, useLocationFlash } from '@lena/portal-kit';
import { DateTime, EmptyState, Link, Page, Section, Table, useOutcome } from '@lena/ui';
import { waitingText } from './programme-labels.js';

function PipelineTable({ caption, rows, action }: { caption: string; rows: readonly ProgrammeFieldsFragment[]; action: (programme: ProgrammeFieldsFragment) => string }) {
  return (
    <Table
      caption={caption}
      captionHidden
      rows={rows}
      rowKey={(programme) => programme.id}
      columns={[
        {
          key: 'programme',
          header: 'Programme',
          cell: (programme) => <Link href={action(programme)}>{programme.title}</Link>,
        },
        { key: 'organisation', header: 'Organisation', cell: (programme) => programme.tenantName },
        { key: 'team', header: 'Team', cell: (programme) => programme.teamName ?? '—' },
        { key: 'service', header: 'Service', cell: (programme) => serviceLabel[programme.serviceType] },
        { key: 'waiting', header: 'Waiting on', cell: (programme) => waitingText(programme.status, programme.waitingOn) },
        // The last change is when it started waiting: a request when made, a proposal when sent.
        { key: 'since', header: 'Since', cell: (programme) => <DateTime value={programme.updatedAt} /> },
      ]}
    />
  );
}

/**
 * What is waiting in every organisation, oldest first: requests for Lena to propose facilitators
 * and a schedule, and proposals waiting for the organisation to accept them.
 */
export function PipelinePage() {
  const result = useQuery(ProgrammePipelineDocument, { fetchPolicy: 'cache-and-network' });
  const proposed = useOutcome();
  useLocationFlash(proposed);
  return (
    <Page title="Programmes" lead="Requests waiting for a proposal, and proposals waiting for the organisation. Times are in your time zone.">
      {proposed.banner}
      <QueryView result={result} loadingLabel="Loading the programme pipeline">
        {({ programmePipeline }) => {
          const requests = programmePipeline.filter((programme) => programme.status === 'REQUESTED');
          const proposals = programmePipeline.filter((programme) => programme.status === 'PROPOSED');
          return (
            <>
              <Section title="Requests to propose">
                {requests.length === 0 ? (
                  <EmptyState title="No requests waiting" headingLevel={3}>
                    <p>When an organisation requests a programme, it appears here for you to propose facilitators and a schedule.</p>
                  </EmptyState>
                ) : (
                  <PipelineTable caption="Requests waiting for a proposal" rows={requests} action={(programme) => `/admin/programmes/${programme.id}/propose`} />
                )}
              </Section>
              <Section title="Awaiting acceptance">
                {proposals.length === 0 ? (
                  <EmptyState title="No proposals waiting" headingLevel={3}>
                    <p>Proposals you send appear here until the organisation accepts them or asks for changes.</p>
                  </EmptyState>
                ) : (
                  <PipelineTable caption="Proposals awaiting acceptance" rows={proposals} action={(programme) => `/programmes/${programme.id}`} />
                )}
              </Section>
            </>
          );
        }}
      </QueryView>
    </Page>
  );
}

import { ProgrammesDocument, serviceLabel } from '@lena/graphql-client';
import { useQuery } from '@lena/graphql-client/react';
import { QueryView, useLocationFlash } from '@lena/portal-kit';
import { ButtonLink, DateTime, EmptyState, Link, Page, Section, Table, Tag, useOutcome } from '@lena/ui';
import { programmeStatusLabel, waitingOnLabel } from './programme-labels.js';
import { ReminderSettings } from './reminder-settings.js';

/** The organisation's programmes, newest first, with where each stands and whose move it is. */
export function ProgrammesPage() {
  const outcome = useOutcome();
  useLocationFlash(outcome);
  // Always asked again on opening: a request made or a proposal made since must show.
  const result = useQuery(ProgrammesDocument, { variables: { previewCount: 1 }, fetchPolicy: 'cache-and-network' });
  return (
    <Page
      title="Programmes"
      lead="The groups your teams have asked for, and where each one stands."
      actions={
        <div className="lena-button-group">
          <ButtonLink href="/needs-assessment" variant="secondary">
            Which suits best?
          </ButtonLink>
          <ButtonLink href="/programmes/request">Request a programme</ButtonLink>
        </div>
      }
    >
      {outcome.banner}
      <Section title="Your organisation’s programmes">
        <QueryView result={result} loadingLabel="Loading programmes">
          {({ programmes }) =>
            programmes.length === 0 ? (
              <EmptyState title="No programmes yet" headingLevel={3}>
                <p>
                  Start with a <Link href="/needs-assessment">needs assessment</Link> of a team, or <Link href="/programmes/request">request a programme</Link> directly.
                </p>
              </EmptyState>
            ) : (
              <Table
                caption="Programmes"
                captionHidden
                rows={programmes}
                rowKey={(programme) => programme.id}
                columns={[
                  { key: 'title', header: 'Programme', cell: (programme) => <Link href={`/programmes/${programme.id}`}>{programme.title}</Link> },
                  { key: 'team', header: 'Team', cell: (programme) => programme.teamName ?? '—' },
                  { key: 'service', header: 'Service', cell: (programme) => serviceLabel[programme.serviceType] },
                  {
                    key: 'status',
                    header: 'Status',
                    cell: (programme) => <Tag tone={programmeStatusLabel[programme.status].tone}>{programmeStatusLabel[programme.status].label}</Tag>,
                  },
                  { key: 'waiting', header: 'Waiting on', cell: (programme) => waitingOnLabel(programme.waitingOn) },
                  { key: 'first', header: 'First session', cell: (programme) => <DateTime value={programme.schedulePreview[0]?.startsAt ?? ''} /> },
                ]}
              />
            )
          }
        </QueryView>
      </Section>
      <ReminderSettings />
    </Page>
  );
}

import { serviceLabel, type ProgrammeFieldsFragment } from '@lena/graphql-client';
import { DateTime, SummaryList, Tag } from '@lena/ui';
import { programmeStatusLabel, waitingText } from './programme-labels.js';

/** Who the request is for and what was asked, above a proposal and on the programme's page. */
export function ProgrammeSummary({ programme }: { programme: ProgrammeFieldsFragment }) {
  return (
    <SummaryList
      rows={[
        { key: 'organisation', label: 'Organisation', value: programme.tenantName },
        ...(programme.teamName ? [{ key: 'team', label: 'Team', value: programme.teamName }] : []),
        { key: 'service', label: 'Service', value: serviceLabel[programme.serviceType] },
        { key: 'status', label: 'Status', value: <Tag tone={programme.status === 'CANCELLED' ? 'grey' : 'blue'}>{programmeStatusLabel[programme.status]}</Tag> },
        { key: 'waiting', label: 'Waiting on', value: waitingText(programme.status, programme.waitingOn) },
        { key: 'since', label: 'Last changed', value: <DateTime value={programme.updatedAt} /> },
      ]}
    />
  );
}

import { roleLabel, TenantMembersDocument } from '@lena/graphql-client';
import { useQuery } from '@lena/graphql-client/react';
import { QueryView } from '@lena/portal-kit';
import { DateTime, EmptyState, Section, Table } from '@lena/ui';

/** The organisation's people and their roles: who has accepted, beside the invitations still out. */
export function TenantPeople({ tenantId }: { tenantId: string }) {
  const result = useQuery(TenantMembersDocument, { variables: { tenantId } });
  return (
    <Section title="People">
      <QueryView result={result} loadingLabel="Loading the organisation’s people">
        {({ tenantMembers }) =>
          tenantMembers.length === 0 ? (
            <EmptyState title="No one has joined yet" headingLevel={3}>
              <p>People appear here once they accept their invitation.</p>
            </EmptyState>
          ) : (
            <Table
              caption="People in this organisation"
              captionHidden
              rows={tenantMembers}
              rowKey={(member) => member.userId}
              columns={[
                { key: 'name', header: 'Name', cell: (member) => member.displayName },
                { key: 'email', header: 'Email address', cell: (member) => member.email },
                { key: 'role', header: 'Role', cell: (member) => roleLabel[member.role] },
                {
                  key: 'teams',
                  header: 'Teams',
                  cell: (member) => (member.teamIds.length === 0 ? 'None' : member.teamIds.length === 1 ? '1 team' : `${member.teamIds.length} teams`),
                },
                { key: 'joined', header: 'Joined', cell: (member) => <DateTime value={member.joinedAt} /> },
              ]}
            />
          )
        }
      </QueryView>
    </Section>
  );
}

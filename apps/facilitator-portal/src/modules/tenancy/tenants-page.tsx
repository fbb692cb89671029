import { TenantsDocument } from '@lena/graphql-client';
import { useQuery } from '@lena/graphql-client/react';
import { QueryView } from '@lena/portal-kit';
import { ButtonLink, DateTime, EmptyState, Link, Page, Table } from '@lena/ui';
import { TenantStatusTag } from './tenant-status-tag.js';

export function TenantsPage() {
  const result = useQuery(TenantsDocument);
  return (
    <Page title="Organisations" actions={<ButtonLink href="/admin/tenants/new">Add organisation</ButtonLink>}>
      <QueryView result={result} loadingLabel="Loading organisations">
        {({ tenants }) =>
          tenants.length === 0 ? (
            <EmptyState title="No organisations yet">
              <p>Add the first client organisation to start onboarding its people.</p>
            </EmptyState>
          ) : (
            <Table
              caption="Organisations"
              captionHidden
              rows={tenants}
              rowKey={(tenant) => tenant.id}
              columns={[
                { key: 'name', header: 'Name', cell: (tenant) => <Link href={`/admin/tenants/${tenant.id}`}>{tenant.name}</Link> },
                { key: 'slug', header: 'Short name', cell: (tenant) => tenant.slug },
                { key: 'timeZone', header: 'Time zone', cell: (tenant) => tenant.timeZone },
                { key: 'status', header: 'Status', cell: (tenant) => <TenantStatusTag status={tenant.status} /> },
                { key: 'created', header: 'Created', cell: (tenant) => <DateTime value={tenant.createdAt} dateOnly /> },
              ]}
            />
          )
        }
      </QueryView>
    </Page>
  );
}

import { tenantStatusLabel, type TenantStatus } from '@lena/graphql-client';
import { Tag } from '@lena/ui';

export function TenantStatusTag({ status }: { status: TenantStatus }) {
  return <Tag tone={status === 'ACTIVE' ? 'green' : 'red'}>{tenantStatusLabel[status]}</Tag>;
}

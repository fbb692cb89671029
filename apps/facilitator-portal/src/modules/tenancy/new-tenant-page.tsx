import { CreateTenantDocument } from '@lena/graphql-client';
import { useMutation } from '@lena/graphql-client/react';
import { flashState } from '@lena/portal-kit';
import { Link, Page } from '@lena/ui';
import { useNavigate } from 'react-router';
import { DEFAULT_TENANT_VALUES, TenantForm } from './tenant-form.js';

export function NewTenantPage() {
  const [createTenant] = useMutation(CreateTenantDocument, { refetchQueries: ['Tenants'] });
  const navigate = useNavigate();
  return (
    <Page title="Add an organisation" backLink={<Link href="/admin/tenants">Back to organisations</Link>}>
      <TenantForm
        id="create-tenant"
        initial={DEFAULT_TENANT_VALUES}
        submitLabel="Create organisation"
        suggestSlugFromName
        onSubmit={async (input) => {
          const { data } = await createTenant({ variables: { input } });
          if (data) navigate(`/admin/tenants/${data.createTenant.id}`, { state: flashState(`${data.createTenant.name} has been created.`) });
        }}
      />
    </Page>
  );
}

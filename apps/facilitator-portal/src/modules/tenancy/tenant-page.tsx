import {
  InviteOrgAdminDocument,
  ReactivateTenantDocument,
  ResendInvitationDocument,
  SuspendTenantDocument,
  TenantDocument,
  TenantInvitationsDocument,
  UpdateTenantDocument,
  type TenantFieldsFragment,
} from '@lena/graphql-client';
import { useMutation, useQuery } from '@lena/graphql-client/react';
import { InviteForm, ManagedInvitations, QueryView, useConfirmation, useLocationFlash } from '@lena/portal-kit';
import { Button, ConfirmDialog, DateTime, Link, Page, Section, SummaryList, useOutcome } from '@lena/ui';
import { useParams } from 'react-router';
import { invitationRoleColumn } from '../invitations/invitation-role-column.js';
import { TenantForm } from './tenant-form.js';
import { TenantPeople } from './tenant-people.js';
import { TenantStatusTag } from './tenant-status-tag.js';

function TenantDetails({ tenant }: { tenant: TenantFieldsFragment }) {
  const [updateTenant] = useMutation(UpdateTenantDocument);
  const saved = useOutcome();
  return (
    <>
      {saved.banner}
      <TenantForm
        id="edit-tenant"
        initial={tenant}
        submitLabel="Save changes"
        onSubmit={async (values) => {
          const { data } = await updateTenant({ variables: { input: { id: tenant.id, ...values } } });
          saved.success(`Your changes to ${data?.updateTenant.name ?? values.name} have been saved.`);
        }}
      />
    </>
  );
}

function TenantStatusSection({ tenant }: { tenant: TenantFieldsFragment }) {
  const done = useOutcome();
  const [suspend, suspendState] = useMutation(SuspendTenantDocument);
  const [reactivate, reactivateState] = useMutation(ReactivateTenantDocument);
  const active = tenant.status === 'ACTIVE';
  const busy = suspendState.loading || reactivateState.loading;

  const statusChange = useConfirmation(async () => {
    if (active) await suspend({ variables: { id: tenant.id } });
    else await reactivate({ variables: { id: tenant.id } });
    done.success(active ? `${tenant.name} has been suspended.` : `${tenant.name} has been reactivated.`);
  });

  return (
    <Section title="Status">
      {done.banner}
      <SummaryList
        rows={[
          { key: 'status', label: 'Status', value: <TenantStatusTag status={tenant.status} /> },
          ...(tenant.suspendedAt ? [{ key: 'suspended', label: 'Suspended', value: <DateTime value={tenant.suspendedAt} /> }] : []),
          { key: 'created', label: 'Created', value: <DateTime value={tenant.createdAt} /> },
          { key: 'updated', label: 'Last changed', value: <DateTime value={tenant.updatedAt} /> },
        ]}
      />
      <p>
        {active
          ? 'Suspending keeps every record, but signs the organisation’s people out and stops them signing in.'
          : 'Reactivating lets the organisation’s people sign in again.'}
      </p>
      <Button variant={active ? 'danger' : 'primary'} onClick={() => statusChange.ask(true)}>
        {active ? 'Suspend organisation' : 'Reactivate organisation'}
      </Button>
      <ConfirmDialog
        title={active ? `Suspend ${tenant.name}?` : `Reactivate ${tenant.name}?`}
        confirmLabel={active ? 'Yes, suspend organisation' : 'Yes, reactivate organisation'}
        tone={active ? 'danger' : 'primary'}
        busy={busy}
        {...statusChange.dialog}
      >
        <p>{active ? 'Its people will be signed out at once and cannot sign in until you reactivate it. Nothing is deleted.' : 'Its people will be able to sign in again.'}</p>
      </ConfirmDialog>
    </Section>
  );
}

function TenantInvitations({ tenantId }: { tenantId: string }) {
  const result = useQuery(TenantInvitationsDocument, { variables: { tenantId } });
  const [invite] = useMutation(InviteOrgAdminDocument, { refetchQueries: ['TenantInvitations'] });
  const [resend] = useMutation(ResendInvitationDocument);
  return (
    <>
      <Section title="Invite an organisation admin">
        <InviteForm
          id="invite-org-admin"
          send={({ email, displayName }) => invite({ variables: { input: { tenantId, email, displayName } } })}
          resend={(id) => resend({ variables: { id } })}
        />
      </Section>
      <Section title="Invitations">
        <QueryView result={result} loadingLabel="Loading invitations">
          {(data) => <ManagedInvitations invitations={data.tenantInvitations} caption="Invitations" extraColumns={[invitationRoleColumn]} />}
        </QueryView>
      </Section>
    </>
  );
}

export function TenantPage() {
  const { id = '' } = useParams();
  const created = useOutcome();
  useLocationFlash(created);
  const result = useQuery(TenantDocument, { variables: { id } });
  const backLink = <Link href="/admin/tenants">Back to organisations</Link>;
  const tenant = result.data?.tenant;
  return (
    <Page title={tenant?.name ?? 'Organisation'} backLink={backLink}>
      {created.banner}
      <QueryView result={result} loadingLabel="Loading the organisation">
        {({ tenant: loaded }) => (
          <>
            <TenantStatusSection tenant={loaded} />
            <Section title="Details">
              <TenantDetails tenant={loaded} />
            </Section>
            <TenantPeople tenantId={loaded.id} />
            <TenantInvitations tenantId={loaded.id} />
          </>
        )}
      </QueryView>
    </Page>
  );
}

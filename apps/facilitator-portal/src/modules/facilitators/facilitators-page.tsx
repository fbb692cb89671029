import {
  describeError,
  FacilitatorsDocument,
  InviteFacilitatorDocument,
  ResendInvitationDocument,
  serviceLabel,
  SetFacilitatorActiveDocument,
  StaffInvitationsDocument,
  type FacilitatorFieldsFragment,
} from '@lena/graphql-client';
import { useMutation, useQuery } from '@lena/graphql-client/react';
import { InviteForm, ManagedInvitations, QueryView, useConfirmation } from '@lena/portal-kit';
import { Button, ConfirmDialog, EmptyState, Page, Section, Table, Tag, useOutcome, VisuallyHidden } from '@lena/ui';
import { useState } from 'react';
import { invitationRoleColumn } from '../invitations/invitation-role-column.js';

function FacilitatorsTable({ facilitators }: { facilitators: readonly FacilitatorFieldsFragment[] }) {
  const [setActive, { loading }] = useMutation(SetFacilitatorActiveDocument);
  const outcome = useOutcome();
  const [activatingId, setActivatingId] = useState<string | null>(null);
  const deactivation = useConfirmation(async (facilitator: FacilitatorFieldsFragment) => {
    await setActive({ variables: { userId: facilitator.userId, active: false } });
    outcome.success(`${facilitator.displayName} has been deactivated.`);
  });
  const deactivating = deactivation.target;

  // Activating asks nothing (it is undone by deactivating); its errors show on the page.
  const activate = async (facilitator: FacilitatorFieldsFragment) => {
    setActivatingId(facilitator.userId);
    try {
      await setActive({ variables: { userId: facilitator.userId, active: true } });
      outcome.success(`${facilitator.displayName} has been activated.`);
    } catch (error) {
      outcome.error(describeError(error).message);
    } finally {
      setActivatingId(null);
    }
  };

  if (facilitators.length === 0) {
    return (
      <EmptyState title="No facilitators yet" headingLevel={3}>
        <p>Facilitators appear here once they accept their invitation.</p>
      </EmptyState>
    );
  }
  return (
    <>
      {outcome.banner}
      <Table
        caption="Facilitators"
        captionHidden
        rows={facilitators}
        rowKey={(facilitator) => facilitator.userId}
        columns={[
          { key: 'name', header: 'Name', cell: (facilitator) => facilitator.displayName },
          { key: 'email', header: 'Email address', cell: (facilitator) => facilitator.email },
          {
            key: 'services',
            header: 'Services',
            cell: (facilitator) => (facilitator.services.length > 0 ? facilitator.services.map((service) => serviceLabel[service]).join(', ') : 'None yet'),
          },
          {
            key: 'status',
            header: 'Status',
            cell: (facilitator) => <Tag tone={facilitator.active ? 'green' : 'grey'}>{facilitator.active ? 'Active' : 'Inactive'}</Tag>,
          },
          {
            key: 'actions',
            header: 'Actions',
            cell: (facilitator) =>
              facilitator.active ? (
                <Button variant="secondary" onClick={() => deactivation.ask(facilitator)}>
                  Deactivate<VisuallyHidden> {facilitator.displayName}</VisuallyHidden>
                </Button>
              ) : (
                <Button variant="secondary" busy={activatingId === facilitator.userId} onClick={() => void activate(facilitator)}>
                  Activate<VisuallyHidden> {facilitator.displayName}</VisuallyHidden>
                </Button>
              ),
          },
        ]}
      />
      <ConfirmDialog title={`Deactivate ${deactivating?.displayName ?? ''}?`} confirmLabel="Yes, deactivate" busy={loading} {...deactivation.dialog}>
        <p>They will be signed out everywhere at once and cannot sign in until you activate them again.</p>
      </ConfirmDialog>
    </>
  );
}

export function FacilitatorsPage() {
  const facilitators = useQuery(FacilitatorsDocument);
  const invitations = useQuery(StaffInvitationsDocument);
  const [invite] = useMutation(InviteFacilitatorDocument, { refetchQueries: ['StaffInvitations'] });
  const [resend] = useMutation(ResendInvitationDocument);
  return (
    <Page title="Facilitators">
      <Section title="Invite a facilitator">
        <InviteForm id="invite-facilitator" send={(input) => invite({ variables: { input } })} resend={(id) => resend({ variables: { id } })} />
      </Section>
      <Section title="Facilitators">
        <QueryView result={facilitators} loadingLabel="Loading facilitators">
          {(data) => <FacilitatorsTable facilitators={data.facilitators} />}
        </QueryView>
      </Section>
      <Section title="Invitations">
        <QueryView result={invitations} loadingLabel="Loading invitations">
          {(data) => <ManagedInvitations invitations={data.staffInvitations} caption="Staff invitations" extraColumns={[invitationRoleColumn]} />}
        </QueryView>
      </Section>
    </Page>
  );
}

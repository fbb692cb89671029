import { ResendInvitationDocument, RevokeInvitationDocument, type InvitationFieldsFragment } from '@lena/graphql-client';
import { useMutation } from '@lena/graphql-client/react';
import { Button, ConfirmDialog, useOutcome, VisuallyHidden } from '@lena/ui';
import { useConfirmation } from '../hooks/use-confirmation.js';
import { InvitationsTable, type InvitationsTableProps } from './invitations-table.js';

export type ManagedInvitationsProps = Omit<InvitationsTableProps, 'actions'>;

type Intent = { action: 'resend' | 'revoke'; invitation: InvitationFieldsFragment };

/**
 * Invitations with what may be done to each, after a confirmation: "Resend" (a fresh link, the
 * old one stops working) while pending or expired, and "Revoke" while pending. The API decides
 * who may: organisation admins their own organisation's, platform admins any.
 */
export function ManagedInvitations(table: ManagedInvitationsProps) {
  const done = useOutcome();
  // Each answers with the invitation as it now is: Apollo's cache updates its row.
  const [resend, resendState] = useMutation(ResendInvitationDocument);
  const [revoke, revokeState] = useMutation(RevokeInvitationDocument);
  const confirmation = useConfirmation(async ({ action, invitation }: Intent) => {
    if (action === 'resend') await resend({ variables: { id: invitation.id } });
    else await revoke({ variables: { id: invitation.id } });
    done.success(action === 'resend' ? `A new invitation has been sent to ${invitation.email}.` : `The invitation for ${invitation.email} has been revoked.`);
  });
  const intent = confirmation.target;

  const start = (next: Intent) => {
    done.clear();
    confirmation.ask(next);
  };

  const resending = intent?.action === 'resend';
  return (
    <>
      {done.banner}
      <InvitationsTable
        {...table}
        actions={(invitation) =>
          (invitation.status === 'PENDING' || invitation.status === 'EXPIRED') && (
            <div className="lena-inline-actions">
              <Button variant="secondary" onClick={() => start({ action: 'resend', invitation })}>
                Resend <VisuallyHidden>invitation to {invitation.email}</VisuallyHidden>
              </Button>
              {invitation.status === 'PENDING' && (
                <Button variant="secondary" onClick={() => start({ action: 'revoke', invitation })}>
                  Revoke <VisuallyHidden>invitation for {invitation.email}</VisuallyHidden>
                </Button>
              )}
            </div>
          )
        }
      />
      <ConfirmDialog
        title={resending ? `Send a new invitation to ${intent.invitation.email}?` : `Revoke the invitation for ${intent?.invitation.email ?? ''}?`}
        confirmLabel={resending ? 'Yes, send a new invitation' : 'Yes, revoke invitation'}
        tone={resending ? 'primary' : 'danger'}
        busy={resendState.loading || revokeState.loading}
        {...confirmation.dialog}
      >
        <p>
          {resending
            ? 'They will get an email with a new link that works for as long as a new invitation would. The link in the earlier email will stop working.'
            : 'The link in their email will stop working. You can invite them again later.'}
        </p>
      </ConfirmDialog>
    </>
  );
}

import { roleLabel, type InvitationFieldsFragment } from '@lena/graphql-client';
import { InvitationStatusTag } from '@lena/portal-kit';
import { DateTime, EmptyState, Table } from '@lena/ui';

/** Invitations, newest first, with their status. */
export function InvitationsTable({ invitations, caption }: { invitations: readonly InvitationFieldsFragment[]; caption: string }) {
  if (invitations.length === 0) {
    return (
      <EmptyState title="No invitations yet" headingLevel={3}>
        <p>Invitations you send appear here with their status.</p>
      </EmptyState>
    );
  }
  const rows = [...invitations].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  return (
    <Table
      caption={caption}
      captionHidden
      rows={rows}
      rowKey={(invitation) => invitation.id}
      columns={[
        { key: 'email', header: 'Email address', cell: (invitation) => invitation.email },
        { key: 'name', header: 'Name', cell: (invitation) => invitation.displayName ?? '—' },
        { key: 'role', header: 'Role', cell: (invitation) => roleLabel[invitation.role] },
        { key: 'status', header: 'Status', cell: (invitation) => <InvitationStatusTag status={invitation.status} /> },
        { key: 'sent', header: 'Sent', cell: (invitation) => <DateTime value={invitation.createdAt} /> },
        {
          key: 'expires',
          header: 'Expires',
          cell: (invitation) => (invitation.status === 'PENDING' ? <DateTime value={invitation.expiresAt} /> : '—'),
        },
      ]}
    />
  );
}

import type { InvitationFieldsFragment } from '@lena/graphql-client';
import { DateTime, EmptyState, Table, type Column } from '@lena/ui';
import type { ReactNode } from 'react';
import { InvitationStatusTag } from './invitation-status-tag.js';

export interface InvitationsTableProps {
  invitations: readonly InvitationFieldsFragment[];
  /** Names the table for assistive technology, e.g. "Sent invitations". */
  caption: string;
  /** Columns of the portal's own, after "Name", e.g. the team or the role. */
  extraColumns?: ReadonlyArray<Column<InvitationFieldsFragment>>;
  /** Adds an "Actions" column: what to offer for each invitation (e.g. "Revoke" while pending), or nothing. */
  actions?: (invitation: InvitationFieldsFragment) => ReactNode;
}

/** Invitations, newest first, with their status and when they expire; "No invitations yet" when there are none. */
export function InvitationsTable({ invitations, caption, extraColumns = [], actions }: InvitationsTableProps) {
  if (invitations.length === 0) {
    return (
      <EmptyState title="No invitations yet" headingLevel={3}>
        <p>Invitations you send appear here with their status.</p>
      </EmptyState>
    );
  }
  const rows = [...invitations].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const columns: Column<InvitationFieldsFragment>[] = [
    { key: 'email', header: 'Email address', cell: (invitation) => invitation.email },
    { key: 'name', header: 'Name', cell: (invitation) => invitation.displayName ?? '—' },
    ...extraColumns,
    { key: 'status', header: 'Status', cell: (invitation) => <InvitationStatusTag status={invitation.status} /> },
    { key: 'sent', header: 'Sent', cell: (invitation) => <DateTime value={invitation.createdAt} /> },
    {
      key: 'expires',
      header: 'Expires',
      cell: (invitation) => (invitation.status === 'PENDING' ? <DateTime value={invitation.expiresAt} /> : '—'),
    },
  ];
  if (actions) columns.push({ key: 'actions', header: 'Actions', cell: (invitation) => actions(invitation) || '—' });
  return <Table caption={caption} captionHidden rows={rows} rowKey={(invitation) => invitation.id} columns={columns} />;
}

import { roleLabel, type InvitationFieldsFragment } from '@lena/graphql-client';
import type { Column } from '@lena/ui';

/** The role an invitation gives (facilitator, organisation admin): the admin pages show it after the name. */
export const invitationRoleColumn: Column<InvitationFieldsFragment> = { key: 'role', header: 'Role', cell: (invitation) => roleLabel[invitation.role] };

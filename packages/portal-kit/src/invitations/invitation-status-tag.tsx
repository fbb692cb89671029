import { invitationStatusLabel, type InvitationStatus } from '@lena/graphql-client';
import { Tag, type TagTone } from '@lena/ui';

const STATUS_TONE: Record<InvitationStatus, TagTone> = { PENDING: 'blue', ACCEPTED: 'green', EXPIRED: 'grey', REVOKED: 'red' };

/** An invitation's status as both portals show it. */
export function InvitationStatusTag({ status }: { status: InvitationStatus }) {
  return <Tag tone={STATUS_TONE[status]}>{invitationStatusLabel[status]}</Tag>;
}

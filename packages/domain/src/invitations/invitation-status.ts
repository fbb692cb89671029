/**
 * Where an invitation stands. Acceptance is final, and beats a later revocation (an accepted
 * invitation cannot be revoked) and the passing of its expiry; a revoked link stays revoked even
 * once it would have expired; otherwise the link works until `expiresAt`, exclusive.
 */
export const InvitationStatus = {
  PENDING: 'PENDING',
  ACCEPTED: 'ACCEPTED',
  EXPIRED: 'EXPIRED',
  REVOKED: 'REVOKED',
} as const;
export type InvitationStatus = (typeof InvitationStatus)[keyof typeof InvitationStatus];

export interface InvitationState {
  acceptedAt: Date | null;
  revokedAt: Date | null;
  expiresAt: Date;
}

export function invitationStatus(invitation: InvitationState, now: Date = new Date()): InvitationStatus {
  if (invitation.acceptedAt) return InvitationStatus.ACCEPTED;
  if (invitation.revokedAt) return InvitationStatus.REVOKED;
  return invitation.expiresAt.getTime() <= now.getTime() ? InvitationStatus.EXPIRED : InvitationStatus.PENDING;
}

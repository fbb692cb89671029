/**
 * A team's life: active, then archived (it stops meeting; its history stays and it can be
 * restored), then perhaps deleted (gone from every screen for good). An archived team keeps its
 * name, so restoring it can never clash with a newer team; the name is free for another team only
 * once the archived team is renamed or deleted. Deleting is the second step after archiving, as in
 * most mature products, so that one click can never lose a team that still meets.
 */
export const TeamStatus = {
  ACTIVE: 'ACTIVE',
  ARCHIVED: 'ARCHIVED',
  DELETED: 'DELETED',
} as const;
export type TeamStatus = (typeof TeamStatus)[keyof typeof TeamStatus];

export const TeamAction = {
  RENAME: 'RENAME',
  ARCHIVE: 'ARCHIVE',
  RESTORE: 'RESTORE',
  DELETE: 'DELETE',
  ADD_MEMBER: 'ADD_MEMBER',
  REMOVE_MEMBER: 'REMOVE_MEMBER',
  INVITE: 'INVITE',
} as const;
export type TeamAction = (typeof TeamAction)[keyof typeof TeamAction];

export interface TeamLifecycleState {
  archivedAt: Date | null;
  deletedAt?: Date | null;
}

export function teamStatus(team: TeamLifecycleState): TeamStatus {
  if (team.deletedAt) return TeamStatus.DELETED;
  return team.archivedAt ? TeamStatus.ARCHIVED : TeamStatus.ACTIVE;
}

const REFUSALS: Record<TeamStatus, Partial<Record<TeamAction, string>>> = {
  ACTIVE: {
    RESTORE: 'This team is not archived, so there is nothing to restore.',
    DELETE: 'Archive the team before deleting it.',
  },
  ARCHIVED: {
    // Archiving again changes nothing: the original date stays.
    ADD_MEMBER: 'People cannot be added to an archived team. Restore it first.',
    REMOVE_MEMBER: 'The members of an archived team cannot be changed. Restore it first.',
    INVITE: 'People cannot be invited to an archived team. Restore it first, or choose another team.',
  },
  DELETED: Object.fromEntries(Object.values(TeamAction).map((action) => [action, 'This team has been deleted.'])),
};

/** Why `action` cannot be done to a team in this state (a message fit to show), or null when it can. */
export function teamActionRefusal(team: TeamLifecycleState, action: TeamAction): string | null {
  return REFUSALS[teamStatus(team)][action] ?? null;
}

/**
 * Whether the team's name is taken from other teams of its organisation. Every team that is not
 * deleted holds its name, archived ones too: the database's unique index on
 * (tenant_id, lower(name)) covers the same rows (`team_name_key`, WHERE deleted_at IS NULL).
 */
export function teamHoldsName(team: TeamLifecycleState): boolean {
  return teamStatus(team) !== TeamStatus.DELETED;
}

import { TeamAction, teamActionRefusal, teamHoldsName, TeamStatus, teamStatus } from './team-lifecycle.js';

const when = new Date('2026-03-01T09:00:00Z');
const active = { archivedAt: null, deletedAt: null };
const archived = { archivedAt: when, deletedAt: null };
const deleted = { archivedAt: when, deletedAt: new Date('2026-04-01T09:00:00Z') };

describe('teamStatus', () => {
  it('is active, archived or deleted from the two dates', () => {
    expect(teamStatus(active)).toBe(TeamStatus.ACTIVE);
    expect(teamStatus({ archivedAt: null })).toBe(TeamStatus.ACTIVE);
    expect(teamStatus(archived)).toBe(TeamStatus.ARCHIVED);
    expect(teamStatus(deleted)).toBe(TeamStatus.DELETED);
  });
});

describe('teamActionRefusal', () => {
  it('lets an active team be renamed, archived, have its members changed and people invited to it, but not restored or deleted', () => {
    const allowed = Object.values(TeamAction).filter((action) => teamActionRefusal(active, action) === null);
    expect(allowed.sort()).toEqual([TeamAction.ADD_MEMBER, TeamAction.ARCHIVE, TeamAction.INVITE, TeamAction.REMOVE_MEMBER, TeamAction.RENAME].sort());
    expect(teamActionRefusal(active, TeamAction.DELETE)).toBe('Archive the team before deleting it.');
    expect(teamActionRefusal(active, TeamAction.RESTORE)).toMatch(/not archived/);
  });

  it('lets an archived team be restored, renamed (to free its name) or deleted, but freezes its members', () => {
    const allowed = Object.values(TeamAction).filter((action) => teamActionRefusal(archived, action) === null);
    expect(allowed.sort()).toEqual([TeamAction.ARCHIVE, TeamAction.DELETE, TeamAction.RENAME, TeamAction.RESTORE].sort());
    expect(teamActionRefusal(archived, TeamAction.ADD_MEMBER)).toMatch(/cannot be added to an archived team/);
    expect(teamActionRefusal(archived, TeamAction.REMOVE_MEMBER)).toMatch(/Restore it first/);
    // Refused when the invitation is sent: at acceptance the membership could only be dropped.
    expect(teamActionRefusal(archived, TeamAction.INVITE)).toMatch(/cannot be invited to an archived team/);
  });

  it('refuses everything once a team is deleted', () => {
    for (const action of Object.values(TeamAction)) expect(teamActionRefusal(deleted, action)).toBe('This team has been deleted.');
  });

  it('words every refusal as a sentence fit to show a person', () => {
    for (const team of [active, archived, deleted]) {
      for (const action of Object.values(TeamAction)) {
        const refusal = teamActionRefusal(team, action);
        if (refusal !== null) expect(refusal).toMatch(/^[A-Z].+\.$/);
      }
    }
  });
});

describe('teamHoldsName', () => {
  it('keeps the name of an archived team from new teams, so that restoring it cannot clash', () => {
    expect(teamHoldsName(active)).toBe(true);
    expect(teamHoldsName(archived)).toBe(true);
  });

  it('frees the name once the team is deleted', () => {
    expect(teamHoldsName(deleted)).toBe(false);
  });
});

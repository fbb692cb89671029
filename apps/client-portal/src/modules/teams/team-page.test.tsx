import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { openPortal, type Answer } from '../../test/open-portal.js';
import { TeamPage } from './team-page.js';
import { TeamsPage } from './teams-page.js';

afterEach(cleanup);

const member = (userId: string, displayName: string) => {
  const [firstName = displayName] = displayName.split(' ');
  return {
    __typename: 'Member',
    userId,
    displayName,
    email: `${firstName.toLowerCase()}@northshire.test`,
    role: 'PARTICIPANT',
    teamIds: [],
    joinedAt: '2026-01-05T09:00:00.000Z',
  };
};
const SAM = member('u-sam', 'Sam Taylor');
const AISHA = member('u-aisha', 'Aisha Rahman');

function team(overrides: { name?: string; archivedAt?: string | null; members?: unknown[] } = {}) {
  const members = overrides.members ?? [SAM];
  return {
    __typename: 'Team',
    id: 'team-1',
    name: overrides.name ?? 'Night Shift',
    archivedAt: overrides.archivedAt ?? null,
    createdAt: '2026-01-05T09:00:00.000Z',
    memberCount: members.length,
    members,
  };
}

const routes = [
  { path: '/teams', element: <TeamsPage /> },
  { path: '/teams/:id', element: <TeamPage /> },
];

function openTeam(answers: Record<string, Answer | ((variables: Record<string, unknown>) => Answer)>) {
  return openPortal('/teams/team-1', routes, { Members: { data: { members: [SAM, AISHA] } }, ...answers });
}

// Button names are matched with \s* where visually hidden words follow: jsdom's accessible name
// drops the space at the start of the hidden text, which browsers keep.
const banners = () => screen.queryAllByRole('status').map((banner) => banner.textContent);

describe('the team page', () => {
  it('asks before removing someone from the team, and Cancel sends nothing', async () => {
    const user = userEvent.setup();
    const { asked } = openTeam({ Team: { data: { team: team() } } });
    await user.click(await screen.findByRole('button', { name: /^Remove\s*Sam Taylor from the team$/ }));

    const dialog = screen.getByRole('dialog', { name: 'Remove Sam Taylor from Night Shift?' });
    expect(dialog.textContent).toContain('They stay in your organisation');
    // Cancel has focus first, so Enter cannot remove anyone by accident.
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Cancel' }));
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(asked('RemoveTeamMember')).toEqual([]);
  });

  it('removes after the confirmation and names the team as the API now calls it', async () => {
    const user = userEvent.setup();
    const { asked } = openTeam({
      Team: { data: { team: team() } },
      RemoveTeamMember: { data: { removeTeamMember: team({ name: 'Night Shift Crews', members: [] }) } },
    });
    await user.click(await screen.findByRole('button', { name: /^Remove\s*Sam Taylor from the team$/ }));
    await user.click(screen.getByRole('button', { name: 'Yes, remove from team' }));
    await waitFor(() => expect(banners()).toEqual(['Sam Taylor has been removed from Night Shift Crews.']));
    expect(asked('RemoveTeamMember').map((request) => request.variables)).toEqual([{ input: { teamId: 'team-1', userId: 'u-sam' } }]);
  });

  it('clears “added” as soon as the next action starts, so it never sits beside the next one', async () => {
    const user = userEvent.setup();
    openTeam({
      Team: { data: { team: team() } },
      AddTeamMember: { data: { addTeamMember: team({ members: [SAM, AISHA] }) } },
      RenameTeam: {
        errors: [
          {
            message: 'There is already a team with that name.',
            extensions: { code: 'CONFLICT', fieldProblems: [{ field: 'name', message: 'There is already a team with that name.' }] },
          },
        ],
      },
    });
    await user.selectOptions(await screen.findByRole('combobox', { name: 'Person' }), 'u-aisha');
    await user.click(screen.getByRole('button', { name: 'Add to team' }));
    await waitFor(() => expect(banners()).toEqual(['Aisha Rahman has been added to Night Shift.']));

    // Renaming (which fails here) starts something new: the banner about Aisha goes at once.
    const name = screen.getByRole('textbox', { name: 'Team name' });
    await user.clear(name);
    await user.type(name, 'Day Crew');
    expect(banners()).toEqual(['Aisha Rahman has been added to Night Shift.']);
    await user.click(screen.getByRole('button', { name: 'Save name' }));
    expect(banners()).toEqual([]);
    expect(await screen.findByRole('alert')).toHaveProperty('textContent', expect.stringContaining('There is already a team with that name.'));
  });

  it('offers an archived team’s restore, rename and delete, and restores it', async () => {
    const user = userEvent.setup();
    const archived = team({ archivedAt: '2026-02-01T10:00:00.000Z' });
    const { asked } = openTeam({
      Team: { data: { team: archived } },
      RestoreTeam: { data: { restoreTeam: { ...team(), members: undefined } } },
    });
    expect(await screen.findByText('This team is archived')).toBeTruthy();
    expect(screen.queryByRole('button', { name: /^Remove/ })).toBeNull();
    expect(screen.getByRole('textbox', { name: 'Team name' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Archive team' })).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Restore team' }));
    await waitFor(() => expect(banners()).toEqual(['Night Shift has been restored. People can be added to it again.']));
    expect(asked('RestoreTeam').map((request) => request.variables)).toEqual([{ id: 'team-1' }]);
  });

  it('asks before deleting an archived team, then says so on the teams page once', async () => {
    const user = userEvent.setup();
    const { asked, router } = openTeam({
      Team: { data: { team: team({ archivedAt: '2026-02-01T10:00:00.000Z' }) } },
      DeleteTeam: { data: { deleteTeam: 'team-1' } },
      Teams: { data: { teams: [] } },
    });
    await user.click(await screen.findByRole('button', { name: 'Delete team' }));
    const dialog = screen.getByRole('dialog', { name: 'Delete Night Shift?' });
    expect(dialog.textContent).toContain('cannot be restored');
    expect(asked('DeleteTeam')).toEqual([]);
    await user.click(within(dialog).getByRole('button', { name: 'Yes, delete team' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Teams' })).toBeTruthy();
    await waitFor(() => expect(banners()).toContain('Night Shift has been deleted.'));
    expect(asked('DeleteTeam').map((request) => request.variables)).toEqual([{ id: 'team-1' }]);
    // Shown once: the message is taken out of the history entry, so a reload would not repeat it.
    await waitFor(() => expect(router.state.location.state).toBeNull());
  });
});

describe('the teams list', () => {
  it('offers Restore and Delete for archived teams, and Archive for active ones', async () => {
    const user = userEvent.setup();
    const archivedTeam = { ...team({ archivedAt: '2026-02-01T10:00:00.000Z', name: 'Day Crew' }), id: 'team-2', members: undefined };
    const activeTeam = { ...team(), members: undefined };
    const { asked } = openPortal('/teams', routes, {
      Teams: (variables) => ({ data: { teams: variables.includeArchived ? [activeTeam, archivedTeam] : [activeTeam] } }),
      RestoreTeam: { data: { restoreTeam: { ...archivedTeam, archivedAt: null } } },
    });
    await user.click(await screen.findByRole('checkbox', { name: 'Show archived teams' }));
    await user.click(await screen.findByRole('button', { name: /^Restore\s*Day Crew$/ }));
    await waitFor(() => expect(banners()).toEqual(['Day Crew has been restored.']));
    expect(asked('RestoreTeam').map((request) => request.variables)).toEqual([{ id: 'team-2' }]);
    expect(screen.getByRole('button', { name: /^Delete\s*Day Crew$/ })).toBeTruthy();
    expect(screen.getByRole('button', { name: /^Archive\s*Night Shift$/ })).toBeTruthy();
    expect(screen.queryByRole('button', { name: /^Delete\s*Night Shift$/ })).toBeNull();
  });
});

import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { COORDINATOR, openPortal } from '../../test/open-portal.js';
import { MembersPage } from './members-page.js';

afterEach(cleanup);

const member = (userId: string, displayName: string, role: 'PARTICIPANT' | 'ORG_ADMIN') => {
  const [firstName = displayName] = displayName.split(' ');
  return {
    __typename: 'Member',
    userId,
    displayName,
    email: `${firstName.toLowerCase()}@northshire.test`,
    role,
    teamIds: [],
    joinedAt: '2026-01-05T09:00:00.000Z',
  };
};
const SAM = member('u-sam', 'Sam Taylor', 'PARTICIPANT');
const LI = member('u-li', 'Li Wei', 'ORG_ADMIN');
const ME = member(COORDINATOR.id, COORDINATOR.displayName, 'ORG_ADMIN');

function openMembers() {
  return openPortal('/members', [{ path: '/members', element: <MembersPage /> }], {
    Members: { data: { members: [ME, SAM, LI] } },
    Teams: { data: { teams: [] } },
    ChangeMemberRole: (variables) => {
      const { userId, role } = (variables as { input: { userId: string; role: string } }).input;
      return { data: { changeMemberRole: { ...[SAM, LI].find((person) => person.userId === userId), role } } };
    },
  });
}

const banners = () => screen.queryAllByRole('status').map((banner) => banner.textContent);

describe('changing roles on the members page', () => {
  it('asks before making someone an organisation admin; Cancel sends nothing', async () => {
    const user = userEvent.setup();
    const { asked } = openMembers();
    await user.selectOptions(await screen.findByRole('combobox', { name: 'Role for Sam Taylor' }), 'ORG_ADMIN');
    await user.click(screen.getByRole('button', { name: /^Save role\s*for Sam Taylor$/ }));

    const dialog = screen.getByRole('dialog', { name: 'Make Sam Taylor an organisation admin?' });
    expect(dialog.textContent).toContain('manage Northshire’s teams, people and invitations');
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Cancel' }));
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(asked('ChangeMemberRole')).toEqual([]);

    await user.click(screen.getByRole('button', { name: /^Save role\s*for Sam Taylor$/ }));
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Yes, make organisation admin' }));
    await waitFor(() => expect(banners()).toEqual(['Sam Taylor is now an organisation admin.']));
    expect(asked('ChangeMemberRole').map((request) => request.variables)).toEqual([{ input: { userId: 'u-sam', role: 'ORG_ADMIN' } }]);
  });

  it('makes an admin a participant without asking, and the banner goes when the next action starts', async () => {
    const user = userEvent.setup();
    const { asked } = openMembers();
    await user.selectOptions(await screen.findByRole('combobox', { name: 'Role for Li Wei' }), 'PARTICIPANT');
    await user.click(screen.getByRole('button', { name: /^Save role\s*for Li Wei$/ }));
    await waitFor(() => expect(banners()).toEqual(['Li Wei is now a participant.']));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(asked('ChangeMemberRole')).toHaveLength(1);

    // Starting to remove someone else clears it: it never sits beside the next question.
    await user.click(screen.getByRole('button', { name: /^Remove\s*Sam Taylor$/ }));
    expect(banners()).toEqual([]);
    expect(screen.getByRole('dialog', { name: 'Remove Sam Taylor from Northshire?' })).toBeTruthy();
  });
});

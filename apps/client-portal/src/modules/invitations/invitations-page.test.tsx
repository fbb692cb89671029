import { cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { openPortal } from '../../test/open-portal.js';
import { InvitationsPage } from './invitations-page.js';

afterEach(cleanup);

const NIGHT_SHIFT = { __typename: 'Team', id: 'team-night', name: 'Night Shift', archivedAt: null, createdAt: '2026-01-05T09:00:00.000Z', memberCount: 3 };
const ARCHIVED_TEAM_INVITE = 'People cannot be invited to an archived team. Restore it first, or choose another team.';

describe('the invitations page', () => {
  it('shows the API’s own message when the chosen team was archived meanwhile, and keeps what was typed', async () => {
    const user = userEvent.setup();
    const { asked } = openPortal('/invitations', [{ path: '/invitations', element: <InvitationsPage /> }], {
      Invitations: { data: { invitations: [] } },
      // The list was read before someone else archived the team.
      Teams: { data: { teams: [NIGHT_SHIFT] } },
      InviteParticipant: {
        errors: [
          {
            message: ARCHIVED_TEAM_INVITE,
            extensions: { code: 'CONFLICT', fieldProblems: [{ field: 'teamId', message: ARCHIVED_TEAM_INVITE }] },
          },
        ],
      },
    });

    await user.type(await screen.findByLabelText('Email address'), 'alex@northshire.test');
    await user.selectOptions(await screen.findByRole('combobox', { name: /^Team/ }), 'Night Shift');
    await user.click(screen.getByRole('button', { name: 'Send invitation' }));

    const summary = await screen.findByRole('alert');
    expect(summary.textContent).toContain(ARCHIVED_TEAM_INVITE);
    expect(asked('InviteParticipant').map((request) => request.variables)).toEqual([{ input: { email: 'alex@northshire.test', displayName: null, teamId: 'team-night' } }]);
    await waitFor(() => expect((screen.getByLabelText('Email address') as HTMLInputElement).value).toBe('alex@northshire.test'));
    expect(screen.queryByText(/Invitation sent to/)).toBeNull();
  });
});

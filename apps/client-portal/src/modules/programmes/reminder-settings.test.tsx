import { cleanup, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { openPortal } from '../../test/open-portal.js';
import { ReminderSettings } from './reminder-settings.js';

afterEach(cleanup);

function openReminders(saved: number[]) {
  return openPortal('/reminders', [{ path: '/reminders', element: <ReminderSettings /> }], {
    ReminderSettings: { data: { viewer: { __typename: 'Viewer', id: 'u-admin', tenant: { __typename: 'Tenant', id: 't1', reminderOffsetsMinutes: saved } } } },
    SetReminderOffsets: (variables) => ({
      data: { setReminderOffsets: { __typename: 'Tenant', id: 't1', reminderOffsetsMinutes: [...(variables.offsetsMinutes as number[])].sort((a, b) => b - a) } },
    }),
  });
}

const ticked = () =>
  screen
    .getAllByRole('checkbox')
    .filter((box) => (box as HTMLInputElement).checked)
    .map((box) => box.closest('.lena-checkbox')?.textContent);

describe('the organisation’s reminders', () => {
  it('shows the saved times, refuses a fourth without asking the API, and saves the change', async () => {
    const user = userEvent.setup();
    const portal = openReminders([1440, 60]);
    await screen.findByRole('group', { name: 'When should people be reminded of each session?' });
    expect(ticked()).toEqual(['A day before', 'An hour before']);

    await user.click(screen.getByRole('checkbox', { name: 'Two days before' }));
    await user.click(screen.getByRole('checkbox', { name: 'Fifteen minutes before' }));
    await user.click(screen.getByRole('button', { name: 'Save reminders' }));
    expect((await screen.findAllByText('Choose at most 3 reminders.')).length).toBeGreaterThan(0);
    expect(portal.asked('SetReminderOffsets')).toHaveLength(0);

    await user.click(screen.getByRole('checkbox', { name: 'An hour before' }));
    await user.click(screen.getByRole('button', { name: 'Save reminders' }));
    await screen.findByText('The reminders have been saved for every session to come.');
    expect([...(portal.asked('SetReminderOffsets')[0]?.variables.offsetsMinutes as number[])].sort((a, b) => b - a)).toEqual([2880, 1440, 15]);
  });

  it('keeps a time set another way, so saving never drops it unseen', async () => {
    const user = userEvent.setup();
    const portal = openReminders([30]);
    await screen.findByRole('group', { name: 'When should people be reminded of each session?' });
    expect(ticked()).toEqual(['30 minutes before']);
    await user.click(screen.getByRole('checkbox', { name: 'A day before' }));
    await user.click(screen.getByRole('button', { name: 'Save reminders' }));
    await waitFor(() => expect(portal.asked('SetReminderOffsets')).toHaveLength(1));
    expect(portal.asked('SetReminderOffsets')[0]?.variables.offsetsMinutes).toEqual([30, 1440]);
  });
});

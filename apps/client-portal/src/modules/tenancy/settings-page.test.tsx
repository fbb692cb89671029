import { cleanup, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { openPortal } from '../../test/open-portal.js';
import { SettingsPage } from './settings-page.js';

afterEach(cleanup);

const SAVED = {
  __typename: 'OrganisationSettings',
  feedbackWindowDays: 7,
  feedbackReminderAfterHours: 48,
  grpCommentsEnabled: false,
  commentThreshold: 10,
  noteRetentionMonths: 12,
  minGroupSize: 5,
};

function openSettings(update: (variables: Record<string, unknown>) => { data: unknown } | { errors: unknown[] }) {
  return openPortal('/settings', [{ path: '/settings', element: <SettingsPage /> }], {
    OrganisationSettings: { data: { organisationSettings: SAVED } },
    UpdateOrganisationSettings: update,
  });
}

describe('the organisation’s settings', () => {
  it('shows the saved settings in labelled fields and saves a change', async () => {
    const user = userEvent.setup();
    const portal = openSettings((variables) => ({ data: { updateOrganisationSettings: { ...SAVED, ...(variables.input as object) } } }));
    const window = await screen.findByRole('textbox', { name: 'Days feedback stays open' });
    expect((window as HTMLInputElement).value).toBe('7');
    expect((screen.getByRole('textbox', { name: 'Months to keep session notes' }) as HTMLInputElement).value).toBe('12');
    expect((screen.getByRole('checkbox', { name: 'Show comments on Group Reflective Practice' }) as HTMLInputElement).checked).toBe(false);
    expect(screen.getByText(/results update after every 5 new responses/)).toBeTruthy();

    await user.clear(window);
    await user.type(window, '14');
    await user.click(screen.getByRole('checkbox', { name: 'Show comments on Group Reflective Practice' }));
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    await screen.findByText('Your organisation’s settings have been saved.');
    expect(portal.asked('UpdateOrganisationSettings')[0]?.variables.input).toEqual({
      feedbackWindowDays: 14,
      feedbackReminderAfterHours: 48,
      grpCommentsEnabled: true,
      commentThreshold: 10,
      noteRetentionMonths: 12,
    });
  });

  it('says which field is not a whole number without asking the API, and shows the API’s problem beside its field', async () => {
    const user = userEvent.setup();
    const portal = openSettings(() => ({
      errors: [
        {
          message: 'Comments need at least 10 responses before they are shown.',
          extensions: { code: 'BAD_USER_INPUT', fieldProblems: [{ field: 'commentThreshold', message: 'Comments need at least 10 responses before they are shown.' }] },
        },
      ],
    }));
    const months = await screen.findByRole('textbox', { name: 'Months to keep session notes' });
    await user.clear(months);
    await user.type(months, 'a year');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    expect((await screen.findAllByText('Enter how long notes are kept as a whole number.')).length).toBeGreaterThan(0);
    expect(portal.asked('UpdateOrganisationSettings')).toHaveLength(0);

    await user.clear(months);
    await user.type(months, '12');
    const threshold = screen.getByRole('textbox', { name: 'Responses needed before comments are shown' });
    await user.clear(threshold);
    await user.type(threshold, '5');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    expect((await screen.findAllByText('Comments need at least 10 responses before they are shown.')).length).toBeGreaterThan(0);
    expect(threshold.getAttribute('aria-invalid')).toBe('true');
  });
});

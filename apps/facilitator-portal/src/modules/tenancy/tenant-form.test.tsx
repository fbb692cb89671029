import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_TENANT_VALUES, TenantForm, type TenantFormValues } from './tenant-form.js';

afterEach(cleanup);

describe('the organisation form’s time zone', () => {
  it('offers the likely zones first, finds another by typing, and sends the one chosen', async () => {
    const user = userEvent.setup();
    const sent: TenantFormValues[] = [];
    render(
      <TenantForm
        id="create-tenant"
        initial={{ ...DEFAULT_TENANT_VALUES, name: 'Northshire', slug: 'northshire' }}
        submitLabel="Create organisation"
        onSubmit={async (values) => {
          sent.push(values);
          return null;
        }}
      />,
    );
    const zone = screen.getByRole('combobox', { name: 'Time zone' });
    expect((zone as HTMLInputElement).value).toBe('Europe/London (United Kingdom)');

    await user.click(zone);
    // getAllByRole throws when there is none, so the first group is there.
    const suggested = within(screen.getByRole('listbox')).getAllByRole('group')[0]!;
    // The test runs in Europe/London (the shared preset), so the person's own zone is London.
    expect(
      within(suggested)
        .getAllByRole('option')
        .map((option) => option.textContent),
    ).toEqual(['Europe/London (United Kingdom, your zone)', 'Europe/Dublin (Ireland)']);

    await user.clear(zone);
    await user.type(zone, 'dublin');
    await user.keyboard('{ArrowDown}{Enter}');
    await user.click(screen.getByRole('button', { name: 'Create organisation' }));
    await waitFor(() => expect(sent).toHaveLength(1));
    expect(sent[0]?.timeZone).toBe('Europe/Dublin');
  });
});

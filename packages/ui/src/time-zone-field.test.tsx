import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { Form } from './form.js';
import { TimeZoneField, timeZoneGroups } from './time-zone-field.js';

afterEach(cleanup);

function Harness({ initial = 'Europe/London', ownZone = 'America/Toronto' }: { initial?: string; ownZone?: string }) {
  const [zone, setZone] = useState(initial);
  return (
    <Form id="tenant" onSubmit={() => undefined}>
      <TimeZoneField name="timeZone" hint="Sessions are scheduled in this zone." value={zone} onChange={setZone} ownZone={ownZone} />
      <output aria-label="Chosen zone">{zone}</output>
    </Form>
  );
}

const groupNames = (listbox: HTMLElement) =>
  within(listbox)
    .getAllByRole('group')
    .map((group) => group.getAttribute('aria-labelledby') && document.getElementById(group.getAttribute('aria-labelledby')!)?.textContent);
const optionsIn = (listbox: HTMLElement, group: string) =>
  within(
    within(listbox)
      .getAllByRole('group')
      .find((candidate) => document.getElementById(candidate.getAttribute('aria-labelledby')!)?.textContent === group)!,
  )
    .getAllByRole('option')
    .map((option) => option.textContent);

describe('timeZoneGroups', () => {
  it('suggests the person’s own zone, then the UK’s and Ireland’s, before every other zone', () => {
    const [suggested, all] = timeZoneGroups('Europe/London', 'Asia/Tokyo');
    expect(suggested.options.map((option) => option.label)).toEqual(['Asia/Tokyo (your zone)', 'Europe/London (United Kingdom)', 'Europe/Dublin (Ireland)']);
    expect(all.options.length).toBeGreaterThan(300);
    expect(all.options.map((option) => option.value)).toContain('Pacific/Auckland');
  });

  it('keeps an organisation’s zone on offer even when it is not among the suggestions', () => {
    const [suggested] = timeZoneGroups('Australia/Perth', 'Europe/London');
    expect(suggested.options.map((option) => option.value)).toEqual(['Europe/London', 'Europe/Dublin', 'Australia/Perth']);
  });
});

describe('TimeZoneField', () => {
  it('is a labelled combobox showing the chosen zone, with its hint', () => {
    render(<Harness />);
    const input = screen.getByRole('combobox', { name: 'Time zone' });
    expect((input as HTMLInputElement).value).toBe('Europe/London (United Kingdom)');
    expect(input.getAttribute('aria-describedby')).toContain('tenant-timeZone-hint');
    expect(input.id).toBe('tenant-timeZone');
  });

  it('opens with the likely zones first', async () => {
    const user = userEvent.setup();
    render(<Harness />);
    await user.click(screen.getByRole('combobox', { name: 'Time zone' }));
    const listbox = screen.getByRole('listbox');
    expect(groupNames(listbox)).toEqual(['Suggested', 'All time zones']);
    expect(optionsIn(listbox, 'Suggested')).toEqual(['America/Toronto (your zone)', 'Europe/London (United Kingdom)', 'Europe/Dublin (Ireland)']);
  });

  it('filters as the person types, by city or country, and chooses with the keyboard alone', async () => {
    const user = userEvent.setup();
    render(<Harness />);
    const input = screen.getByRole('combobox', { name: 'Time zone' });
    await user.tab();
    expect(document.activeElement).toBe(input);
    await user.clear(input);
    await user.type(input, 'ireland');
    expect(
      within(screen.getByRole('listbox'))
        .getAllByRole('option')
        .map((option) => option.textContent),
    ).toEqual(['Europe/Dublin (Ireland)', 'Europe/Dublin (Ireland)']);

    await user.clear(input);
    await user.type(input, 'new york');
    const listbox = screen.getByRole('listbox');
    expect(
      within(listbox)
        .getAllByRole('option')
        .map((option) => option.textContent),
    ).toEqual(['America/New York']);
    await user.keyboard('{ArrowDown}');
    expect(input.getAttribute('aria-activedescendant')).toBe(within(listbox).getByRole('option').id);
    await user.keyboard('{Enter}');
    expect(screen.getByRole('status', { hidden: true, name: 'Chosen zone' }).textContent).toBe('America/New_York');
    expect((input as HTMLInputElement).value).toBe('America/New York');
    expect(input.getAttribute('aria-expanded')).toBe('false');
  });

  it('says when nothing matches, and Escape puts the chosen zone back', async () => {
    const user = userEvent.setup();
    render(<Harness />);
    const input = screen.getByRole('combobox', { name: 'Time zone' });
    await user.clear(input);
    await user.type(input, 'Atlantis');
    expect(screen.getByRole('listbox').textContent).toBe('No time zone matches that. Try a city, such as London or Dublin.');
    await user.keyboard('{Escape}');
    await user.keyboard('{Escape}');
    expect(screen.getByRole('status', { hidden: true, name: 'Chosen zone' }).textContent).toBe('Europe/London');
  });
});

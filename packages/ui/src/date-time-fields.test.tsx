import { cleanup, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { DatePickerField, TimeField } from './date-time-fields.js';
import { Form } from './form.js';

afterEach(cleanup);

function TimeHarness({ initial = '' }: { initial?: string }) {
  const [time, setTime] = useState(initial);
  return (
    <Form id="hours" onSubmit={() => undefined}>
      <TimeField name="startsAt" label="Starts at" hint="In your own time zone." value={time} onChange={setTime} />
      <output aria-label="Chosen time">{time}</output>
    </Form>
  );
}

function DateHarness({ initial = '', withTime = false, minDate }: { initial?: string; withTime?: boolean; minDate?: string }) {
  const [date, setDate] = useState(initial);
  return (
    <Form id="programme" onSubmit={() => undefined}>
      <DatePickerField name="startDate" label="First session" value={date} onChange={setDate} withTime={withTime} minDate={minDate} />
      <output aria-label="Chosen date">{date}</output>
    </Form>
  );
}

const chosen = (name: string) => screen.getByRole('status', { name }).textContent;

describe('TimeField', () => {
  it('takes a 24-hour time typed segment by segment and gives it back as HH:mm', async () => {
    const user = userEvent.setup();
    render(<TimeHarness />);
    const group = screen.getByRole('group', { name: 'Starts at' });
    const describedBy = within(group).getAllByRole('spinbutton')[0]!.getAttribute('aria-describedby') ?? '';
    expect(describedBy.split(' ').map((id) => document.getElementById(id)?.textContent)).toContain('In your own time zone.');
    await user.click(within(group).getByRole('spinbutton', { name: /hour/i }));
    await user.keyboard('14');
    await user.keyboard('05');
    expect(chosen('Chosen time')).toBe('14:05');
  });

  it('shows a stored time and steps it with the arrow keys', async () => {
    const user = userEvent.setup();
    render(<TimeHarness initial="09:30" />);
    const minutes = within(screen.getByRole('group', { name: 'Starts at' })).getByRole('spinbutton', { name: /minute/i });
    expect(minutes.getAttribute('aria-valuenow')).toBe('30');
    await user.click(minutes);
    await user.keyboard('{ArrowUp}');
    expect(chosen('Chosen time')).toBe('09:31');
  });

  it('marks itself invalid, says why, and takes focus from the error summary', async () => {
    const user = userEvent.setup();
    render(
      <Form id="hours" onSubmit={() => undefined} errors={{ fieldProblems: [{ field: 'startsAt', message: 'Enter a start time.' }] }}>
        <TimeField name="startsAt" label="Starts at" value="" onChange={() => undefined} />
      </Form>,
    );
    const inline = screen.getAllByText('Enter a start time.').find((element) => element.closest('.lena-field__error'));
    expect(inline).toBeDefined();
    await user.click(screen.getByRole('link', { name: 'Enter a start time.' }));
    expect(screen.getByRole('group', { name: 'Starts at' }).contains(document.activeElement)).toBe(true);
    expect(
      within(screen.getByRole('group', { name: 'Starts at' }))
        .getAllByRole('spinbutton')[0]!
        .getAttribute('aria-invalid'),
    ).toBe('true');
  });
});

describe('DatePickerField', () => {
  it('writes the day before the month and gives back an ISO date', async () => {
    const user = userEvent.setup();
    render(<DateHarness />);
    const group = screen.getByRole('group', { name: 'First session' });
    const segments = within(group).getAllByRole('spinbutton');
    expect(segments.map((segment) => segment.getAttribute('aria-label') ?? '')).toEqual([
      expect.stringMatching(/day/i),
      expect.stringMatching(/month/i),
      expect.stringMatching(/year/i),
    ]);
    await user.click(segments[0]!);
    await user.keyboard('17032027');
    expect(chosen('Chosen date')).toBe('2027-03-17');
  });

  it('picks a date from the calendar with the keyboard', async () => {
    const user = userEvent.setup();
    render(<DateHarness initial="2027-03-17" />);
    await user.click(screen.getByRole('button', { name: /choose from a calendar/i }));
    const calendar = await screen.findByRole('application');
    expect(within(calendar).getByRole('heading').textContent).toBe('March 2027');
    await user.keyboard('{ArrowRight}{Enter}');
    expect(chosen('Chosen date')).toBe('2027-03-18');
  });

  it('refuses days before the earliest date in the calendar', async () => {
    const user = userEvent.setup();
    render(<DateHarness initial="2027-03-17" minDate="2027-03-10" />);
    await user.click(screen.getByRole('button', { name: /choose from a calendar/i }));
    const calendar = await screen.findByRole('application');
    const ninth = within(calendar).getByRole('button', { name: /\b9 March 2027/ });
    expect(ninth.getAttribute('aria-disabled')).toBe('true');
    await user.click(ninth);
    await user.keyboard('{Escape}');
    expect(chosen('Chosen date')).toBe('2027-03-17');
  });

  it('with a time, gives back a wall-clock date-time', async () => {
    const user = userEvent.setup();
    render(<DateHarness initial="2027-03-17T10:00" withTime />);
    const hour = within(screen.getByRole('group', { name: 'First session' })).getByRole('spinbutton', { name: /hour/i });
    await user.click(hour);
    await user.keyboard('{ArrowDown}');
    expect(chosen('Chosen date')).toBe('2027-03-17T09:00');
  });
});

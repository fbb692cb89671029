import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { DateTime, formatDateTime } from './date-time.js';

afterEach(cleanup);

describe('formatDateTime', () => {
  it('writes the British way with the zone abbreviation', () => {
    expect(formatDateTime('2026-11-27T14:30:00Z', { timeZone: 'Europe/London' })).toBe('27 November 2026, 14:30 GMT');
  });

  it('follows summer time in the given zone', () => {
    expect(formatDateTime('2026-07-01T13:30:00Z', { timeZone: 'Europe/London' })).toBe('1 July 2026, 14:30 BST');
  });

  it('converts to another zone, including across midnight', () => {
    expect(formatDateTime('2026-11-27T03:05:00Z', { timeZone: 'America/New_York' })).toBe('26 November 2026, 22:05 EST');
  });

  it('keeps the offset where no abbreviation is common', () => {
    expect(formatDateTime('2026-11-27T03:05:00Z', { timeZone: 'Australia/Sydney' })).toBe('27 November 2026, 14:05 GMT+11');
  });

  it('uses a 24-hour clock with a leading zero at midnight', () => {
    expect(formatDateTime('2026-01-05T00:00:00Z', { timeZone: 'UTC' })).toBe('5 January 2026, 00:00 UTC');
  });

  it('can show the date alone', () => {
    expect(formatDateTime('2026-11-27T23:30:00Z', { timeZone: 'Australia/Sydney', dateOnly: true })).toBe('28 November 2026');
  });

  it('can add the seconds, for something read moments ago', () => {
    expect(formatDateTime('2026-11-27T14:30:05Z', { timeZone: 'Europe/London', withSeconds: true })).toBe('27 November 2026, 14:30:05 GMT');
    expect(formatDateTime('2026-11-27T14:30:05Z', { timeZone: 'Europe/London' })).toBe('27 November 2026, 14:30 GMT');
  });

  it('returns null for something that is not a date', () => {
    expect(formatDateTime('next Tuesday')).toBeNull();
  });
});

describe('<DateTime>', () => {
  it("renders a <time> in the viewer's zone with the machine-readable value", () => {
    // vitest.config pins the viewer's zone to Europe/London.
    render(<DateTime value="2026-07-01T13:30:00Z" />);
    const time = screen.getByText('1 July 2026, 14:30 BST');
    expect(time.tagName).toBe('TIME');
    expect(time.getAttribute('datetime')).toBe('2026-07-01T13:30:00Z');
  });

  it('shows the fallback when there is no value', () => {
    render(<DateTime value={null} fallback="Not yet" />);
    expect(screen.getByText('Not yet')).toBeTruthy();
  });
});

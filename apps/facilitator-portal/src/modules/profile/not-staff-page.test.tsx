import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { NotStaffPage } from './not-staff-page.js';

afterEach(cleanup);

describe('the facilitator portal’s page for client staff', () => {
  it('names the client portal in words and links there by that name', () => {
    render(<NotStaffPage email="sam@northshire.test" clientPortalUrl="https://app.lena.example" />);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('This portal is for Lena staff');
    expect(document.body.textContent).toContain('You are signed in as sam@northshire.test.');
    expect(document.body.textContent).toContain('in the Lena client portal, the part of Lena for organisations and their staff');
    const link = screen.getByRole('link', { name: 'Go to the Lena client portal' });
    expect(link.getAttribute('href')).toBe('https://app.lena.example');
    // Named, never shown as a bare address.
    expect(document.body.textContent).not.toContain('https://');
  });
});

import { act, cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { Button } from './button.js';
import { TextField } from './fields.js';
import { Form, type FormErrors } from './form.js';

afterEach(cleanup);

/** A sign-in-like form whose submit reports the problems given, as a portal page would. */
function Harness({ problems }: { problems: FormErrors }) {
  const [errors, setErrors] = useState<FormErrors | null>(null);
  const [email, setEmail] = useState('');
  const [slug, setSlug] = useState('');
  return (
    <Form id="example" errors={errors} onSubmit={() => setErrors({ ...problems })}>
      <TextField label="Email address" name="email" hint="We will send the link here." value={email} onChange={setEmail} />
      <TextField label="Short name" name="slug" value={slug} onChange={setSlug} />
      <Button type="submit">Save</Button>
    </Form>
  );
}

describe('Form error summary', () => {
  it('shows no summary before a failed submission', () => {
    render(<Harness problems={{ fieldProblems: [] }} />);
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.getByLabelText('Email address').getAttribute('aria-invalid')).toBeNull();
  });

  it('lists every problem, takes focus, and marks the fields inline', async () => {
    const user = userEvent.setup();
    render(
      <Harness
        problems={{
          fieldProblems: [
            { field: 'slug', message: 'That short name is taken.' },
            { field: 'tenantId', message: 'Choose an organisation.' },
          ],
          message: 'Check the details and try again.',
        }}
      />,
    );
    await user.click(screen.getByRole('button', { name: 'Save' }));

    const summary = screen.getByRole('alert');
    expect(summary.textContent).toContain('There is a problem');
    expect(summary.textContent).toContain('Check the details and try again.');
    expect(document.activeElement).toBe(summary);

    // A problem for a rendered input links to it; one for an input the form lacks is plain text.
    const link = screen.getByRole('link', { name: 'That short name is taken.' });
    expect(link.getAttribute('href')).toBe('#example-slug');
    expect(screen.queryByRole('link', { name: 'Choose an organisation.' })).toBeNull();
    expect(summary.textContent).toContain('Choose an organisation.');

    const slug = screen.getByLabelText('Short name');
    expect(slug.getAttribute('aria-invalid')).toBe('true');
    const describedBy = (slug.getAttribute('aria-describedby') ?? '').split(' ');
    expect(describedBy).toContain('example-slug-error');
    expect(document.getElementById('example-slug-error')?.textContent).toBe('Error: That short name is taken.');

    const email = screen.getByLabelText('Email address');
    expect(email.getAttribute('aria-invalid')).toBeNull();
    expect(email.getAttribute('aria-describedby')).toBe('example-email-hint');

    await user.click(link);
    expect(document.activeElement).toBe(slug);
  });

  it('takes focus again on every failed attempt, but not while the person types', async () => {
    const user = userEvent.setup();
    render(<Harness problems={{ fieldProblems: [{ field: 'email', message: 'Enter an email address.' }] }} />);
    await user.click(screen.getByRole('button', { name: 'Save' }));
    const email = screen.getByLabelText('Email address');
    await user.click(email);
    await user.type(email, 'sam@');
    expect(document.activeElement).toBe(email);

    await act(async () => {
      await user.click(screen.getByRole('button', { name: 'Save' }));
    });
    expect(document.activeElement).toBe(screen.getByRole('alert'));
  });
});

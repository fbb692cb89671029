import { act, cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { Button } from './button.js';
import { OutcomeScope, useOutcome } from './outcome.js';

afterEach(cleanup);

/** Two parts of one page, each with its own outcome, as on a team's page. */
function Harness({ finish }: { finish: { current: (() => void) | null } }) {
  const adding = useOutcome();
  const renaming = useOutcome();
  const [count, setCount] = useState(0);
  return (
    <>
      {adding.banner}
      <Button onClick={() => adding.success(`Person ${count + 1} has been added.`)}>Add</Button>
      <Button
        onClick={() => {
          setCount((value) => value + 1);
          // Finishes later, as a request does.
          finish.current = () => renaming.success('The team is now called Night Shift.');
        }}
      >
        Rename
      </Button>
      {renaming.banner}
      <form onSubmit={(event) => event.preventDefault()}>
        <input aria-label="Name" />
      </form>
      <span>Typing here starts nothing</span>
      <Button disabled>Disabled</Button>
    </>
  );
}

function renderPage() {
  const finish: { current: (() => void) | null } = { current: null };
  render(
    <OutcomeScope>
      <Harness finish={finish} />
    </OutcomeScope>,
  );
  return finish;
}

const banners = () => screen.queryAllByRole('status').map((banner) => banner.textContent);

describe('useOutcome in an OutcomeScope', () => {
  it('shows an outcome politely until the person starts the next action', async () => {
    const user = userEvent.setup();
    const finish = renderPage();
    await user.click(screen.getByRole('button', { name: 'Add' }));
    expect(banners()).toEqual(['Person 1 has been added.']);

    // Starting another action clears it at once, before that action has finished.
    await user.click(screen.getByRole('button', { name: 'Rename' }));
    expect(banners()).toEqual([]);
    act(() => finish.current!());
    expect(banners()).toEqual(['The team is now called Night Shift.']);
  });

  it('clears on a form submitted with Enter, and not on clicks that start nothing', async () => {
    const user = userEvent.setup();
    renderPage();
    await user.click(screen.getByRole('button', { name: 'Add' }));
    await user.click(screen.getByText('Typing here starts nothing'));
    await user.type(screen.getByRole('textbox', { name: 'Name' }), 'Night');
    expect(banners()).toEqual(['Person 1 has been added.']);
    await user.type(screen.getByRole('textbox', { name: 'Name' }), '{Enter}');
    expect(banners()).toEqual([]);
  });

  it('never shows an outcome again once cleared, even when the same part reports again', async () => {
    const user = userEvent.setup();
    renderPage();
    await user.click(screen.getByRole('button', { name: 'Add' }));
    await user.click(screen.getByRole('button', { name: 'Rename' }));
    await user.click(screen.getByRole('button', { name: 'Add' }));
    // The new outcome names the state now, never the earlier one.
    expect(banners()).toEqual(['Person 2 has been added.']);
  });
});

import { type ProgrammeSessionFieldsFragment } from '@lena/graphql-client';
import { ApolloProvider } from '@lena/graphql-client/react';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { SessionChangeForm, wallClockIn } from './programme-sessions.js';
import { fakeApi, type Answer } from '../../test/fake-api.js';

afterEach(cleanup);

const PROGRAMME_ID = '0b8f3a52-5d1a-4a8e-8f43-3f2f3a6f9c10';
// Session 3: Tuesday 6 April 2027, 10:00 in London (BST).
const SESSION: ProgrammeSessionFieldsFragment & { __typename: string } = {
  __typename: 'ProgrammeSession',
  id: '5c0c6d3e-9a9e-4f1e-8d7b-2a1e3c4d5e03',
  sequence: 3,
  startsAt: '2027-04-06T09:00:00.000Z',
  endsAt: '2027-04-06T10:30:00.000Z',
  status: 'SCHEDULED',
  statusReason: null,
  version: 1,
};
const SAVED = { data: { rescheduleSession: { __typename: 'Programme', id: PROGRAMME_ID, sessions: [{ ...SESSION, version: 2 }] } } };
const CLASH = {
  errors: [
    {
      message: 'One moved session clashes with the facilitators’ availability. Choose another time, or give a reason to move it anyway.',
      extensions: {
        code: 'CONFLICT',
        conflicts: [
          {
            __typename: 'ProgrammeConflict',
            sequence: 3,
            sessionStartsAt: '2027-04-07T13:00:00.000Z',
            sessionEndsAt: '2027-04-07T14:30:00.000Z',
            facilitatorId: 'f1',
            facilitatorName: 'Dr Amira Haddad',
            kind: 'TIME_OFF',
            message: 'Dr Amira Haddad is on leave then.',
            clash: null,
          },
        ],
      },
    },
  ],
};

function renderForm(answers: Record<string, Answer[]>) {
  const api = fakeApi(answers);
  const done: string[] = [];
  render(
    <ApolloProvider client={api.client}>
      <SessionChangeForm programmeId={PROGRAMME_ID} session={SESSION} timeZone="Europe/London" onDone={(message) => done.push(message)} onClose={() => undefined} />
    </ApolloProvider>,
  );
  return { ...api, done };
}

describe('wallClockIn', () => {
  it('gives the programme’s local time, across the clocks changing', () => {
    expect(wallClockIn('2027-04-06T09:00:00.000Z', 'Europe/London')).toBe('2027-04-06T10:00');
    expect(wallClockIn('2027-03-16T10:00:00.000Z', 'Europe/London')).toBe('2027-03-16T10:00');
    expect(wallClockIn('2027-04-06T09:00:00.000Z', 'Australia/Sydney')).toBe('2027-04-06T19:00');
  });
});

describe('SessionChangeForm', () => {
  it('moves the session from its own local time; a clash is shown and can be overridden only with a reason', async () => {
    const user = userEvent.setup();
    const api = renderForm({ RescheduleSession: [CLASH, SAVED] });
    const when = screen.getByRole('group', { name: 'New date and time' });
    const hour = within(when).getByRole('spinbutton', { name: /hour/i });
    expect(hour.getAttribute('aria-valuenow')).toBe('10');
    await user.click(within(when).getByRole('spinbutton', { name: /day/i }));
    await user.keyboard('{ArrowUp}');
    await user.click(hour);
    await user.keyboard('14');
    await user.type(screen.getByLabelText('Reason', { exact: false, selector: 'textarea[name="reason"]' }), 'The room is taken');
    await user.click(screen.getByRole('button', { name: 'Move the session' }));

    expect(await screen.findByText('Dr Amira Haddad is on leave then.', { exact: false })).toBeDefined();
    expect(api.named('RescheduleSession')[0]?.variables.input).toMatchObject({
      programmeId: PROGRAMME_ID,
      sessionId: SESSION.id,
      version: 1,
      scope: 'THIS',
      newStartLocal: '2027-04-07T14:00',
      reason: 'The room is taken',
      overrideReason: null,
    });

    await user.click(screen.getByRole('button', { name: 'Move it anyway' }));
    expect(api.named('RescheduleSession')).toHaveLength(1);
    expect(screen.getAllByText('Say why the session should move despite the clashes.').length).toBeGreaterThan(0);

    await user.type(screen.getByRole('textbox', { name: 'Reason for moving it anyway' }), 'Amira has swapped her leave');
    await user.click(screen.getByRole('button', { name: 'Move it anyway' }));
    await waitFor(() => expect(api.done).toEqual(['Session 3 has been moved. Everyone’s calendar will be updated.']));
    expect(api.named('RescheduleSession')[1]?.variables.input).toMatchObject({ newStartLocal: '2027-04-07T14:00', overrideReason: 'Amira has swapped her leave' });
  });

  it('cancels this and the following sessions with the reason the group is told', async () => {
    const user = userEvent.setup();
    const api = renderForm({
      CancelSession: [{ data: { cancelSession: { __typename: 'Programme', id: PROGRAMME_ID, sessions: [{ ...SESSION, status: 'CANCELLED', version: 2 }] } } }],
    });
    await user.selectOptions(screen.getByRole('combobox', { name: 'What to do' }), 'CANCEL');
    expect(screen.queryByRole('group', { name: 'New date and time' })).toBeNull();
    await user.selectOptions(screen.getByRole('combobox', { name: 'Which sessions' }), 'FOLLOWING');
    await user.click(screen.getByRole('button', { name: 'Cancel the session' }));
    expect(api.named('CancelSession')).toHaveLength(0);
    expect(screen.getAllByText('Say why the session is cancelled: the group is told.').length).toBeGreaterThan(0);

    await user.type(screen.getByRole('textbox', { name: /^Reason/ }), 'The team is being restructured');
    await user.click(screen.getByRole('button', { name: 'Cancel the session' }));
    await waitFor(() => expect(api.done).toEqual(['Session 3 has been cancelled. Everyone will be told.']));
    expect(api.named('CancelSession')[0]?.variables.input).toEqual({
      programmeId: PROGRAMME_ID,
      sessionId: SESSION.id,
      version: 1,
      scope: 'FOLLOWING',
      reason: 'The team is being restructured',
    });
  });
});

import { type FacilitatorFieldsFragment, type ProgrammeConflictFieldsFragment, type ProgrammeFieldsFragment } from '@lena/graphql-client';
import { ApolloProvider } from '@lena/graphql-client/react';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { ProposalForm } from './proposal-form.js';
import { fakeApi, type Answer } from '../../test/fake-api.js';

const AMIRA = '6f1d7c1e-0c4e-4a53-9d0e-0b5d4a1c2b01';
const BEN = '6f1d7c1e-0c4e-4a53-9d0e-0b5d4a1c2b02';

const facilitators: FacilitatorFieldsFragment[] = [
  { userId: AMIRA, displayName: 'Dr Amira Haddad', email: 'amira@lena.test', bio: '', services: ['GRP', 'GTS'], active: true },
  { userId: BEN, displayName: 'Ben Okafor', email: 'ben@lena.test', bio: '', services: ['GTS'], active: true },
];

// A request as the organisation made it: Tuesdays at 14:00 in London, no facilitators yet.
const REQUEST: ProgrammeFieldsFragment & { __typename: string } = {
  __typename: 'Programme',
  id: '0b8f3a52-5d1a-4a8e-8f43-3f2f3a6f9c10',
  tenantId: '0b8f3a52-5d1a-4a8e-8f43-3f2f3a6f9c11',
  tenantName: 'Northshire Children’s Services',
  teamId: '0b8f3a52-5d1a-4a8e-8f43-3f2f3a6f9c12',
  teamName: 'Family Assessment Team',
  needsAssessmentId: null,
  serviceType: 'GTS',
  title: 'Group supervision — Family Assessment Team',
  status: 'REQUESTED',
  waitingOn: 'PLATFORM_ADMIN',
  availableActions: ['PROPOSE', 'CANCEL'],
  numberOfSessions: 3,
  cadence: 'WEEKLY',
  cadenceSummary: 'Every Tuesday, 3 sessions',
  rrule: 'FREQ=WEEKLY;BYDAY=TU;COUNT=3',
  startDate: '2027-03-23',
  startTimes: ['14:00'],
  sessionLengthMinutes: 90,
  timeZone: 'Europe/London',
  deliveryMode: 'IN_PERSON',
  videoLink: null,
  location: 'Meeting room 2, Northshire House',
  minGroupSize: 4,
  maxGroupSize: 10,
  membership: 'CLOSED',
  cancelledReason: null,
  version: 1,
  enrolledCount: 0,
  createdAt: '2027-02-01T09:00:00.000Z',
  updatedAt: '2027-02-01T09:00:00.000Z',
  facilitators: [],
  schedulePreview: [],
};

// Session 2 (30 March, after the clocks change) clashes with another organisation's session, shown by its times alone.
const CLASH: ProgrammeConflictFieldsFragment & { __typename: string } = {
  __typename: 'ProgrammeConflict',
  sequence: 2,
  sessionStartsAt: '2027-03-30T13:00:00.000Z',
  sessionEndsAt: '2027-03-30T14:30:00.000Z',
  facilitatorId: AMIRA,
  facilitatorName: 'Dr Amira Haddad',
  kind: 'DOUBLE_BOOKING',
  message: 'Dr Amira Haddad already has another session on Tuesday 30 March 2027, 14:00–15:30 BST.',
  clash: {
    __typename: 'ConflictClash',
    startsAt: '2027-03-30T13:00:00.000Z',
    endsAt: '2027-03-30T14:30:00.000Z',
    sessionId: null,
    tenantName: null,
    programmeTitle: null,
  } as ProgrammeConflictFieldsFragment['clash'],
};

const conflictsAnswer = (conflicts: ProgrammeConflictFieldsFragment[]): Answer => ({ data: { programmeConflicts: conflicts } });
const refusal: Answer = {
  errors: [{ message: 'The facilitators are not free for 1 session.', extensions: { code: 'CONFLICT', conflicts: [CLASH] } }],
};
const proposed: Answer = { data: { proposeProgramme: { ...REQUEST, status: 'PROPOSED', waitingOn: 'ORG_ADMIN', version: 2 } } };

function renderForm(answers: Record<string, Answer[]>, programme: ProgrammeFieldsFragment = REQUEST) {
  const api = fakeApi(answers);
  const done: ProgrammeFieldsFragment[] = [];
  render(
    <ApolloProvider client={api.client}>
      <ProposalForm programme={programme} facilitators={facilitators} onProposed={(result) => done.push(result)} viewerZone="America/New_York" conflictDelayMs={10} />
    </ApolloProvider>,
  );
  return { api, done, user: userEvent.setup() };
}

afterEach(cleanup);

describe('the proposal form', () => {
  it('lists every session in the programme’s zone and the viewer’s, across the clocks changing', () => {
    renderForm({});
    const sessions = within(screen.getByRole('list', { name: 'Sessions' })).getAllByRole('listitem');
    expect(sessions.map((session) => session.textContent)).toEqual([
      'Session 1: Tuesday 23 March 2027, 14:00–15:30 GMT (Tuesday 23 March 2027, 10:00–11:30 EDT your time)',
      'Session 2: Tuesday 30 March 2027, 14:00–15:30 BST (Tuesday 30 March 2027, 09:00–10:30 EDT your time)',
      'Session 3: Tuesday 6 April 2027, 14:00–15:30 BST (Tuesday 6 April 2027, 09:00–10:30 EDT your time)',
    ]);
  });

  it('refuses to send without a lead facilitator or a number of sessions, saying so beside each field, and asks nothing of the API', async () => {
    const { api, user } = renderForm({});
    await user.clear(screen.getByLabelText('Number of sessions'));
    await user.click(screen.getByRole('button', { name: 'Propose to the organisation' }));

    const summary = await screen.findByRole('alert');
    expect(within(summary).getByRole('link', { name: 'Choose the lead facilitator.' })).toBeTruthy();
    expect(within(summary).getByRole('link', { name: 'Enter the number of sessions.' })).toBeTruthy();
    expect(screen.getByLabelText('Number of sessions').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('Complete the facilitators and schedule to check them for conflicts.')).toBeTruthy();
    expect(api.requests).toEqual([]);
  });

  it('checks conflicts as the form changes and lists each clash exactly, then says when the schedule is clear', async () => {
    const { api, user } = renderForm({ ProgrammeConflicts: [conflictsAnswer([CLASH]), conflictsAnswer([])] });
    await user.selectOptions(screen.getByLabelText('Lead facilitator'), AMIRA);

    const conflicts = await screen.findByRole('list', { name: 'Conflicts' });
    const [item] = within(conflicts).getAllByRole('listitem');
    expect(item?.textContent).toBe(
      'Double booking Session 2, Dr Amira Haddad: Dr Amira Haddad already has another session on Tuesday 30 March 2027, 14:00–15:30 BST.' +
        'Session 2 is Tuesday 30 March 2027, 14:00–15:30 BST (Tuesday 30 March 2027, 09:00–10:30 EDT your time).',
    );
    expect(api.named('ProgrammeConflicts')[0]?.variables.input).toMatchObject({
      programmeId: REQUEST.id,
      leadFacilitatorId: AMIRA,
      coFacilitatorIds: [],
      cadence: 'WEEKLY',
      startDate: '2027-03-23',
      startTimes: ['14:00'],
      numberOfSessions: 3,
      timeZone: 'Europe/London',
    });

    // Ben as co-facilitator: the next check asks about both, and its answer replaces the list.
    await user.click(screen.getByRole('checkbox', { name: 'Ben Okafor' }));
    await screen.findByText('Every facilitator is free and working for every session.');
    expect(screen.queryByRole('list', { name: 'Conflicts' })).toBeNull();
    expect(api.named('ProgrammeConflicts').at(-1)?.variables.input).toMatchObject({ leadFacilitatorId: AMIRA, coFacilitatorIds: [BEN] });
  });

  it('offers to propose anyway when the API refuses for conflicts, and requires a reason before sending it', async () => {
    const { api, done, user } = renderForm({ ProgrammeConflicts: [conflictsAnswer([CLASH])], ProposeProgramme: [refusal, proposed] });
    await user.selectOptions(screen.getByLabelText('Lead facilitator'), AMIRA);
    await user.click(screen.getByRole('button', { name: 'Propose to the organisation' }));

    expect(within(await screen.findByRole('alert')).getByText('The facilitators are not free for 1 session.')).toBeTruthy();
    const override = screen.getByRole('region', { name: 'Propose despite the conflicts?' });
    expect(within(override).getByRole('list', { name: 'Conflicts' }).textContent).toContain('Session 2, Dr Amira Haddad');
    expect(api.named('ProposeProgramme')[0]?.variables.input?.overrideReason).toBeNull();

    await user.click(within(override).getByRole('button', { name: 'Propose anyway' }));
    const summary = await screen.findByRole('alert');
    await waitFor(() => expect(within(summary).getByRole('link', { name: 'Give a reason for scheduling despite the conflicts.' })).toBeTruthy());
    expect(api.named('ProposeProgramme')).toHaveLength(1);

    await user.type(within(override).getByLabelText('Reason for proposing anyway'), 'Amira will hand session 2 to a colleague.');
    await user.click(within(override).getByRole('button', { name: 'Propose anyway' }));
    await waitFor(() => expect(done).toHaveLength(1));
    expect(api.named('ProposeProgramme')[1]?.variables.input).toMatchObject({ overrideReason: 'Amira will hand session 2 to a colleague.', version: 1, leadFacilitatorId: AMIRA });
    expect(done[0]?.status).toBe('PROPOSED');
  });

  it('shows the API’s field problems in the summary and beside the field', async () => {
    const badInput: Answer = {
      errors: [
        {
          message: 'Enter where the sessions take place.',
          extensions: { code: 'BAD_USER_INPUT', fieldProblems: [{ field: 'location', message: 'That room is closed for refurbishment.' }] },
        },
      ],
    };
    const { user } = renderForm({ ProgrammeConflicts: [conflictsAnswer([])], ProposeProgramme: [badInput] });
    await user.selectOptions(screen.getByLabelText('Lead facilitator'), BEN);
    await user.click(screen.getByRole('button', { name: 'Propose to the organisation' }));

    const summary = await screen.findByRole('alert');
    expect(within(summary).getByRole('link', { name: 'That room is closed for refurbishment.' }).getAttribute('href')).toBe('#proposal-location');
    expect(screen.getByLabelText('Location').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getAllByText('That room is closed for refurbishment.')).toHaveLength(2);
  });

  it('refuses a fourth rotating start time by offering no way to add one', async () => {
    const { user } = renderForm({});
    await user.click(screen.getByRole('button', { name: 'Add a rotating start time' }));
    await user.click(screen.getByRole('button', { name: 'Add a rotating start time' }));
    expect(screen.getAllByRole('group', { name: /^Start time \d$/ })).toHaveLength(3);
    expect(screen.queryByRole('button', { name: 'Add a rotating start time' })).toBeNull();
  });
});

import { type SessionDeliveryFieldsFragment } from '@lena/graphql-client';
import { ApolloProvider } from '@lena/graphql-client/react';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, Route, Routes } from 'react-router';
import { afterEach, describe, expect, it } from 'vitest';
import { SessionDeliveryPage } from './session-delivery-page.js';
import { fakeApi, type Answer } from '../../test/fake-api.js';

afterEach(cleanup);

const SESSION_ID = '5c0c6d3e-9a9e-4f1e-8d7b-2a1e3c4d5e03';
const SAM = '0b8f3a52-5d1a-4a8e-8f43-3f2f3a6f9c11';
const JO = '0b8f3a52-5d1a-4a8e-8f43-3f2f3a6f9c12';

/** As the API answers it: every object with its __typename (the fragment's types leave those out). */
type Delivery = Omit<SessionDeliveryFieldsFragment, 'runSheet' | 'register' | 'notes' | 'themeOptions'> & {
  __typename: string;
  runSheet: unknown[];
  register: unknown[];
  notes: unknown;
  themeOptions: unknown[];
};

function delivery(overrides: Partial<Delivery> = {}): Delivery {
  const gts = (overrides.serviceType ?? 'GTS') === 'GTS';
  return {
    __typename: 'SessionDelivery',
    sessionId: SESSION_ID,
    tenantId: 't1',
    tenantName: 'Coastal Ambulance Trust',
    programmeId: 'p1',
    programmeTitle: 'Group supervision for paramedics',
    serviceType: 'GTS',
    sequence: 3,
    // 10:00 in London (BST) on Tuesday 6 April 2027.
    startsAt: '2027-04-06T09:00:00.000Z',
    endsAt: '2027-04-06T10:30:00.000Z',
    timeZone: 'Europe/London',
    status: 'SCHEDULED',
    deliveredAt: null,
    reopenUntil: null,
    availableActions: ['MARK_ATTENDANCE', 'WRITE_NOTES', 'COMPLETE'],
    runSheet: gts
      ? [
          { __typename: 'RunSheetStep', key: 'agenda', title: 'Agenda of case presentations', guidance: 'Agree which cases come today.', minutes: 10 },
          { __typename: 'RunSheetStep', key: 'discussion', title: 'Discussion', guidance: 'Explore each case.', minutes: 50 },
          { __typename: 'RunSheetStep', key: 'strategies', title: 'Strategies agreed', guidance: 'Summarise.', minutes: 15 },
          { __typename: 'RunSheetStep', key: 'action-items', title: 'Action items', guidance: 'Who does what.', minutes: 15 },
        ]
      : [
          { __typename: 'RunSheetStep', key: 'arrival', title: 'Arrival and check-in', guidance: 'Welcome everyone.', minutes: 15 },
          { __typename: 'RunSheetStep', key: 'reflective-space', title: 'Open reflective space', guidance: 'Follow the group.', minutes: 60 },
          { __typename: 'RunSheetStep', key: 'closing-round', title: 'Closing round', guidance: 'Close on time.', minutes: 15 },
        ],
    register: [
      { __typename: 'AttendanceEntry', userId: JO, displayName: 'Jo Adebayo', status: 'LATE', markedAt: '2027-04-06T09:10:00.000Z' },
      { __typename: 'AttendanceEntry', userId: SAM, displayName: 'Sam Okafor', status: null, markedAt: null },
    ],
    notes: null,
    themeOptions: gts
      ? []
      : [
          { __typename: 'GrpThemeOption', key: 'WORKLOAD', label: 'Workload and pressure' },
          { __typename: 'GrpThemeOption', key: 'ISOLATION', label: 'Isolation' },
        ],
    ...overrides,
  };
}

function renderPage(answers: Record<string, Answer[]>) {
  const api = fakeApi(answers);
  render(
    <ApolloProvider client={api.client}>
      <MemoryRouter initialEntries={[`/sessions/${SESSION_ID}`]}>
        <Routes>
          <Route path="sessions/:sessionId" element={<SessionDeliveryPage timeZone="Europe/London" />} />
        </Routes>
      </MemoryRouter>
    </ApolloProvider>,
  );
  return api;
}

const loaded = (value: Delivery): Answer => ({ data: { sessionDelivery: value } });

describe('the session delivery page', () => {
  it('shows the run sheet of the service and the register, with each person’s state in words', async () => {
    renderPage({ SessionDelivery: [loaded(delivery())] });
    expect(await screen.findByRole('heading', { level: 1, name: 'Group supervision for paramedics: session 3' })).toBeTruthy();
    const runSheet = screen.getByRole('region', { name: 'Run sheet' });
    expect(
      within(runSheet)
        .getAllByRole('heading', { level: 3 })
        .map((heading) => heading.textContent),
    ).toEqual(['Agenda of case presentations (about 10 minutes)', 'Discussion (about 50 minutes)', 'Strategies agreed (about 15 minutes)', 'Action items (about 15 minutes)']);
    const jo = screen.getByRole('group', { name: /Jo Adebayo/ });
    expect(within(jo).getByRole('button', { name: 'Joined late' }).getAttribute('aria-pressed')).toBe('true');
    expect(within(jo).getByRole('button', { name: 'Present' }).getAttribute('aria-pressed')).toBe('false');
    expect(screen.getByText('1 not marked yet.', { exact: false })).toBeTruthy();
  });

  it('marks a person with one tap, showing the state the API stored', async () => {
    const api = renderPage({
      SessionDelivery: [loaded(delivery())],
      MarkAttendance: [
        { data: { markAttendance: { __typename: 'AttendanceEntry', userId: SAM, displayName: 'Sam Okafor', status: 'PRESENT', markedAt: '2027-04-06T09:05:00.000Z' } } },
      ],
    });
    const sam = await screen.findByRole('group', { name: /Sam Okafor/ });
    await userEvent.click(within(sam).getByRole('button', { name: 'Present' }));
    await waitFor(() => expect(within(sam).getByRole('button', { name: 'Present' }).getAttribute('aria-pressed')).toBe('true'));
    expect(api.named('MarkAttendance').map((request) => request.variables.input)).toEqual([{ sessionId: SESSION_ID, userId: SAM, status: 'PRESENT' }]);
    expect(screen.getByText('Everyone is marked.', { exact: false })).toBeTruthy();
  });

  it('says why the register is closed once the session is delivered, and offers reopening until its deadline', async () => {
    renderPage({
      SessionDelivery: [
        loaded(
          delivery({
            status: 'DELIVERED',
            deliveredAt: '2027-04-06T10:30:00.000Z',
            reopenUntil: '2027-04-08T10:30:00.000Z',
            availableActions: ['WRITE_NOTES', 'REOPEN'],
          }),
        ),
      ],
    });
    expect(await screen.findByText(/register is closed/)).toBeTruthy();
    const sam = screen.getByRole('group', { name: /Sam Okafor/ });
    expect((within(sam).getByRole('button', { name: 'Present' }) as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByText('8 April 2027, 11:30 BST', { selector: 'time' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Reopen session' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Complete session' })).toBeNull();
  });
});

describe('notes', () => {
  const warnings = [{ __typename: 'NoteWarning', field: 'caseSummaries', kind: 'NAME', match: 'Mrs Patel', start: 22, end: 31, message: 'This looks like a person’s name.' }];
  const savedNotes = {
    __typename: 'SessionNotes',
    kind: 'GTS',
    version: 1,
    caseSummaries: 'The worker discussed Mrs Patel.',
    strategies: '',
    themes: [],
    themeLine: null,
    updatedAt: '2027-04-06T10:40:00.000Z',
    purgedAt: null,
    actionItems: [{ __typename: 'ActionItem', id: 'a1', text: 'Review the plan', sharedWithGroup: false }],
  };

  it('shows the personal-data warnings before anything is saved, and saves only when the facilitator says so', async () => {
    const api = renderPage({
      SessionDelivery: [loaded(delivery())],
      SaveSessionNotes: [
        { data: { saveSessionNotes: { __typename: 'SaveSessionNotesResult', saved: false, warnings, notes: null } } },
        { data: { saveSessionNotes: { __typename: 'SaveSessionNotesResult', saved: true, warnings, notes: savedNotes } } },
      ],
    });
    await userEvent.type(await screen.findByLabelText('Case summaries', { exact: false }), 'The worker discussed Mrs Patel.');
    await userEvent.click(screen.getByRole('button', { name: 'Add an action item' }));
    await userEvent.type(screen.getByLabelText('Action item 1'), 'Review the plan');
    await userEvent.click(screen.getByRole('button', { name: 'Check and save notes' }));

    expect(await screen.findByText('This text may identify someone. Nothing has been saved yet.')).toBeTruthy();
    const list = screen.getByRole('list', { name: 'Possible personal data' });
    expect(list.textContent).toContain('Case summaries: A name, “Mrs Patel”.');
    expect(api.named('SaveSessionNotes')[0]?.variables.input).toEqual({
      sessionId: SESSION_ID,
      version: 0,
      acknowledgeWarnings: false,
      caseSummaries: 'The worker discussed Mrs Patel.',
      strategies: '',
      actionItems: [{ id: null, text: 'Review the plan', sharedWithGroup: false }],
    });
    expect(screen.queryByText('The notes have been saved.')).toBeNull();

    await userEvent.click(screen.getByRole('button', { name: 'I have checked: save anyway' }));
    expect(await screen.findByText('The notes have been saved.')).toBeTruthy();
    expect(api.named('SaveSessionNotes')[1]?.variables.input).toMatchObject({ version: 0, acknowledgeWarnings: true });
    // The saved item can now be shared with the group.
    expect(screen.getByRole('button', { name: 'Share with the group' }).getAttribute('aria-pressed')).toBe('false');
  });

  it('shows a stale save’s CONFLICT as the form’s error', async () => {
    renderPage({
      SessionDelivery: [loaded(delivery())],
      SaveSessionNotes: [
        { errors: [{ message: 'Someone else saved these notes since you opened them. Look at them again and make your change once more.', extensions: { code: 'CONFLICT' } }] },
      ],
    });
    await userEvent.type(await screen.findByLabelText('Strategies agreed'), 'Slow down.');
    await userEvent.click(screen.getByRole('button', { name: 'Check and save notes' }));
    expect(await screen.findByText(/Someone else saved these notes/)).toBeTruthy();
  });

  it('shares a saved action item with the group, and says so', async () => {
    const api = renderPage({
      SessionDelivery: [loaded(delivery({ notes: savedNotes }))],
      ShareActionItem: [{ data: { shareActionItem: { __typename: 'ActionItem', id: 'a1', text: 'Review the plan', sharedWithGroup: true } } }],
    });
    await userEvent.click(await screen.findByRole('button', { name: 'Share with the group' }));
    expect(await screen.findByText('That action item is now shared with the group.')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Shared with the group' }).getAttribute('aria-pressed')).toBe('true');
    expect(api.named('ShareActionItem').map((request) => request.variables.input)).toEqual([{ sessionId: SESSION_ID, actionItemId: 'a1', shared: true }]);
  });

  it('gives GRP sessions themes from the list and one line, and no case fields', async () => {
    const api = renderPage({
      SessionDelivery: [loaded(delivery({ serviceType: 'GRP' }))],
      SaveSessionNotes: [
        {
          data: {
            saveSessionNotes: {
              __typename: 'SaveSessionNotesResult',
              saved: true,
              warnings: [],
              notes: { ...savedNotes, kind: 'GRP', caseSummaries: null, strategies: null, actionItems: [], themes: ['ISOLATION'], themeLine: 'Nights are lonely.' },
            },
          },
        },
      ],
    });
    await userEvent.click(await screen.findByRole('checkbox', { name: 'Isolation' }));
    await userEvent.type(screen.getByLabelText('One line on the session (optional)', { exact: false }), 'Nights are lonely.');
    expect(screen.queryByLabelText('Case summaries', { exact: false })).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Check and save notes' }));
    expect(await screen.findByText('The notes have been saved.')).toBeTruthy();
    expect(api.named('SaveSessionNotes')[0]?.variables.input).toEqual({
      sessionId: SESSION_ID,
      version: 0,
      acknowledgeWarnings: false,
      themes: ['ISOLATION'],
      themeLine: 'Nights are lonely.',
    });
  });
});

describe('completing', () => {
  it('asks first, then completes the session and shows it delivered', async () => {
    const delivered = delivery({
      status: 'DELIVERED',
      deliveredAt: '2027-04-06T10:31:00.000Z',
      reopenUntil: '2027-04-08T10:31:00.000Z',
      availableActions: ['WRITE_NOTES', 'REOPEN'],
    });
    const api = renderPage({ SessionDelivery: [loaded(delivery())], CompleteSession: [{ data: { completeSession: delivered } }] });
    await userEvent.click(await screen.findByRole('button', { name: 'Complete session' }));
    const dialog = await screen.findByRole('dialog', { name: 'Complete this session?' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Yes, complete session' }));
    expect(await screen.findByText('The session has been completed. Feedback will be asked of everyone who attended.')).toBeTruthy();
    expect(api.named('CompleteSession').map((request) => request.variables)).toEqual([{ sessionId: SESSION_ID }]);
    await waitFor(() => expect(screen.getByRole('button', { name: 'Reopen session' })).toBeTruthy());
    expect(screen.getByText('Delivered', { selector: 'strong' })).toBeTruthy();
  });
});

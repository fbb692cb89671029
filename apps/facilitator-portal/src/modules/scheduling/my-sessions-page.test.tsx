import { type AgendaSessionFieldsFragment } from '@lena/graphql-client';
import { ApolloProvider } from '@lena/graphql-client/react';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MySessionsPage } from './my-sessions-page.js';
import { fakeApi, type Answer } from '../../test/fake-api.js';

function session(
  overrides: Partial<AgendaSessionFieldsFragment> & Pick<AgendaSessionFieldsFragment, 'id' | 'startsAt' | 'endsAt'>,
): AgendaSessionFieldsFragment & { __typename: string } {
  return {
    __typename: 'AgendaSession',
    tenantId: 't1',
    tenantName: 'Northshire Children’s Services',
    programmeId: 'p1',
    programmeTitle: 'Reflective practice for the duty team',
    serviceType: 'GRP',
    sequence: 1,
    status: 'SCHEDULED',
    statusReason: null,
    deliveryMode: 'ONLINE',
    videoLink: 'https://meet.example.org/duty',
    location: null,
    timeZone: 'Europe/London',
    enrolledCount: 8,
    ...overrides,
  };
}

// 22:00 UTC on 17 March is 09:00 on 18 March in Sydney: the day it is listed under must be Sydney's.
const FIRST = session({ id: 's1', startsAt: '2027-03-17T22:00:00.000Z', endsAt: '2027-03-17T23:30:00.000Z' });
const SECOND = session({
  id: 's2',
  startsAt: '2027-03-18T03:00:00.000Z',
  endsAt: '2027-03-18T04:30:00.000Z',
  tenantName: 'Coastal Ambulance Trust',
  programmeTitle: 'Group supervision for paramedics',
  serviceType: 'GTS',
  sequence: 3,
  status: 'CANCELLED',
  statusReason: 'Facilitator unwell',
  deliveryMode: 'IN_PERSON',
  videoLink: null,
  location: 'Station 4, training room',
  enrolledCount: 6,
});

const page = (items: AgendaSessionFieldsFragment[], nextCursor: string | null = null): Answer => ({
  data: { myGroupSessions: { __typename: 'AgendaPage', items, nextCursor } },
});
const noSubscription: Answer = { data: { calendarSubscription: null } };

function renderPage(answers: Record<string, Answer[]>) {
  const api = fakeApi({ CalendarSubscription: [noSubscription], ...answers });
  render(
    <ApolloProvider client={api.client}>
      <MySessionsPage timeZone="Australia/Sydney" />
    </ApolloProvider>,
  );
  return api;
}

beforeEach(() => {
  // Wednesday 17 March 2027, 19:00 in Sydney.
  vi.useFakeTimers({ shouldAdvanceTime: true, toFake: ['Date'] });
  vi.setSystemTime(new Date('2027-03-17T08:00:00.000Z'));
});

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('the agenda', () => {
  it('asks for the twelve weeks from the start of today in the viewer’s zone, and lists each session under its local day', async () => {
    const api = renderPage({ MyGroupSessions: [page([FIRST, SECOND])] });

    const day = await screen.findByRole('heading', { level: 3, name: 'Thursday 18 March 2027' });
    expect(api.requests.find((request) => request.operationName === 'MyGroupSessions')?.variables).toEqual({
      from: '2027-03-16T13:00:00.000Z',
      to: '2027-06-08T14:00:00.000Z',
      first: 50,
    });
    const sessions = within(day.closest('li')!).getAllByRole('article');
    expect(sessions).toHaveLength(2);
    expect(sessions[0]!.textContent).toContain('09:00–10:30');
    expect(sessions[0]!.textContent).toContain('Northshire Children’s Services · Group Reflective Practice (GRP) · 8 enrolled');
    expect(within(sessions[0]!).getByRole('link', { name: 'Join online (Reflective practice for the duty team, session 1)' }).getAttribute('href')).toBe(
      'https://meet.example.org/duty',
    );
    expect(screen.getByText(/Times are in Australia\/Sydney/)).toBeTruthy();
  });

  it('marks a cancelled session, gives the reason and offers no join link', async () => {
    renderPage({ MyGroupSessions: [page([FIRST, SECOND])] });
    const cancelled = await screen.findByRole('article', { name: 'Group supervision for paramedics, session 3, cancelled' });
    expect(cancelled.textContent).toContain('14:00–15:30');
    expect(cancelled.textContent).toContain('Cancelled');
    expect(cancelled.textContent).toContain('Reason: Facilitator unwell');
    expect(cancelled.textContent).toContain('In person: Station 4, training room');
    expect(within(cancelled).queryByRole('link', { name: /Join online/ })).toBeNull();
    // Its programme's page is still there to read.
    expect(within(cancelled).getByRole('link', { name: 'Group supervision for paramedics' }).getAttribute('href')).toBe('/programmes/p1');
  });

  it('loads the next page with the cursor and keeps the first', async () => {
    const api = renderPage({ MyGroupSessions: [page([FIRST], 'cursor-1'), page([SECOND])] });
    fireEvent.click(await screen.findByRole('button', { name: 'Show more sessions' }));
    await screen.findByRole('article', { name: /Group supervision for paramedics/ });
    expect(screen.getByRole('article', { name: /Reflective practice for the duty team/ })).toBeTruthy();
    expect(api.requests.filter((request) => request.operationName === 'MyGroupSessions').map((request) => request.variables.after ?? null)).toEqual([null, 'cursor-1']);
    expect(screen.queryByRole('button', { name: 'Show more sessions' })).toBeNull();
  });

  it('says so when there is nothing to come', async () => {
    renderPage({ MyGroupSessions: [page([])] });
    expect(await screen.findByRole('heading', { name: 'No sessions in the next twelve weeks' })).toBeTruthy();
  });
});

describe('the week view', () => {
  it('shows Monday to Sunday of this week in the viewer’s zone, and moves a week at a time', async () => {
    const api = renderPage({ MyGroupSessions: [page([FIRST, SECOND])] });
    fireEvent.click(await screen.findByRole('tab', { name: 'Week' }));

    const week = await screen.findByRole('list', { name: /^Week of Monday 15 March 2027 to Sunday 21 March 2027$/ });
    const days = within(week)
      .getAllByRole('listitem')
      .filter((item) => item.parentElement === week);
    expect(days.map((item) => within(item).getAllByRole('heading')[0]!.textContent)).toEqual([
      'Monday 15 March 2027',
      'Tuesday 16 March 2027',
      'Wednesday 17 March 2027',
      'Thursday 18 March 2027',
      'Friday 19 March 2027',
      'Saturday 20 March 2027',
      'Sunday 21 March 2027',
    ]);
    expect(within(days[3]!).getAllByRole('article')).toHaveLength(2);
    expect(within(days[2]!).getByText('No sessions')).toBeTruthy();
    expect(api.requests.filter((request) => request.operationName === 'MyGroupSessions').at(-1)?.variables).toEqual({
      from: '2027-03-14T13:00:00.000Z',
      to: '2027-03-21T13:00:00.000Z',
      first: 100,
    });

    fireEvent.click(screen.getByRole('button', { name: 'Next week' }));
    await screen.findByRole('list', { name: /^Week of Monday 22 March 2027/ });
    await waitFor(() => expect(api.requests.at(-1)?.variables).toMatchObject({ from: '2027-03-21T13:00:00.000Z', to: '2027-03-28T13:00:00.000Z' }));
  });

  it('chooses a week by picking a day in the calendar', async () => {
    renderPage({ MyGroupSessions: [page([])] });
    fireEvent.click(await screen.findByRole('tab', { name: 'Week' }));
    const calendar = await screen.findByRole('application', { name: /Choose a week/ });
    fireEvent.click(within(calendar).getByRole('button', { name: /Wednesday, 31 March 2027/ }));
    expect(await screen.findByRole('list', { name: /^Week of Monday 29 March 2027/ })).toBeTruthy();
  });
});

describe('the calendar subscription', () => {
  it('makes an address and shows it once, with a warning to keep it private', async () => {
    const url = 'https://facilitators.lena.test/calendar/AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_AbCdE.ics';
    const api = renderPage({
      MyGroupSessions: [page([])],
      CalendarSubscription: [noSubscription, { data: { calendarSubscription: { __typename: 'CalendarSubscription', createdAt: '2027-03-17T08:00:00.000Z' } } }],
      CreateCalendarSubscription: [{ data: { createCalendarSubscription: { __typename: 'NewCalendarSubscription', url, createdAt: '2027-03-17T08:00:00.000Z' } } }],
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Make a calendar address' }));
    expect((await screen.findByRole<HTMLInputElement>('textbox', { name: 'Calendar address' })).value).toBe(url);
    expect(screen.getByText(/it will not be shown again/)).toBeTruthy();
    expect(await screen.findByRole('button', { name: 'Stop the subscription' })).toBeTruthy();
    expect(api.requests.filter((request) => request.operationName === 'CreateCalendarSubscription')).toHaveLength(1);
  });

  it('stops a subscription only after asking', async () => {
    const api = renderPage({
      MyGroupSessions: [page([])],
      CalendarSubscription: [{ data: { calendarSubscription: { __typename: 'CalendarSubscription', createdAt: '2027-03-01T08:00:00.000Z' } } }, noSubscription],
      RevokeCalendarSubscription: [{ data: { revokeCalendarSubscription: true } }],
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Stop the subscription' }));
    const dialog = await screen.findByRole('dialog', { name: 'Stop your calendar subscription?' });
    expect(api.requests.some((request) => request.operationName === 'RevokeCalendarSubscription')).toBe(false);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Yes, stop it' }));
    expect(await screen.findByText('Your calendar subscription has been stopped. The address no longer works.')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Make a calendar address' })).toBeTruthy();
  });
});

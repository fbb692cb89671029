import { ApolloProvider } from '@lena/graphql-client/react';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeApi, type Answer } from '../../test/fake-api.js';
import { tenant } from '../../test/fakes.js';
import { PlatformDashboardPage } from './platform-dashboard-page.js';

afterEach(cleanup);

const attended = (attendances: number | null) => ({
  __typename: 'AttendancesFigure',
  shown: attendances !== null,
  message: attendances === null ? 'Fewer than 5 responses' : null,
  attendances,
});
const month = (name: string, bought: number, scheduled: number, delivered: number, attendances: number | null) => ({
  __typename: 'UtilisationFigures',
  month: name,
  bought,
  scheduled,
  delivered,
  attended: attended(attendances),
});

const DASHBOARD: Answer = {
  data: {
    platformDashboard: {
      __typename: 'PlatformDashboard',
      from: '2026-09',
      to: '2026-10',
      months: ['2026-09', '2026-10'],
      utilisation: [
        {
          __typename: 'OrganisationUtilisation',
          tenantId: 't-north',
          name: 'Northshire',
          months: [month('2026-09', 6, 2, 2, 14), month('2026-10', 0, 1, 1, null)],
          total: { __typename: 'UtilisationFigures', bought: 6, scheduled: 3, delivered: 3, attended: attended(null) },
        },
        {
          __typename: 'OrganisationUtilisation',
          tenantId: 't-coast',
          name: 'Coastal',
          months: [month('2026-09', 0, 1, 1, null), month('2026-10', 12, 4, 3, 21)],
          total: { __typename: 'UtilisationFigures', bought: 12, scheduled: 5, delivered: 4, attended: attended(27) },
        },
      ],
      facilitatorLoad: [
        {
          __typename: 'FacilitatorLoadEntry',
          userId: 'u-1',
          displayName: 'Fran Facilitator',
          total: 5,
          busiestMonth: '2026-09',
          months: [
            { __typename: 'FacilitatorMonthLoad', month: '2026-09', sessions: 3 },
            { __typename: 'FacilitatorMonthLoad', month: '2026-10', sessions: 2 },
          ],
        },
      ],
    },
  },
};

const TENANTS: Answer = {
  data: {
    tenants: [tenant({ id: 't-north', name: 'Northshire' })],
  },
};

const figure = (value: number | null, message = 'Fewer than 5 responses') => ({
  __typename: 'BenchmarkFigure',
  shown: value !== null,
  message: value === null ? message : null,
  value,
});
const BENCHMARK: Answer = {
  data: {
    feedbackBenchmark: {
      __typename: 'FeedbackBenchmark',
      tenantId: 't-north',
      name: 'Northshire',
      instrumentTitle: 'After the session',
      items: [
        {
          __typename: 'BenchmarkItem',
          itemId: 'held_well',
          prompt: 'The facilitator held the group well.',
          organisations: 3,
          organisation: figure(4.83),
          platformMedian: figure(3),
        },
        {
          __typename: 'BenchmarkItem',
          itemId: 'safe_to_share',
          prompt: 'I felt safe to share.',
          organisations: 0,
          organisation: figure(null),
          platformMedian: figure(null, 'Fewer than 3 organisations have published feedback'),
        },
      ],
    },
  },
};

function open(answers: Record<string, Answer[]> = {}) {
  const api = fakeApi({ PlatformDashboard: [DASHBOARD], Tenants: [TENANTS], FeedbackBenchmark: [BENCHMARK], ...answers });
  render(
    <ApolloProvider client={api.client}>
      <PlatformDashboardPage />
    </ApolloProvider>,
  );
  return api;
}

const rowsOf = (table: HTMLElement) =>
  within(table)
    .getAllByRole('row')
    .map((row) => row.textContent);

describe('the platform dashboard', () => {
  it('shows each organisation’s utilisation, and one organisation’s months as a table beside its chart, withheld figures in words', async () => {
    open();
    const totals = await screen.findByRole('table', { name: 'Sessions per organisation, 2026-09 to 2026-10' });
    expect(rowsOf(totals)).toEqual(['OrganisationBoughtScheduledDeliveredAttendances', 'Northshire633Fewer than 5 responses', 'Coastal125427']);
    expect(rowsOf(screen.getByRole('table', { name: 'Northshire: sessions and attendances by month' }))).toEqual([
      'MonthBoughtScheduledDeliveredAttendances',
      '2026-0962214',
      '2026-10011Fewer than 5 responses',
    ]);
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Organisation to show by month' }), 'Coastal');
    expect(rowsOf(screen.getByRole('table', { name: 'Coastal: sessions and attendances by month' }))).toEqual([
      'MonthBoughtScheduledDeliveredAttendances',
      '2026-09011Fewer than 5 responses',
      '2026-10124321',
    ]);
  });

  it('shows each facilitator’s sessions per month', async () => {
    open();
    const load = await screen.findByRole('table', { name: 'Sessions per facilitator per month, 2026-09 to 2026-10' });
    expect(rowsOf(load)).toEqual(['Facilitator2026-092026-10TotalBusiest month', 'Fran Facilitator3252026-09']);
  });

  it('asks for the chosen period and goes back to the last twelve months', async () => {
    const api = open();
    await screen.findByRole('table', { name: /Sessions per organisation/ });
    await userEvent.type(screen.getByLabelText(/From \(month\)/), '2026-01');
    await userEvent.type(screen.getByLabelText(/To \(month\)/), '2026-06');
    await userEvent.click(screen.getByRole('button', { name: 'Show period' }));
    await waitFor(() => expect(api.named('PlatformDashboard').at(-1)!.variables).toEqual({ period: { from: '2026-01', to: '2026-06' } }));
    await userEvent.click(screen.getByRole('button', { name: 'Last twelve months' }));
    await waitFor(() => expect(api.named('PlatformDashboard').at(-1)!.variables).toEqual({ period: null }));
  });

  it('benchmarks a chosen organisation’s feedback against the platform median, with the reasons where a figure is withheld', async () => {
    const api = open();
    await userEvent.selectOptions(await screen.findByRole('combobox', { name: 'Organisation' }), 'Northshire');
    const table = await screen.findByRole('table', { name: 'Northshire’s feedback against the platform median' });
    expect(rowsOf(table)).toEqual([
      'StatementNorthshirePlatform medianOrganisations in the median',
      'The facilitator held the group well.4.833.003',
      'I felt safe to share.Fewer than 5 responsesFewer than 3 organisations have published feedback0',
    ]);
    expect(api.named('FeedbackBenchmark').map((request) => request.variables)).toEqual([{ tenantId: 't-north' }]);
  });
});

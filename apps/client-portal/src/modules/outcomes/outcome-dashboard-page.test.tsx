import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { openPortal, type Answerer } from '../../test/open-portal.js';
import { OutcomeDashboardPage } from './outcome-dashboard-page.js';

afterEach(cleanup);

const interval = (lower: number, upper: number) => ({ __typename: 'OutcomeInterval', lower, upper });

const shownChange = (n: number, summary: string) => ({
  __typename: 'OutcomeChange',
  instrumentKey: 'cbi',
  subscaleKey: 'work',
  title: 'Work-related burnout',
  direction: 'HIGHER_IS_WORSE',
  shown: true,
  withheldReason: null,
  message: null,
  n,
  meanBefore: 61,
  meanAfter: 53,
  meanDifference: -8.04,
  meanDifferenceCi95: interval(-13.1, -2.9),
  hedgesG: -0.62,
  hedgesGCi95: interval(-1.1, -0.1),
  reliable: { __typename: 'ReliableChangeShares', improved: 0.5, unchanged: 0.43, deteriorated: 0.07 },
  summary,
});

const withheldChange = {
  ...shownChange(0, ''),
  shown: false,
  withheldReason: 'TOO_FEW_RESPONSES',
  message: 'Fewer than 5 responses',
  n: null,
  meanBefore: null,
  meanAfter: null,
  meanDifference: null,
  meanDifferenceCi95: null,
  hedgesG: null,
  hedgesGCi95: null,
  reliable: null,
  summary: null,
};

const sessions = (bought: number, delivered: number) => ({ __typename: 'OutcomeSessionCounts', bought, planned: bought - delivered - 1, delivered, cancelled: 1 });
const attendance = (people: number | null) =>
  people === null
    ? { __typename: 'OutcomeAttendance', shown: false, withheldReason: 'TOO_FEW_RESPONSES', message: 'Fewer than 5 responses', people: null, rate: null }
    : { __typename: 'OutcomeAttendance', shown: true, withheldReason: null, message: null, people, rate: 0.875 };

const programme = (id: string, title: string, change: unknown, people: number | null) => ({
  __typename: 'ProgrammeOutcomes',
  programmeId: id,
  title,
  teamId: 'team-1',
  teamName: 'Night shift',
  serviceType: 'GRP',
  minGroupSize: 5,
  sessions: sessions(6, 4),
  attendance: attendance(people),
  changes: [change],
  feedback: null,
});

const SUMMARY = 'Work-related burnout fell by 8 points on average (95% CI 3 to 13), a moderate effect, an improvement, n = 14';

const DASHBOARD = {
  __typename: 'OutcomeDashboard',
  minGroupSize: 5,
  computedAt: '2026-12-07T02:00:00.000Z',
  teams: [{ __typename: 'OutcomeFilterOption', id: 'team-1', name: 'Night shift' }],
  programmeOptions: [
    { __typename: 'OutcomeFilterOption', id: 'p-1', name: 'Reflective practice, nights' },
    { __typename: 'OutcomeFilterOption', id: 'p-2', name: 'Small pilot' },
  ],
  total: { __typename: 'OutcomeDashboardTotal', programmes: 2, sessions: sessions(12, 8), attendance: attendance(18), changes: [shownChange(14, SUMMARY)] },
  programmes: [programme('p-1', 'Reflective practice, nights', shownChange(14, SUMMARY), 14), programme('p-2', 'Small pilot', withheldChange, null)],
  sessionsByMonth: [
    { __typename: 'OutcomeSessionMonth', month: '2026-10', planned: 0, delivered: 5, cancelled: 1 },
    { __typename: 'OutcomeSessionMonth', month: '2026-11', planned: 2, delivered: 3, cancelled: 0 },
  ],
  changeTrends: [
    {
      __typename: 'OutcomeTrend',
      instrumentKey: 'cbi',
      subscaleKey: 'work',
      title: 'Work-related burnout',
      points: [
        { __typename: 'OutcomeTrendPoint', month: '2026-10', change: shownChange(14, SUMMARY) },
        { __typename: 'OutcomeTrendPoint', month: '2026-11', change: withheldChange },
      ],
    },
  ],
};

function open(answer: Answerer = { data: { outcomeDashboard: DASHBOARD } }) {
  return openPortal('/outcomes', [{ path: '/outcomes', element: <OutcomeDashboardPage /> }], { OutcomeDashboard: answer });
}

describe('The outcomes dashboard', () => {
  it('reads each change in words, with the same numbers in a table, and the API’s words where a figure is withheld', async () => {
    open();
    expect(await screen.findAllByText(SUMMARY)).toHaveLength(2);
    const pilot = screen.getByRole('region', { name: 'Small pilot' });
    expect(within(pilot).getByText('Work-related burnout: Fewer than 5 responses')).toBeTruthy();
    expect(within(pilot).getByText(/Attendance: Fewer than 5 responses/)).toBeTruthy();
    // The pilot's table row carries no number, only the words.
    const pilotTable = within(pilot).getByRole('table', { name: 'Outcome measures of Small pilot' });
    expect(within(pilotTable).queryByText('-8.0')).toBeNull();
    const nights = within(screen.getByRole('region', { name: 'Reflective practice, nights' })).getByRole('table');
    expect(within(nights).getByText('-8.0')).toBeTruthy();
    expect(within(nights).getByText('-13.1 to -2.9')).toBeTruthy();
    expect(within(nights).getByText('50% / 43% / 7%')).toBeTruthy();
  });

  it('shows headline figures and every chart’s numbers as a table too', async () => {
    open();
    expect(await screen.findByText('8 of 12 bought')).toBeTruthy();
    expect(screen.getByText('88% of places attended (18 people)')).toBeTruthy();
    const months = screen.getByRole('table', { name: 'Sessions by month' });
    expect(
      within(months)
        .getAllByRole('row')
        .map((row) => row.textContent),
    ).toEqual(['MonthDeliveredCancelledStill to come', '2026-10510', '2026-11302']);
    const trend = screen.getByRole('table', { name: 'Average change by month of programmes’ last session' });
    expect(within(trend).getByText('Fewer than 5 responses')).toBeTruthy();
  });

  it('sends the chosen filters, and clears them', async () => {
    const portal = open();
    await screen.findAllByText(SUMMARY);
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Team' }), 'Night shift');
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Service' }), 'Group Reflective Practice');
    await userEvent.type(screen.getByLabelText(/From \(month\)/), '2026-10');
    await userEvent.click(screen.getByRole('button', { name: 'Apply filters' }));
    await waitFor(() => expect(portal.asked('OutcomeDashboard').length).toBeGreaterThanOrEqual(2));
    expect(portal.asked('OutcomeDashboard').at(-1)!.variables).toEqual({ filter: { teamId: 'team-1', programmeId: null, serviceType: 'GRP', from: '2026-10', to: null } });
    await userEvent.click(screen.getByRole('button', { name: 'Clear filters' }));
    await waitFor(() =>
      expect(portal.asked('OutcomeDashboard').at(-1)!.variables).toEqual({ filter: { teamId: null, programmeId: null, serviceType: null, from: null, to: null } }),
    );
  });

  it('shows the API’s message when a filter is refused', async () => {
    open({ errors: [{ message: 'The period must start on or before the month it ends.', extensions: { code: 'BAD_USER_INPUT' } }] });
    expect(await screen.findByText(/The period must start on or before the month it ends\./)).toBeTruthy();
  });
});

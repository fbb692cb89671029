import { ApolloProvider } from '@lena/graphql-client/react';
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeApi, type Answer } from '../../test/fake-api.js';
import { FacilitatorDashboardPage } from './facilitator-dashboard-page.js';

afterEach(cleanup);

const SUMMARY = 'Work-related burnout fell by 8 points on average (95% CI 3 to 13), a moderate effect, an improvement, n = 6';
const change = (shown: boolean) => ({
  __typename: 'OutcomeChange',
  instrumentKey: 'cbi',
  subscaleKey: 'work',
  title: 'Work-related burnout',
  direction: 'HIGHER_IS_WORSE',
  shown,
  withheldReason: shown ? null : 'TOO_FEW_RESPONSES',
  message: shown ? null : 'Fewer than 6 responses',
  n: shown ? 6 : null,
  meanBefore: shown ? 61 : null,
  meanAfter: shown ? 53 : null,
  meanDifference: shown ? -8.04 : null,
  meanDifferenceCi95: shown ? { __typename: 'OutcomeInterval', lower: -13.1, upper: -2.9 } : null,
  hedgesG: shown ? -0.62 : null,
  hedgesGCi95: shown ? { __typename: 'OutcomeInterval', lower: -1.1, upper: -0.1 } : null,
  reliable: null,
  summary: shown ? SUMMARY : null,
});
const programme = (id: string, title: string, shown: boolean, minGroupSize: number) => ({
  __typename: 'ProgrammeOutcomes',
  programmeId: id,
  title,
  teamId: 'team',
  teamName: 'Wards',
  serviceType: 'GRP',
  minGroupSize,
  computedAt: '2026-12-07T02:00:00.000Z',
  sessions: { __typename: 'OutcomeSessionCounts', bought: 6, planned: 3, delivered: 2, cancelled: 1 },
  attendance: shown
    ? { __typename: 'OutcomeAttendance', shown: true, withheldReason: null, message: null, people: 6, rate: 0.9 }
    : { __typename: 'OutcomeAttendance', shown: false, withheldReason: 'TOO_FEW_RESPONSES', message: `Fewer than ${minGroupSize} responses`, people: null, rate: null },
  changes: [change(shown)],
  feedback: shown
    ? {
        __typename: 'FeedbackScores',
        shown: true,
        message: null,
        responses: 6,
        items: [{ __typename: 'FeedbackItemSummary', itemId: 'held_well', prompt: 'The facilitator held the group well.', mean: 4.83 }],
      }
    : { __typename: 'FeedbackScores', shown: false, message: `Fewer than ${minGroupSize} responses`, responses: null, items: null },
});

const DASHBOARD: Answer = {
  data: {
    facilitatorDashboard: {
      __typename: 'FacilitatorDashboard',
      organisations: [
        {
          __typename: 'FacilitatorDashboardOrganisation',
          tenantId: 't-coast',
          name: 'Coastal',
          minGroupSize: 6,
          programmes: [programme('p-coast', 'Harbour reflective practice', false, 6)],
        },
        {
          __typename: 'FacilitatorDashboardOrganisation',
          tenantId: 't-north',
          name: 'Northshire',
          minGroupSize: 5,
          programmes: [programme('p-north', 'Wards reflective practice', true, 5)],
        },
      ],
    },
  },
};

function open(answer: Answer) {
  const api = fakeApi({ FacilitatorDashboard: [answer] });
  render(
    <ApolloProvider client={api.client}>
      <FacilitatorDashboardPage />
    </ApolloProvider>,
  );
  return api;
}

describe('the facilitator’s outcomes page', () => {
  it('shows each organisation’s programmes with their figures, and each organisation’s own words where a figure is withheld', async () => {
    open(DASHBOARD);
    const north = within(await screen.findByRole('table', { name: 'Your programmes at Northshire' }));
    expect(north.getAllByRole('row').map((row) => row.textContent)).toEqual([
      'ProgrammeSessions deliveredAttendanceFeedback',
      'Wards reflective practice2 of 6 (3 still to come)90% of places attended (6 people)6 responses',
    ]);
    const coast = within(screen.getByRole('table', { name: 'Your programmes at Coastal' }));
    expect(coast.getAllByRole('row')[1]!.textContent).toBe('Harbour reflective practice2 of 6 (3 still to come)Fewer than 6 responsesFewer than 6 responses');
    expect(screen.getByText('Coastal shows a figure only when at least 6 people are behind it.')).toBeTruthy();
    expect(screen.getByText(SUMMARY)).toBeTruthy();
    expect(screen.getByText('Work-related burnout: Fewer than 6 responses')).toBeTruthy();
    const means = within(screen.getByRole('table', { name: 'Feedback means of Wards reflective practice' }));
    expect(means.getByText('4.83')).toBeTruthy();
    // The withheld programme carries no number of its own.
    expect(screen.queryByRole('table', { name: 'Feedback means of Harbour reflective practice' })).toBeNull();
  });

  it('says so when they run no programme yet', async () => {
    open({ data: { facilitatorDashboard: { __typename: 'FacilitatorDashboard', organisations: [] } } });
    expect(await screen.findByText('Once you are assigned to a programme, its figures appear here.')).toBeTruthy();
  });
});

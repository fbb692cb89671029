import { createLenaApolloClient } from '@lena/graphql-client';
import { ApolloProvider } from '@lena/graphql-client/react';
import { UiProvider } from '@lena/ui';
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ProgrammeOutcomesSection } from './programme-outcomes-section.js';

afterEach(cleanup);

const CHANGE = {
  __typename: 'OutcomeChange',
  instrumentKey: 'cbi',
  subscaleKey: 'personal',
  title: 'Personal burnout',
  direction: 'HIGHER_IS_WORSE',
  shown: true,
  withheldReason: null,
  message: null,
  n: 9,
  meanBefore: 58,
  meanAfter: 51,
  meanDifference: -7,
  meanDifferenceCi95: { __typename: 'OutcomeInterval', lower: -10.4, upper: -3.5 },
  hedgesG: -1.18,
  hedgesGCi95: { __typename: 'OutcomeInterval', lower: -1.9, upper: -0.4 },
  reliable: null,
  summary: 'Personal burnout fell by 7 points on average (95% CI 4 to 10), a large effect, an improvement, n = 9',
};

function open(changes: unknown[], attendance: Record<string, unknown>) {
  const asked: Record<string, unknown>[] = [];
  const fetch: typeof globalThis.fetch = async (_input, init) => {
    asked.push((JSON.parse(String(init?.body)) as { variables: Record<string, unknown> }).variables);
    const programmeOutcomes = {
      __typename: 'ProgrammeOutcomes',
      programmeId: 'p1',
      title: 'Night shift reflective practice',
      teamId: 't1',
      teamName: 'Night shift',
      serviceType: 'GRP',
      minGroupSize: 5,
      sessions: { __typename: 'OutcomeSessionCounts', bought: 6, planned: 1, delivered: 4, cancelled: 1 },
      attendance: { __typename: 'OutcomeAttendance', withheldReason: null, message: null, people: null, rate: null, ...attendance },
      changes,
      feedback: null,
    };
    return new Response(JSON.stringify({ data: { programmeOutcomes } }), { headers: { 'content-type': 'application/json' } });
  };
  render(
    <ApolloProvider client={createLenaApolloClient({ uri: 'http://api.test/graphql', fetch })}>
      <UiProvider serviceName="Lena">
        <ProgrammeOutcomesSection programmeId="p1" />
      </UiProvider>
    </ApolloProvider>,
  );
  return asked;
}

describe('a programme’s outcomes section', () => {
  it('reads the change in words and in a table, with sessions and attendance', async () => {
    const asked = open([CHANGE], { shown: true, people: 9, rate: 0.8 });
    expect(await screen.findByText(CHANGE.summary)).toBeTruthy();
    expect(screen.getByText('4 delivered of 6 bought; 1 still to come, 1 cancelled')).toBeTruthy();
    expect(screen.getByText('80% of places attended (9 people)')).toBeTruthy();
    const table = screen.getByRole('table', { name: 'Outcome measures of Night shift reflective practice' });
    expect(within(table).getByText('-10.4 to -3.5')).toBeTruthy();
    expect(within(table).getByText('-1.18')).toBeTruthy();
    expect(asked).toEqual([{ programmeId: 'p1' }]);
  });

  it('shows the API’s words and no number where figures are withheld', async () => {
    const withheld = {
      ...CHANGE,
      shown: false,
      withheldReason: 'TOO_FEW_RESPONSES',
      message: 'Fewer than 5 responses',
      n: null,
      meanDifference: null,
      meanDifferenceCi95: null,
      hedgesG: null,
      hedgesGCi95: null,
      summary: null,
    };
    open([withheld], { shown: false, withheldReason: 'TOO_FEW_RESPONSES', message: 'Fewer than 5 responses' });
    expect(await screen.findByText('Personal burnout: Fewer than 5 responses')).toBeTruthy();
    const table = screen.getByRole('table', { name: 'Outcome measures of Night shift reflective practice' });
    expect(within(table).queryByText('-7.0')).toBeNull();
    expect(screen.getAllByText('Fewer than 5 responses').length).toBeGreaterThanOrEqual(2);
  });
});

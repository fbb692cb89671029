import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { openPortal } from '../../test/open-portal.js';
import { MyMeasuresPage } from './my-measures-page.js';

afterEach(cleanup);

const ATTRIBUTION = 'Copenhagen Burnout Inventory: Kristensen TS, Borritz M, Villadsen E, Christensen KB (2005), Work & Stress 19(3), 192–207.';

function scale(subscaleKey: string, title: string, scores: Array<[string, string, number]>, reading: string) {
  return {
    __typename: 'MyMeasureScale',
    instrumentKey: 'cbi',
    instrumentTitle: 'Copenhagen Burnout Inventory',
    attribution: ATTRIBUTION,
    subscaleKey,
    title,
    direction: 'HIGHER_IS_WORSE',
    minimum: 0,
    maximum: 100,
    reading,
    scores: scores.map(([point, askedAt, score]) => ({ __typename: 'MyMeasureScore', point, askedAt, score })),
  };
}

const PROGRAMME = {
  __typename: 'MyMeasuresProgramme',
  programmeId: 'p1',
  programmeTitle: 'Burnout circle',
  scales: [
    scale(
      'work',
      'Work-related burnout',
      [
        ['BASELINE', '2027-01-01T10:00:00.000Z', 62.1],
        ['FINAL', '2027-02-10T12:00:00.000Z', 45],
      ],
      'Work-related burnout 62 → 45: lower is better; a fall is an improvement, and a fall of this size is more than the measure’s own noise.',
    ),
    scale('client', 'Client-related burnout', [], 'Client-related burnout: no answers yet.'),
  ],
};

describe('My measures', () => {
  it('shows each scale’s reading and a table of the same numbers as its chart, with the instrument’s attribution', async () => {
    openPortal('/my-measures', [{ path: '/my-measures', element: <MyMeasuresPage /> }], { MyMeasures: { data: { myMeasures: [PROGRAMME] } } });
    await screen.findByRole('heading', { level: 2, name: 'Burnout circle' });
    expect(screen.getByText(PROGRAMME.scales[0]!.reading)).toBeTruthy();
    const table = screen.getByRole('table', { name: 'Your work-related burnout scores (0 to 100)' });
    const rows = within(table)
      .getAllByRole('row')
      .map((row) => [...row.querySelectorAll('th, td')].map((cell) => cell.textContent));
    expect(rows).toEqual([
      ['When', 'Asked on', 'Your score'],
      ['Start', '1 January 2027', '62'],
      ['End', '10 February 2027', '45'],
    ]);
    // The chart is hidden from assistive technology (the table has its numbers) and labels each point with its value.
    const chart = document.querySelector('svg.lena-my-measures__chart')!;
    expect(chart.getAttribute('aria-hidden')).toBe('true');
    expect(chart.textContent).toContain('62');
    expect(chart.textContent).toContain('lower is better');
    // A scale with no answers has its reading and no table.
    expect(screen.getByText('Client-related burnout: no answers yet.')).toBeTruthy();
    expect(screen.queryByRole('table', { name: /client-related/ })).toBeNull();
    expect(screen.getByText(ATTRIBUTION)).toBeTruthy();
  });

  it('says so when there is nothing yet', async () => {
    openPortal('/my-measures', [{ path: '/my-measures', element: <MyMeasuresPage /> }], { MyMeasures: { data: { myMeasures: [] } } });
    expect(await screen.findByRole('heading', { name: 'No measures yet' })).toBeTruthy();
  });

  it('unpairs the person’s answers only after they confirm', async () => {
    const user = userEvent.setup();
    const portal = openPortal('/my-measures', [{ path: '/my-measures', element: <MyMeasuresPage /> }], {
      MyMeasures: { data: { myMeasures: [PROGRAMME] } },
      EraseMyOutcomePairing: { data: { eraseMyOutcomePairing: true } },
    });
    await user.click(await screen.findByRole('button', { name: 'Unpair my answers' }));
    expect(portal.asked('EraseMyOutcomePairing')).toHaveLength(0);
    await user.click(screen.getByRole('button', { name: 'Yes, unpair my answers' }));
    await waitFor(() => expect(portal.asked('EraseMyOutcomePairing')).toHaveLength(1));
    expect(await screen.findByText('Your answers are unpaired')).toBeTruthy();
  });
});

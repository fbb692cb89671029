import { createLenaApolloClient } from '@lena/graphql-client';
import { ApolloProvider } from '@lena/graphql-client/react';
import { UiProvider } from '@lena/ui';
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { FeedbackResultsSection } from './feedback-results-section.js';

afterEach(cleanup);

const withheld = (message: string) => ({
  __typename: 'FeedbackFigure',
  scores: { shown: false, withheldReason: 'TOO_FEW_RESPONSES', message, responses: null, items: null },
  comments: { shown: false, withheldReason: 'TOO_FEW_RESPONSES', message, comments: null },
});

const AGREEMENT = [
  { value: 1, label: 'Strongly disagree', count: 0 },
  { value: 2, label: 'Disagree', count: 0 },
  { value: 3, label: 'Neither agree nor disagree', count: 1 },
  { value: 4, label: 'Agree', count: 3 },
  { value: 5, label: 'Strongly agree', count: 2 },
];

function results(programme: unknown, sessions: unknown[], updatedOn: string | null = null, minGroupSize = 5) {
  return {
    data: {
      feedbackResults: {
        programmeId: 'p1',
        minGroupSize,
        updatedOn,
        instrument: { key: 'session-feedback', version: 1, title: 'How was this session for you?', licence: 'CC-BY-4.0' },
        programme,
        sessions,
      },
    },
  };
}

function open(answer: unknown) {
  const asked: Record<string, unknown>[] = [];
  const fetch: typeof globalThis.fetch = async (_input, init) => {
    asked.push((JSON.parse(String(init?.body)) as { variables: Record<string, unknown> }).variables);
    return new Response(JSON.stringify(answer), { headers: { 'content-type': 'application/json' } });
  };
  render(
    <ApolloProvider client={createLenaApolloClient({ uri: 'http://api.test/graphql', fetch })}>
      <UiProvider serviceName="Lena">
        <FeedbackResultsSection programmeId="p1" />
      </UiProvider>
    </ApolloProvider>,
  );
  return asked;
}

describe('a programme’s feedback results', () => {
  it('shows the API’s words instead of numbers wherever a figure is withheld', async () => {
    const asked = open(
      results(withheld('Fewer than 5 responses'), [{ sessionId: 's1', sequence: 1, startsAt: '2027-03-17T10:00:00.000Z', figure: withheld('Fewer than 5 responses') }]),
    );
    await screen.findByRole('heading', { name: 'The whole programme' });
    expect(screen.getAllByText('Fewer than 5 responses')).toHaveLength(2);
    expect(screen.getAllByText('Comments: Fewer than 5 responses')).toHaveLength(2);
    expect(screen.queryByRole('table')).toBeNull();
    expect(screen.queryByText(/Average/)).toBeNull();
    expect(screen.getByText('No results have been published yet.')).toBeTruthy();
    expect(asked).toEqual([{ programmeId: 'p1' }]);
  });

  it('shows each item’s average and distribution (a table beside the chart) once shown, and the comments allowed', async () => {
    const shown = {
      __typename: 'FeedbackFigure',
      scores: {
        shown: true,
        withheldReason: null,
        message: null,
        responses: 6,
        items: [{ itemId: 'held_well', prompt: 'The facilitator held the group well.', answered: 6, mean: 4.17, distribution: AGREEMENT }],
      },
      comments: { shown: false, withheldReason: 'COMMENTS_OFF', message: 'Comments are off for this service', comments: null },
    };
    open(results(shown, [], '2026-12-07', 6));
    await screen.findByText('6 responses.');
    // The organisation's own minimum group size, and the day the results were published.
    expect(screen.getByText(/Results update shortly after every 6 new responses to a session/)).toBeTruthy();
    expect(screen.getByText('Last updated 7 December 2026.')).toBeTruthy();
    expect(screen.getByText('Average 4.17 out of 5, from 6 answers.')).toBeTruthy();
    const table = screen.getByRole('table', { name: 'The whole programme: The facilitator held the group well.' });
    expect(
      within(table)
        .getAllByRole('row')
        .map((row) => row.textContent),
    ).toEqual(['AnswerPeople', 'Strongly disagree0', 'Disagree0', 'Neither agree nor disagree1', 'Agree3', 'Strongly agree2']);
    expect(screen.getByText('Comments: Comments are off for this service')).toBeTruthy();
  });
});

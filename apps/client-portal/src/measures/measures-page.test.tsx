import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { COPENHAGEN_BURNOUT_INVENTORY } from '@lena/domain';
import { afterEach, describe, expect, it } from 'vitest';
import { httpMeasuresApi } from './measures-api.js';
import { MeasuresPage } from './measures-page.js';

afterEach(cleanup);

const TOKEN = 'b'.repeat(43);
const ATTRIBUTION = COPENHAGEN_BURNOUT_INVENTORY.licence.attribution!;

interface Sent {
  path: string;
  body: { token?: string; answers?: Record<string, Record<string, number>> };
  credentials: RequestCredentials | undefined;
}

/** The API as the page meets it: POST /outcomes/form and /outcomes/responses, answering as the controller does. */
function measuresServer(state: 'OPEN' | 'SPENT' | 'EXPIRED' | 'UNKNOWN' | 'DOWN' = 'OPEN') {
  let linkState = state;
  const sent: Sent[] = [];
  const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  const fetcher = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const path = String(input);
    const body = JSON.parse(String(init?.body)) as Sent['body'];
    sent.push({ path, body, credentials: init?.credentials });
    if (linkState === 'DOWN') throw new TypeError('Failed to fetch');
    if (linkState !== 'OPEN')
      return json(linkState === 'SPENT' ? 409 : 404, { error: { code: linkState === 'SPENT' ? 'CONFLICT' : 'NOT_FOUND', message: 'Refused.', fieldProblems: [], linkState } });
    if (path === '/outcomes/form') {
      return json(200, {
        programmeTitle: 'Burnout circle',
        point: 'BASELINE',
        closesAt: '2027-01-08T10:00:00.000Z',
        instruments: [{ instrument: COPENHAGEN_BURNOUT_INVENTORY, attribution: ATTRIBUTION }],
      });
    }
    const answered = Object.keys(body.answers?.cbi ?? {}).length;
    if (answered < 3) {
      return json(400, {
        error: {
          code: 'BAD_USER_INPUT',
          message: 'Too few.',
          fieldProblems: [{ field: 'cbi', message: 'Answer enough of the questions in “Copenhagen Burnout Inventory” for it to be scored.' }],
        },
      });
    }
    linkState = 'SPENT';
    return json(201, { stored: true });
  };
  return { api: httpMeasuresApi(fetcher as typeof fetch), sent };
}

describe('the measures page', () => {
  it('shows each question as a labelled group of choices, the instrument’s attribution, and focuses its heading', async () => {
    render(<MeasuresPage token={TOKEN} api={measuresServer().api} />);
    const heading = await screen.findByRole('heading', { level: 1, name: 'Before your group begins: a short questionnaire' });
    await waitFor(() => expect(document.activeElement).toBe(heading));
    expect(screen.getByRole('heading', { level: 2, name: 'Copenhagen Burnout Inventory' })).toBeTruthy();
    expect(within(screen.getByRole('group', { name: 'How often do you feel tired?' })).getAllByRole('radio')).toHaveLength(5);
    expect(screen.getAllByRole('group')).toHaveLength(19);
    expect(screen.getByText(ATTRIBUTION)).toBeTruthy();
  });

  it('sends the chosen values by instrument and item, without cookies, and thanks the reader', async () => {
    const server = measuresServer();
    const user = userEvent.setup();
    render(<MeasuresPage token={TOKEN} api={server.api} />);
    for (const prompt of ['How often do you feel tired?', 'How often are you physically exhausted?', 'How often are you emotionally exhausted?']) {
      await user.click(within(await screen.findByRole('group', { name: prompt })).getByRole('radio', { name: 'Sometimes' }));
    }
    await user.click(screen.getByRole('button', { name: 'Send answers' }));
    await screen.findByRole('heading', { level: 1, name: 'Thank you' });
    const answer = server.sent.find((request) => request.path === '/outcomes/responses')!;
    expect(answer.body).toEqual({ token: TOKEN, answers: { cbi: { 'personal-1': 50, 'personal-2': 50, 'personal-3': 50 } } });
    expect(answer.credentials).toBe('omit');
  });

  it('lists the API’s problems in a summary that takes focus, and links each to its place', async () => {
    const user = userEvent.setup();
    render(<MeasuresPage token={TOKEN} api={measuresServer().api} />);
    await user.click(await screen.findByRole('button', { name: 'Send answers' }));
    const summary = await screen.findByRole('alert');
    await waitFor(() => expect(document.activeElement).toBe(summary));
    const link = within(summary).getByRole('link', { name: 'Answer enough of the questions in “Copenhagen Burnout Inventory” for it to be scored.' });
    expect(link.getAttribute('href')).toBe('#cbi--heading');
  });

  it.each([
    ['SPENT', 'You have already answered'],
    ['EXPIRED', 'This questionnaire link has expired'],
    ['UNKNOWN', 'We do not recognise this link'],
    ['DOWN', 'Sorry, something went wrong'],
  ] as const)('gives a %s link a clear page of its own', async (state, title) => {
    render(<MeasuresPage token={TOKEN} api={measuresServer(state).api} />);
    expect(await screen.findByRole('heading', { level: 1, name: title })).toBeTruthy();
  });
});

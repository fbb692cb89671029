import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { DEFAULT_SESSION_FEEDBACK } from '@lena/domain';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { askForFormEarly } from '../link-pages/early-form-call.js';
import { httpFeedbackApi } from './feedback-api.js';
import { FeedbackPage } from './feedback-page.js';

afterEach(cleanup);

const TOKEN = 'a'.repeat(43);

interface Sent {
  path: string;
  body: { token?: string; answers?: Record<string, unknown> };
  credentials: RequestCredentials | undefined;
}

/**
 * The API as the page meets it over the network: POST /feedback/form and /feedback/responses,
 * answering as the real controller does (status codes and bodies), with a link that is spent by
 * its first complete submission.
 */
function feedbackServer(state: 'OPEN' | 'SPENT' | 'EXPIRED' | 'UNKNOWN' | 'DOWN' = 'OPEN') {
  let linkState = state;
  const sent: Sent[] = [];
  const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  const refusal = () =>
    json(linkState === 'SPENT' ? 409 : 404, { error: { code: linkState === 'SPENT' ? 'CONFLICT' : 'NOT_FOUND', message: 'Refused.', fieldProblems: [], linkState } });
  const fetcher = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const path = String(input);
    const body = JSON.parse(String(init?.body)) as Sent['body'];
    sent.push({ path, body, credentials: init?.credentials });
    if (linkState === 'DOWN') throw new TypeError('Failed to fetch');
    if (linkState !== 'OPEN') return refusal();
    if (path === '/feedback/form') {
      return json(200, {
        form: DEFAULT_SESSION_FEEDBACK,
        programmeTitle: 'Night shift reflective practice',
        startsAt: '2026-12-01T18:30:00.000Z',
        closesAt: '2026-12-08T18:30:00.000Z',
      });
    }
    const answers = body.answers ?? {};
    const missing = DEFAULT_SESSION_FEEDBACK.items.filter((item) => item.kind === 'SCALE' && typeof answers[item.id] !== 'number');
    if (missing.length > 0) {
      return json(400, {
        error: { code: 'BAD_USER_INPUT', message: 'Missing.', fieldProblems: missing.map((item) => ({ field: item.id, message: `Choose an answer for “${item.prompt}”` })) },
      });
    }
    linkState = 'SPENT';
    return json(201, { stored: true });
  };
  return { api: httpFeedbackApi(fetcher as typeof fetch), fetcher, sent, spend: () => (linkState = 'SPENT') };
}

async function answerEveryScale(user: ReturnType<typeof userEvent.setup>, choice = 'Agree') {
  for (const item of DEFAULT_SESSION_FEEDBACK.items) {
    if (item.kind !== 'SCALE') continue;
    const group = screen.getByRole('group', { name: item.prompt });
    const label = item.options.find((option) => option.label === choice)?.label ?? 'A little better';
    await user.click(within(group).getByRole('radio', { name: label }));
  }
}

describe('the feedback page', () => {
  it('shows the session in the reader’s zone, each question a labelled group of five choices, and a labelled optional text box', async () => {
    render(<FeedbackPage token={TOKEN} api={feedbackServer().api} />);
    const heading = await screen.findByRole('heading', { level: 1, name: 'How was this session for you?' });
    await waitFor(() => expect(document.activeElement).toBe(heading));
    // 18:30 UTC in December is 18:30 in London (the test's zone).
    expect(screen.getByText('Night shift reflective practice, Tuesday, 1 December 2026 at 18:30')).toBeTruthy();
    for (const prompt of ['I felt safe to share in this session.', 'The facilitator held the group well.', 'Since the session, how I feel about my work is…']) {
      expect(within(screen.getByRole('group', { name: prompt })).getAllByRole('radio')).toHaveLength(5);
    }
    const text = screen.getByRole('textbox', { name: 'What will you take away from this session?' });
    expect(text.getAttribute('aria-describedby')).toBe('take_away-hint');
    expect(document.getElementById('take_away-hint')?.textContent).toMatch(/^Optional\./);
    expect(text.getAttribute('maxlength')).toBe('1000');
  });

  it('lists unanswered questions in a summary that takes focus, links each to its question, and names the error on the question itself', async () => {
    const user = userEvent.setup();
    const server = feedbackServer();
    render(<FeedbackPage token={TOKEN} api={server.api} />);
    await screen.findByRole('heading', { level: 1 });
    await user.click(within(screen.getByRole('group', { name: 'I felt safe to share in this session.' })).getByRole('radio', { name: 'Strongly agree' }));
    await user.click(screen.getByRole('button', { name: 'Send feedback' }));

    const summary = await screen.findByRole('alert');
    await waitFor(() => expect(document.activeElement).toBe(summary));
    const links = within(summary).getAllByRole('link');
    expect(links.map((link) => link.textContent)).toEqual([
      'Choose an answer for “The session was useful for my practice.”',
      'Choose an answer for “The facilitator held the group well.”',
      'Choose an answer for “The session gave me protected time and space I could use.”',
      'Choose an answer for “Since the session, how I feel about my work is…”',
    ]);
    expect(links[1]!.getAttribute('href')).toBe('#held_well-1');
    expect(document.getElementById('held_well-1')).toBeTruthy();
    const group = screen.getByRole('group', { name: 'The facilitator held the group well.' });
    expect(group.getAttribute('aria-describedby')).toBe('held_well-error');
    expect(document.getElementById('held_well-error')?.textContent).toBe('Error: Choose an answer for “The facilitator held the group well.”');
    expect(screen.getByRole('group', { name: 'I felt safe to share in this session.' }).getAttribute('aria-describedby')).toBeNull();
    // Nothing was sent for an incomplete form.
    expect(server.sent.filter((request) => request.path === '/feedback/responses')).toHaveLength(0);
  });

  it('sends the answers with the link’s secret and no cookies, then thanks the reader on a page whose heading takes focus', async () => {
    const user = userEvent.setup();
    const server = feedbackServer();
    render(<FeedbackPage token={TOKEN} api={server.api} />);
    await screen.findByRole('heading', { level: 1 });
    await answerEveryScale(user);
    await user.type(screen.getByRole('textbox', { name: 'What will you take away from this session?' }), 'Pausing before I reply.');
    await user.click(screen.getByRole('button', { name: 'Send feedback' }));

    const thanks = await screen.findByRole('heading', { level: 1, name: 'Thank you' });
    await waitFor(() => expect(document.activeElement).toBe(thanks));
    const submission = server.sent.find((request) => request.path === '/feedback/responses');
    expect(submission).toEqual({
      path: '/feedback/responses',
      body: {
        token: TOKEN,
        form: { key: DEFAULT_SESSION_FEEDBACK.key, version: DEFAULT_SESSION_FEEDBACK.version },
        answers: { safe_to_share: 4, useful_for_practice: 4, held_well: 4, protected_time: 4, feel_about_work: 4, take_away: 'Pausing before I reply.' },
      },
      credentials: 'omit',
    });
    expect(server.sent.every((request) => request.credentials === 'omit')).toBe(true);
  });

  it.each([
    ['SPENT', 'You have already given feedback'],
    ['EXPIRED', 'This feedback link has expired'],
    ['UNKNOWN', 'We do not recognise this link'],
    ['DOWN', 'Sorry, something went wrong'],
  ] as const)('a %s link opens a clear page of its own: “%s”', async (state, title) => {
    render(<FeedbackPage token={TOKEN} api={feedbackServer(state).api} />);
    const heading = await screen.findByRole('heading', { level: 1, name: title });
    await waitFor(() => expect(document.activeElement).toBe(heading));
    expect(screen.queryByRole('button', { name: 'Send feedback' })).toBeNull();
  });

  it('shows the already-given page when the link is spent while the form is open (another tab, a double tap)', async () => {
    const user = userEvent.setup();
    const server = feedbackServer();
    render(<FeedbackPage token={TOKEN} api={server.api} />);
    await screen.findByRole('heading', { level: 1 });
    await answerEveryScale(user, 'Disagree');
    server.spend();
    await user.click(screen.getByRole('button', { name: 'Send feedback' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'You have already given feedback' })).toBeTruthy();
  });

  describe('when the page’s HTML asked for the form before its script arrived', () => {
    /** What the inline script of feedback.html does as the page opens with `token` in the address (its fetch answered by `server`). */
    function openedWith(token: string, server: ReturnType<typeof feedbackServer>) {
      window.location.hash = `#${token}`;
      vi.stubGlobal('fetch', server.fetcher);
      askForFormEarly('/feedback/form');
      vi.unstubAllGlobals();
    }
    afterEach(() => {
      delete window.lenaEarlyFormCall;
      window.location.hash = '';
    });

    it('shows the form that call brought, without asking again, and asks itself the next time', async () => {
      const early = feedbackServer();
      openedWith(TOKEN, early);
      const server = feedbackServer();
      render(<FeedbackPage token={TOKEN} api={server.api} />);
      await screen.findByRole('heading', { level: 1, name: 'How was this session for you?' });
      expect(early.sent).toEqual([{ path: '/feedback/form', body: { token: TOKEN }, credentials: 'omit' }]);
      expect(server.sent).toEqual([]);

      cleanup();
      render(<FeedbackPage token={TOKEN} api={server.api} />);
      await screen.findByRole('heading', { level: 1, name: 'How was this session for you?' });
      expect(server.sent.map((request) => request.path)).toEqual(['/feedback/form']);
    });

    it('asks itself when that call was for another link', async () => {
      openedWith('b'.repeat(43), feedbackServer());
      const server = feedbackServer();
      render(<FeedbackPage token={TOKEN} api={server.api} />);
      await screen.findByRole('heading', { level: 1, name: 'How was this session for you?' });
      expect(server.sent.map((request) => request.path)).toEqual(['/feedback/form']);
    });
  });
});

import { type FailedMessagesQuery, type QueueHealthQuery } from '@lena/graphql-client';
import { ApolloProvider } from '@lena/graphql-client/react';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { QueueHealthPage } from './queue-health-page.js';
import { fakeApi, type Answer } from '../../test/fake-api.js';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

/**
 * An API that answers each operation from its own list (the last answer repeats) and records what
 * was asked, in order.
 */

type Health = QueueHealthQuery['queueHealth'];
type Queue = Health['queues'][number];
type Failed = FailedMessagesQuery['failedMessages'][number];

function queue(overrides: Partial<Queue> & Pick<Queue, 'name'>): Queue {
  return { state: 'HEALTHY', waiting: 0, active: 0, delayed: 0, failed: 0, completed: 0, workers: 1, oldestWaitingAt: null, ...overrides };
}

function health(overrides: Partial<Health> = {}): Answer {
  const reading: Health = {
    checkedAt: '2026-11-27T14:30:05.000Z',
    queuesReachable: true,
    // Not the API's current 120 s, so the wording is seen to come from the answer.
    backlogAfterSeconds: 300,
    queues: [
      queue({ name: 'notifications', state: 'BACKLOGGED', waiting: 12, active: 2, delayed: 3, failed: 1, completed: 240, workers: 2, oldestWaitingAt: '2026-11-27T14:25:00.000Z' }),
      queue({ name: 'maintenance', state: 'NO_WORKERS', delayed: 1, completed: 2880, workers: 0 }),
      queue({ name: 'reports', completed: 5 }),
    ],
    outbox: { pending: 4, oldestPendingAt: '2026-11-27T12:20:00.000Z', failed: 2 },
    ...overrides,
  };
  return {
    data: {
      queueHealth: {
        __typename: 'QueueHealth',
        ...reading,
        queues: reading.queues.map((item) => ({ __typename: 'QueueStatus', ...item })),
        outbox: { __typename: 'OutboxHealth', ...reading.outbox },
      },
    },
  };
}

const TO_SAM: Failed = {
  id: '0b5c1f6e-2d7a-4c1e-9f1b-7a9d2f3c4e51',
  kind: 'email',
  recipient: 'sam@northshire.test',
  subject: 'You are invited to Lena',
  tenantId: 't1',
  tenantName: 'Northshire',
  attempts: 24,
  lastError: '550 5.1.1 Mailbox unavailable',
  createdAt: '2026-11-26T09:00:00.000Z',
  failedAt: '2026-11-27T13:05:00.000Z',
};
const TO_FACILITATOR: Failed = {
  id: '7e2d4a10-5b3c-4f6e-8a1d-2c3b4a5d6e7f',
  kind: 'email',
  recipient: 'new.facilitator@lena.test',
  subject: 'Join Lena as a facilitator',
  tenantId: null,
  tenantName: null,
  attempts: 1,
  lastError: 'Unsendable: the address is not valid',
  createdAt: '2026-07-01T08:00:00.000Z',
  failedAt: '2026-07-01T08:00:02.000Z',
};

const failedMessages = (...messages: Failed[]): Answer => ({ data: { failedMessages: messages.map((message) => ({ __typename: 'FailedMessage', ...message })) } });

function open(answers: Record<string, Answer[]>) {
  const api = fakeApi(answers);
  render(
    <ApolloProvider client={api.client}>
      <QueueHealthPage />
    </ApolloProvider>,
  );
  return api;
}

const rowsOf = (table: HTMLElement) => within(table).getAllByRole('row').slice(1);
const cells = (row: HTMLElement) => [within(row).getByRole('rowheader'), ...within(row).getAllByRole('cell')].map((cell) => cell.textContent);
/** A summary list's labels and values, e.g. { 'Given up on': 'None' }. */
const summaryOf = (region: HTMLElement) => {
  const values = within(region).getAllByRole('definition');
  return Object.fromEntries(
    within(region)
      .getAllByRole('term')
      .map((term, index) => [term.textContent, values[index]?.textContent]),
  );
};
const statusMessages = () => screen.queryAllByRole('status').map((status) => status.textContent);
/**
 * "Try again" completed for screen readers: "Try again to send the email to sam@…". (jsdom's name
 * computation drops the space that starts the visually hidden part; browsers keep it.)
 */
const tryAgainName = (recipient: string) => (name: string) => name.replace(/^Try again\s*/, 'Try again ') === `Try again to send the email to ${recipient}`;

describe('QueueHealthPage', () => {
  it('names each queue, says its state in words, and gives its counts and oldest job in the viewer’s zone', async () => {
    open({ QueueHealth: [health()], FailedMessages: [failedMessages()] });

    const table = await screen.findByRole('table', { name: 'Job queues' });
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((header) => header.textContent),
    ).toEqual(['Queue', 'Status', 'Waiting', 'Running', 'Scheduled', 'Failed', 'Completed recently', 'Workers', 'Oldest waiting']);
    expect(rowsOf(table).map(cells)).toEqual([
      ['Email delivery', 'Falling behind', '12', '2', '3', '1', '240', '2', '27 November 2026, 14:25 GMT (waiting 5 minutes)'],
      ['Maintenance', 'No workers running', '0', '0', '1', '0', '2880', '0', 'None waiting'],
      ['reports', 'Healthy', '0', '0', '0', '0', '5', '1', 'None waiting'],
    ]);

    const meanings = summaryOf(screen.getByRole('region', { name: 'What the statuses mean' }));
    expect(Object.keys(meanings)).toEqual(['Healthy', 'Falling behind', 'No workers running']);
    expect(meanings['Falling behind']).toContain('a job has waited longer than 5 minutes, so emails may arrive late');
    expect(meanings.Healthy).toContain('nothing has waited longer than 5 minutes');
    expect(meanings['No workers running']).toContain('nothing in it will happen: for email delivery, no emails go out');

    expect(summaryOf(screen.getByRole('region', { name: 'Outbox' }))).toEqual({
      'Waiting to be sent': '4 emails, the oldest since 27 November 2026, 12:20 GMT (2 hours)',
      'Given up on': '2 emails, listed under “Failed emails”',
    });

    expect(screen.getByText(/^Checked at/).textContent).toBe('Checked at 27 November 2026, 14:30:05 GMT. This page checks again every 15 seconds.');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('says plainly when the queues cannot be reached, and still shows the outbox', async () => {
    open({
      QueueHealth: [health({ queuesReachable: false, queues: [], outbox: { pending: 1, oldestPendingAt: '2026-11-27T14:29:30.000Z', failed: 0 } })],
      FailedMessages: [failedMessages()],
    });

    const warning = await screen.findByText('The job queues could not be reached');
    expect(warning.closest('[role="status"]')?.textContent).toContain('no emails can be sent: they wait safely in the outbox');
    expect(screen.queryByRole('table', { name: 'Job queues' })).toBeNull();
    expect(summaryOf(screen.getByRole('region', { name: 'Outbox' }))).toEqual({
      'Waiting to be sent': '1 email, the oldest since 27 November 2026, 14:29 GMT (less than a minute)',
      'Given up on': 'None',
    });
  });

  it('lists failed emails with their organisation (or the provider), attempts, last error and when they failed', async () => {
    open({ QueueHealth: [health()], FailedMessages: [failedMessages(TO_SAM, TO_FACILITATOR)] });

    const table = await screen.findByRole('table', { name: 'Failed emails' });
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((header) => header.textContent),
    ).toEqual(['Recipient', 'Subject', 'Organisation', 'Attempts', 'Last error', 'Failed at', 'Actions']);
    expect(rowsOf(table).map(cells)).toEqual([
      [
        'sam@northshire.test',
        'You are invited to Lena',
        'Northshire',
        '24',
        '550 5.1.1 Mailbox unavailable',
        '27 November 2026, 13:05 GMT',
        'Try again to send the email to sam@northshire.test',
      ],
      [
        'new.facilitator@lena.test',
        'Join Lena as a facilitator',
        'Provider',
        '1',
        'Unsendable: the address is not valid',
        '1 July 2026, 09:00 BST',
        'Try again to send the email to new.facilitator@lena.test',
      ],
    ]);
  });

  it('says when no email has failed', async () => {
    open({ QueueHealth: [health()], FailedMessages: [failedMessages()] });
    expect(await screen.findByRole('heading', { level: 3, name: 'No failed emails' })).toBeTruthy();
    expect(screen.queryByRole('table', { name: 'Failed emails' })).toBeNull();
  });

  it('tries a failed email again, confirms it politely, and reads the list and the queues again', async () => {
    const api = open({
      QueueHealth: [health(), health({ outbox: { pending: 5, oldestPendingAt: '2026-11-27T12:20:00.000Z', failed: 1 } })],
      FailedMessages: [failedMessages(TO_SAM, TO_FACILITATOR), failedMessages(TO_FACILITATOR)],
      RetryFailedMessage: [{ data: { retryFailedMessage: true } }],
    });
    const button = await screen.findByRole('button', { name: tryAgainName('sam@northshire.test') });
    button.focus();
    fireEvent.click(button);

    const confirmation = await screen.findByText('The email to sam@northshire.test will be sent again.');
    expect(confirmation.closest('[role="status"]')).not.toBeNull();
    expect(api.requests.filter((request) => request.operationName === 'RetryFailedMessage').map((request) => request.variables)).toEqual([{ id: TO_SAM.id }]);
    const table = screen.getByRole('table', { name: 'Failed emails' });
    expect(rowsOf(table).map((row) => within(row).getByRole('rowheader').textContent)).toEqual(['new.facilitator@lena.test']);
    expect(summaryOf(screen.getByRole('region', { name: 'Outbox' }))['Given up on']).toBe('1 email, listed under “Failed emails”');
    // Its button has gone: focus lands on the confirmation rather than being lost.
    expect(document.activeElement).not.toBe(document.body);
    expect(document.activeElement?.contains(confirmation)).toBe(true);
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('shows the API’s reason when an email cannot be tried again, and drops it if it is no longer failed', async () => {
    open({
      QueueHealth: [health()],
      FailedMessages: [failedMessages(TO_SAM, TO_FACILITATOR), failedMessages(TO_SAM)],
      RetryFailedMessage: [{ errors: [{ message: 'That failed message was not found.', extensions: { code: 'NOT_FOUND' } }] }],
    });
    fireEvent.click(await screen.findByRole('button', { name: tryAgainName('new.facilitator@lena.test') }));

    expect((await screen.findByRole('alert')).textContent).toBe('That failed message was not found.');
    await waitFor(() => expect(screen.queryByRole('button', { name: tryAgainName('new.facilitator@lena.test') })).toBeNull());
    expect(screen.getByRole('button', { name: tryAgainName('sam@northshire.test') })).toBeTruthy();
    expect(statusMessages().some((message) => message?.includes('will be sent again'))).toBe(false);
  });

  it('reads everything again on “Refresh now” and announces the result without moving focus', async () => {
    const api = open({
      QueueHealth: [health(), health({ checkedAt: '2026-11-27T14:30:12.000Z', queues: [queue({ name: 'notifications', workers: 2 })] })],
      FailedMessages: [failedMessages(TO_SAM)],
    });
    const refresh = await screen.findByRole('button', { name: 'Refresh now' });
    await screen.findByRole('table', { name: 'Job queues' });
    refresh.focus();
    fireEvent.click(refresh);

    await waitFor(() =>
      expect(statusMessages()).toContain('Checked again at 27 November 2026, 14:30:12 GMT. Email delivery: Healthy. 4 emails waiting to be sent, 2 emails given up on.'),
    );
    expect(screen.getByText(/^Checked at/).textContent).toContain('14:30:12 GMT');
    expect(rowsOf(screen.getByRole('table', { name: 'Job queues' })).map((row) => cells(row).slice(0, 2))).toEqual([['Email delivery', 'Healthy']]);
    expect(api.requests.map((request) => request.operationName).sort()).toEqual(['FailedMessages', 'FailedMessages', 'QueueHealth', 'QueueHealth']);
    expect(document.activeElement).toBe(refresh);
  });

  it('keeps the last reading on screen, with its time, when a check fails', async () => {
    open({
      QueueHealth: [health(), { errors: [{ message: 'You do not have permission to do that.', extensions: { code: 'FORBIDDEN' } }] }],
      FailedMessages: [failedMessages()],
    });
    await screen.findByRole('table', { name: 'Job queues' });
    fireEvent.click(screen.getByRole('button', { name: 'Refresh now' }));

    const warning = await screen.findByText('The latest check did not work');
    expect(warning.closest('[role="status"]')?.textContent).toContain('You do not have permission to do that. The figures below are from 27 November 2026, 14:30:05 GMT.');
    expect(screen.getByRole('table', { name: 'Job queues' })).toBeTruthy();
  });

  it('checks again every 15 seconds and announces what changed, politely and without moving focus', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const api = open({
      QueueHealth: [health(), health({ checkedAt: '2026-11-27T14:30:20.000Z', queues: [queue({ name: 'notifications', workers: 0, state: 'NO_WORKERS' })] })],
      FailedMessages: [failedMessages(TO_SAM)],
    });
    const refresh = await screen.findByRole('button', { name: 'Refresh now' });
    await screen.findByRole('table', { name: 'Job queues' });
    refresh.focus();
    expect(statusMessages().filter(Boolean)).toEqual([]);

    await vi.advanceTimersByTimeAsync(15_000);
    await waitFor(() => expect(statusMessages()).toContain('Queue health has changed. Email delivery: No workers running. 4 emails waiting to be sent, 2 emails given up on.'));
    expect(screen.getByText(/^Checked at/).textContent).toContain('14:30:20 GMT');
    expect(api.requests.filter((request) => request.operationName === 'QueueHealth')).toHaveLength(2);
    expect(document.activeElement).toBe(refresh);
  });

  it('keeps the last reading on screen when a later check fails, saying how old it is, until a check works again', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    open({
      QueueHealth: [health(), { errors: [{ message: 'Something went wrong on our side.', extensions: { code: 'INTERNAL' } }] }, health({ checkedAt: '2026-11-27T14:30:35.000Z' })],
      FailedMessages: [failedMessages()],
    });
    await screen.findByRole('table', { name: 'Job queues' });

    await vi.advanceTimersByTimeAsync(15_000);
    const warning = await screen.findByText('The latest check did not work');
    expect(warning.closest('[role="status"]')?.textContent).toContain('The figures below are from 27 November 2026, 14:30:05 GMT.');
    expect(rowsOf(screen.getByRole('table', { name: 'Job queues' }))).toHaveLength(3);

    await vi.advanceTimersByTimeAsync(15_000);
    await waitFor(() => expect(screen.queryByText('The latest check did not work')).toBeNull());
    expect(screen.getByText(/^Checked at/).textContent).toContain('14:30:35 GMT');
  });
});

import { createLenaApolloClient, OutcomeReportsDocument, type OutcomeReportFieldsFragment } from '@lena/graphql-client';
import { ApolloProvider, useQuery } from '@lena/graphql-client/react';
import { UiProvider } from '@lena/ui';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { OutcomeReportList, OutcomeReportRequestForm, OutcomeReportView, outcomeReportSubject } from './outcome-reports.js';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const TENANT = '0b5c7a52-3d3e-4c53-9a41-6f1f3c0d2e11';
const PROGRAMME = '7d0f1f8e-5b6a-4f7e-8d21-2a9b3c4d5e6f';
const REPORT_ID = 'c3a9e2b4-1f6d-4e8a-9b7c-5d2e1f0a3b4c';

/** A report as the API gives it (`toReport` in apps/api/src/outcomes/outcome-report.service.ts). */
type ReportAnswer = OutcomeReportFieldsFragment & { __typename: 'OutcomeReport' };

function report(overrides: Partial<OutcomeReportFieldsFragment> = {}): ReportAnswer {
  return {
    __typename: 'OutcomeReport',
    id: REPORT_ID,
    tenantId: TENANT,
    scope: 'PROGRAMME',
    programmeId: PROGRAMME,
    programmeTitle: 'Night shift reflective practice',
    from: '2026-01',
    to: '2026-06',
    status: 'QUEUED',
    progress: 0,
    requestedByName: 'Priya Shah',
    createdAt: '2026-07-01T09:00:00.000Z',
    readyAt: null,
    expiresAt: '2026-07-31T09:00:00.000Z',
    expired: false,
    pdfUrl: null,
    csvUrl: null,
    ...overrides,
  };
}

function ready(overrides: Partial<OutcomeReportFieldsFragment> = {}): ReportAnswer {
  const base = `/outcomes/reports/${REPORT_ID}`;
  return report({
    status: 'READY',
    progress: 100,
    readyAt: '2026-07-01T09:02:00.000Z',
    pdfUrl: `${base}/report.pdf?tenantId=${TENANT}`,
    csvUrl: `${base}/report.csv?tenantId=${TENANT}`,
    ...overrides,
  });
}

type Answer = { data: unknown } | { data: null; errors: unknown[] };

/**
 * The API: records each request (operation and variables) and answers with `answer(operationName)`.
 * The portals' Apollo client, unmocked, sends to it.
 */
function fakeApi(answer: (operationName: string) => Answer) {
  const requests: { operationName: string; variables: Record<string, unknown> }[] = [];
  const fetch: typeof globalThis.fetch = async (_input, init) => {
    const request = JSON.parse(String(init?.body)) as { operationName: string; variables: Record<string, unknown> };
    requests.push({ operationName: request.operationName, variables: request.variables });
    return new Response(JSON.stringify(answer(request.operationName)), { headers: { 'content-type': 'application/json' } });
  };
  return { client: createLenaApolloClient({ uri: 'http://api.test/graphql', fetch }), requests };
}

function show(api: ReturnType<typeof fakeApi>, children: ReactNode) {
  render(
    <ApolloProvider client={api.client}>
      <UiProvider serviceName="Lena">{children}</UiProvider>
    </ApolloProvider>,
  );
}

const NOT_IN_THIS_TEST: Answer = { data: null, errors: [{ message: 'Not in this test.', extensions: { code: 'NOT_FOUND' } }] };

describe('outcomeReportSubject', () => {
  it.each([
    ['a programme over a period', { scope: 'PROGRAMME', programmeTitle: 'Night shift', from: '2026-01', to: '2026-06' }, 'Night shift, 2026-01 to 2026-06'],
    ['a programme from a month on', { scope: 'PROGRAMME', programmeTitle: 'Night shift', from: '2026-01', to: null }, 'Night shift, from 2026-01'],
    ['a programme up to a month', { scope: 'PROGRAMME', programmeTitle: 'Night shift', from: null, to: '2026-06' }, 'Night shift, up to 2026-06'],
    ['a programme whose title is gone', { scope: 'PROGRAMME', programmeTitle: null, from: null, to: null }, 'A programme, all time'],
    ['the whole organisation, all time', { scope: 'ORGANISATION', programmeTitle: null, from: null, to: null }, 'The whole organisation, all time'],
    ['the whole organisation over a period', { scope: 'ORGANISATION', programmeTitle: null, from: '2025-04', to: '2026-03' }, 'The whole organisation, 2025-04 to 2026-03'],
  ] as const)('words %s', (_case, subject, words) => {
    expect(outcomeReportSubject(subject)).toBe(words);
  });
});

describe('OutcomeReportRequestForm', () => {
  const PROGRAMMES = [
    { id: PROGRAMME, title: 'Night shift reflective practice' },
    { id: '9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b', title: 'Day shift peer support' },
  ];
  const field = (label: string) => screen.getByLabelText(label, { exact: true }) as HTMLInputElement | HTMLSelectElement;
  const choose = (label: string, value: string) => fireEvent.change(field(label), { target: { value } });
  /** Picks an option of a select by the words it shows. */
  const pick = (label: string, option: string) => choose(label, within(field(label)).getByRole<HTMLOptionElement>('option', { name: option }).value);
  const request = () => fireEvent.click(screen.getByRole('button', { name: 'Request report' }));
  const requested = (answer: OutcomeReportFieldsFragment) => (operationName: string) =>
    operationName === 'RequestOutcomeReport' ? { data: { requestOutcomeReport: answer } } : NOT_IN_THIS_TEST;

  it('shows a labelled Programme choice only for a programme’s report', () => {
    const api = fakeApi(() => NOT_IN_THIS_TEST);
    show(api, <OutcomeReportRequestForm programmes={PROGRAMMES} onRequested={() => undefined} />);
    expect(field('Report on').value).toBe('ORGANISATION');
    expect(screen.queryByLabelText('Programme', { exact: true })).toBeNull();

    pick('Report on', 'One programme');
    const programme = screen.getByRole('combobox', { name: 'Programme' }) as HTMLSelectElement;
    expect(Array.from(programme.options).map((option) => option.textContent)).toEqual(['Choose a programme', 'Night shift reflective practice', 'Day shift peer support']);
    expect(programme.value).toBe('');

    pick('Report on', 'The whole organisation');
    expect(screen.queryByLabelText('Programme', { exact: true })).toBeNull();
  });

  it('asks for the programme before sending anything', async () => {
    const api = fakeApi(() => NOT_IN_THIS_TEST);
    const onRequested = vi.fn();
    show(api, <OutcomeReportRequestForm programmes={PROGRAMMES} onRequested={onRequested} />);
    choose('Report on', 'PROGRAMME');
    request();

    const summary = await screen.findByRole('alert');
    expect(document.activeElement).toBe(summary);
    expect(within(summary).getByRole('link', { name: 'Choose the programme the report is about.' }).getAttribute('href')).toBe('#request-outcome-report-programmeId');
    expect(field('Programme').getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById('request-outcome-report-programmeId-error')?.textContent).toBe('Error: Choose the programme the report is about.');
    expect(api.requests).toEqual([]);
    expect(onRequested).not.toHaveBeenCalled();
  });

  it('sends a programme’s report over the months chosen, for the organisation named, and hands back the report', async () => {
    const queued = report({ from: '2026-01', to: '2026-06' });
    const api = fakeApi(requested(queued));
    const onRequested = vi.fn();
    show(api, <OutcomeReportRequestForm programmes={PROGRAMMES} tenantId={TENANT} onRequested={onRequested} />);
    choose('Report on', 'PROGRAMME');
    choose('Programme', PROGRAMME);
    choose('From (month)', '2026-01');
    choose('To (month)', '2026-06');
    request();

    await waitFor(() => expect(onRequested).toHaveBeenCalledTimes(1));
    expect(onRequested).toHaveBeenCalledWith(queued);
    expect(api.requests).toEqual([
      { operationName: 'RequestOutcomeReport', variables: { input: { scope: 'PROGRAMME', programmeId: PROGRAMME, from: '2026-01', to: '2026-06', tenantId: TENANT } } },
    ]);
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('sends the whole organisation’s report with no programme, even one chosen before, and no months left empty', async () => {
    const queued = report({ scope: 'ORGANISATION', programmeId: null, programmeTitle: null, from: null, to: null });
    const api = fakeApi(requested(queued));
    const onRequested = vi.fn();
    show(api, <OutcomeReportRequestForm programmes={PROGRAMMES} onRequested={onRequested} />);
    choose('Report on', 'PROGRAMME');
    choose('Programme', PROGRAMME);
    choose('Report on', 'ORGANISATION');
    request();

    await waitFor(() => expect(onRequested).toHaveBeenCalledWith(queued));
    expect(api.requests).toEqual([
      { operationName: 'RequestOutcomeReport', variables: { input: { scope: 'ORGANISATION', programmeId: null, from: null, to: null, tenantId: null } } },
    ]);
  });

  it('has the organisation’s list of reports asked for again, so the new one shows in it', async () => {
    const queued = report({ scope: 'ORGANISATION', programmeId: null, programmeTitle: null, from: null, to: null });
    const lists = [[], [queued]];
    const api = fakeApi((operationName) => {
      if (operationName === 'OutcomeReports') return { data: { outcomeReports: lists.length > 1 ? lists.shift()! : lists[0]! } };
      return requested(queued)(operationName);
    });
    function ReportsPage() {
      const result = useQuery(OutcomeReportsDocument, { variables: { tenantId: null } });
      return (
        <>
          <OutcomeReportRequestForm programmes={PROGRAMMES} onRequested={() => undefined} />
          {result.data && <OutcomeReportList reports={result.data.outcomeReports} hrefOf={(one) => `/outcomes/reports/${one.id}`} />}
        </>
      );
    }
    show(api, <ReportsPage />);
    await screen.findByText('No reports yet');
    request();

    const link = await screen.findByRole('link', { name: 'The whole organisation, all time' });
    expect(link.getAttribute('href')).toBe(`/outcomes/reports/${REPORT_ID}`);
    expect(api.requests.map((one) => one.operationName)).toEqual(['OutcomeReports', 'RequestOutcomeReport', 'OutcomeReports']);
  });

  it('shows the API’s refusal on the field it names, and keeps what was chosen', async () => {
    // What `parseInput(outcomeReportRequestSchema, …)` refuses, as `toGraphQLError` words it.
    const message = 'The period must start on or before the month it ends.';
    const api = fakeApi(() => ({
      data: null,
      errors: [{ message, path: ['requestOutcomeReport'], extensions: { code: 'BAD_USER_INPUT', fieldProblems: [{ field: 'to', message }] } }],
    }));
    const onRequested = vi.fn();
    show(api, <OutcomeReportRequestForm programmes={PROGRAMMES} onRequested={onRequested} />);
    choose('From (month)', '2026-12');
    choose('To (month)', '2026-01');
    request();

    const summary = await screen.findByRole('alert');
    expect(within(summary).getByRole('link', { name: message }).getAttribute('href')).toBe('#request-outcome-report-to');
    expect(field('To (month)').getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById('request-outcome-report-to-error')?.textContent).toBe(`Error: ${message}`);
    expect([field('From (month)').value, field('To (month)').value]).toEqual(['2026-12', '2026-01']);
    expect(api.requests).toHaveLength(1);
    expect(onRequested).not.toHaveBeenCalled();
  });
});

describe('OutcomeReportList', () => {
  it('says there are no reports yet', () => {
    show(
      fakeApi(() => NOT_IN_THIS_TEST),
      <OutcomeReportList reports={[]} hrefOf={() => '/never'} />,
    );
    expect(screen.getByRole('heading', { level: 3, name: 'No reports yet' })).toBeTruthy();
    expect(screen.getByText('Request one above.')).toBeTruthy();
    expect(screen.queryByRole('table')).toBeNull();
  });

  it('lists each report by what it covers, linked to its page, with who asked and its status', () => {
    const reports = [
      report({ id: 'r-running', status: 'RUNNING', progress: 40 }),
      ready({ id: 'r-ready', scope: 'ORGANISATION', programmeId: null, programmeTitle: null, from: null, to: null, requestedByName: 'Sam Okafor' }),
      report({ id: 'r-queued', from: '2026-03', to: null }),
      report({ id: 'r-failed', status: 'FAILED', progress: 60, from: null, to: '2026-02' }),
      ready({ id: 'r-expired', scope: 'ORGANISATION', programmeId: null, programmeTitle: null, expired: true, pdfUrl: null, csvUrl: null }),
    ];
    show(
      fakeApi(() => NOT_IN_THIS_TEST),
      <OutcomeReportList reports={reports} hrefOf={(one) => `/outcomes/reports/${one.id}`} />,
    );

    const table = screen.getByRole('table', { name: 'Outcome reports' });
    const rows = within(table).getAllByRole('row').slice(1);
    const read = rows.map((row) => {
      const link = within(row).getByRole('link');
      return [link.textContent, link.getAttribute('href'), within(row).getAllByRole('cell')[1]!.textContent, row.querySelector('.lena-tag')?.textContent];
    });
    expect(read).toEqual([
      ['Night shift reflective practice, 2026-01 to 2026-06', '/outcomes/reports/r-running', 'Priya Shah', 'Being built (40%)'],
      ['The whole organisation, all time', '/outcomes/reports/r-ready', 'Sam Okafor', 'Ready'],
      ['Night shift reflective practice, from 2026-03', '/outcomes/reports/r-queued', 'Priya Shah', 'Waiting to start'],
      ['Night shift reflective practice, up to 2026-02', '/outcomes/reports/r-failed', 'Priya Shah', 'Failed'],
      ['The whole organisation, 2026-01 to 2026-06', '/outcomes/reports/r-expired', 'Priya Shah', 'Expired'],
    ]);
    expect(
      within(rows[0]!)
        .getByRole('cell', { name: /1 July 2026/ })
        .querySelector('time')
        ?.getAttribute('datetime'),
    ).toBe('2026-07-01T09:00:00.000Z');
  });
});

describe('OutcomeReportView', () => {
  /** The API answering `OutcomeReport` with each state in turn, then the last one for good. */
  function reportApi(...states: OutcomeReportFieldsFragment[]) {
    return fakeApi((operationName) => {
      if (operationName !== 'OutcomeReport') return NOT_IN_THIS_TEST;
      const state = states.length > 1 ? states.shift()! : states[0]!;
      return { data: { outcomeReport: state } };
    });
  }

  it('keeps a report’s progress up to date while it is built, then offers its files and stops asking', async () => {
    // Only the clock Apollo polls with is faked; `vi.waitFor` moves it on while it waits.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
    const api = reportApi(report({ status: 'RUNNING', progress: 40 }), report({ status: 'RUNNING', progress: 75 }), ready());
    show(api, <OutcomeReportView reportId={REPORT_ID} tenantId={TENANT} />);

    const progress = await vi.waitFor(() => screen.getByRole('progressbar', { name: 'Report progress' }) as HTMLProgressElement);
    expect(progress.value).toBe(40);
    expect(progress.max).toBe(100);
    expect(screen.getByRole('status').textContent).toBe('Being built: 40%');
    expect(screen.getByText(/^Night shift reflective practice, 2026-01 to 2026-06\. Requested by Priya Shah on/)).toBeTruthy();
    expect(screen.queryByRole('link')).toBeNull();
    expect(api.requests[0]).toEqual({ operationName: 'OutcomeReport', variables: { id: REPORT_ID, tenantId: TENANT } });

    await vi.advanceTimersByTimeAsync(1_000);
    await vi.waitFor(() => expect(screen.getByRole('status').textContent).toBe('Being built: 75%'));
    expect((screen.getByRole('progressbar', { name: 'Report progress' }) as HTMLProgressElement).value).toBe(75);

    await vi.advanceTimersByTimeAsync(1_000);
    const pdf = await vi.waitFor(() => screen.getByRole('link', { name: 'Download the report (PDF)' }));
    expect(pdf.getAttribute('href')).toBe(`/outcomes/reports/${REPORT_ID}/report.pdf?tenantId=${TENANT}`);
    expect(screen.getByRole('link', { name: 'Download the figures (CSV)' }).getAttribute('href')).toBe(`/outcomes/reports/${REPORT_ID}/report.csv?tenantId=${TENANT}`);
    expect(screen.getByRole('status').textContent).toMatch(/^The report is ready\. You can download it until 31 July 2026/);
    expect(screen.queryByRole('progressbar')).toBeNull();

    const asked = api.requests.length;
    expect(asked).toBeGreaterThanOrEqual(3);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(api.requests).toHaveLength(asked);
  });

  it('says a queued report is waiting to start', async () => {
    show(reportApi(report({ status: 'QUEUED', progress: 0 })), <OutcomeReportView reportId={REPORT_ID} />);
    const waiting = await screen.findByText('Waiting to start');
    expect(waiting.getAttribute('role')).toBe('status');
    expect(screen.queryByText(/Being built/)).toBeNull();
    expect((screen.getByRole('progressbar', { name: 'Report progress' }) as HTMLProgressElement).value).toBe(0);
  });

  it('says a report that failed could not be built, offers no files and stops asking', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
    const api = reportApi(report({ status: 'FAILED', progress: 60 }));
    show(api, <OutcomeReportView reportId={REPORT_ID} />);

    const alert = await vi.waitFor(() => screen.getByRole('alert'));
    expect(within(alert).getByText('The report could not be built')).toBeTruthy();
    expect(alert.textContent).toContain('Please request it again. If it fails again, contact the Lena team.');
    expect(screen.queryByRole('progressbar')).toBeNull();
    expect(screen.queryByRole('link')).toBeNull();
    expect(api.requests).toEqual([{ operationName: 'OutcomeReport', variables: { id: REPORT_ID, tenantId: null } }]);

    await vi.advanceTimersByTimeAsync(10_000);
    expect(api.requests).toHaveLength(1);
  });

  it('says an expired report has expired and offers no files', async () => {
    show(reportApi(ready({ expired: true, pdfUrl: null, csvUrl: null })), <OutcomeReportView reportId={REPORT_ID} />);
    const expired = await screen.findByText('This report has expired');
    expect(expired.closest('[role="status"]')?.textContent).toContain('Reports are kept for 30 days. Request a new one.');
    expect(screen.queryByText(/The report is ready/)).toBeNull();
    expect(screen.queryByRole('link')).toBeNull();
  });
});

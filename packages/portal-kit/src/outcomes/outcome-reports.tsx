import { OutcomeReportDocument, RequestOutcomeReportDocument, type OutcomeReportFieldsFragment, type OutcomeReportScope } from '@lena/graphql-client';
import { useMutation, useQuery } from '@lena/graphql-client/react';
import { Alert, Button, DateTime, EmptyState, Fieldset, Form, Link, SelectField, Table, Tag, TextField, type TagTone } from '@lena/ui';
import { useEffect, useState } from 'react';
import { QueryView } from '../app/query-view.js';
import { useMutationForm } from '../hooks/use-mutation-form.js';

type Report = OutcomeReportFieldsFragment;

/** How often a report's page asks how far its build has got, while it is being built. */
const POLL_MS = 1_000;

const STATUS: Record<Report['status'], { label: string; tone: TagTone }> = {
  QUEUED: { label: 'Waiting to start', tone: 'grey' },
  RUNNING: { label: 'Being built', tone: 'blue' },
  READY: { label: 'Ready', tone: 'green' },
  FAILED: { label: 'Failed', tone: 'red' },
};

/** What a report covers, in words. */
export function outcomeReportSubject(report: Pick<Report, 'scope' | 'programmeTitle' | 'from' | 'to'>): string {
  const what = report.scope === 'PROGRAMME' ? (report.programmeTitle ?? 'A programme') : 'The whole organisation';
  if (report.from && report.to) return `${what}, ${report.from} to ${report.to}`;
  if (report.from) return `${what}, from ${report.from}`;
  if (report.to) return `${what}, up to ${report.to}`;
  return `${what}, all time`;
}

export interface OutcomeReportRequestFormProps {
  /** The programmes a programme report may be about. */
  programmes: ReadonlyArray<{ id: string; title: string }>;
  /** Platform admins: the organisation. Org admins: none (their own). */
  tenantId?: string | null;
  onRequested: (report: Report) => void;
}

/** Asks for a report: a programme's or the whole organisation's, over an optional period of months. */
export function OutcomeReportRequestForm({ programmes, tenantId, onRequested }: OutcomeReportRequestFormProps) {
  const [scope, setScope] = useState<OutcomeReportScope>('ORGANISATION');
  const [programmeId, setProgrammeId] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const form = useMutationForm();
  const [requestReport] = useMutation(RequestOutcomeReportDocument, { refetchQueries: ['OutcomeReports'] });
  return (
    <Form
      id="request-outcome-report"
      errors={form.errors}
      onSubmit={() => {
        if (scope === 'PROGRAMME' && !programmeId) return form.fail({ fieldProblems: [{ field: 'programmeId', message: 'Choose the programme the report is about.' }] });
        void form.send(async () => {
          const { data } = await requestReport({
            variables: { input: { scope, programmeId: scope === 'PROGRAMME' ? programmeId : null, from: from || null, to: to || null, tenantId: tenantId ?? null } },
          });
          if (data) onRequested(data.requestOutcomeReport);
        });
      }}
    >
      <Fieldset legend="What the report covers">
        <SelectField
          label="Report on"
          name="scope"
          value={scope}
          onChange={(value) => setScope(value as OutcomeReportScope)}
          options={[
            { value: 'ORGANISATION', label: 'The whole organisation' },
            { value: 'PROGRAMME', label: 'One programme' },
          ]}
        />
        {scope === 'PROGRAMME' && (
          <SelectField
            label="Programme"
            name="programmeId"
            value={programmeId}
            onChange={setProgrammeId}
            options={[{ value: '', label: 'Choose a programme' }, ...programmes.map((programme) => ({ value: programme.id, label: programme.title }))]}
          />
        )}
        <div className="lena-filter-row">
          <TextField label="From (month)" hint="Optional, for example 2026-01" name="from" type="month" width="short" value={from} onChange={setFrom} />
          <TextField label="To (month)" hint="Optional, for example 2026-12" name="to" type="month" width="short" value={to} onChange={setTo} />
        </div>
      </Fieldset>
      <p className="lena-muted">The report is built as a PDF and a CSV file. We email you a link when it is ready; it stays available for 30 days.</p>
      <Button type="submit" busy={form.busy}>
        Request report
      </Button>
    </Form>
  );
}

/** The organisation's reports, newest first, each linking to its page. */
export function OutcomeReportList({ reports, hrefOf }: { reports: readonly Report[]; hrefOf: (report: Report) => string }) {
  if (reports.length === 0)
    return (
      <EmptyState title="No reports yet" headingLevel={3}>
        <p>Request one above.</p>
      </EmptyState>
    );
  return (
    <Table
      caption="Outcome reports"
      captionHidden
      rows={reports}
      rowKey={(report) => report.id}
      columns={[
        { key: 'subject', header: 'Report', cell: (report) => <Link href={hrefOf(report)}>{outcomeReportSubject(report)}</Link> },
        { key: 'asked', header: 'Requested', cell: (report) => <DateTime value={report.createdAt} /> },
        { key: 'by', header: 'By', cell: (report) => report.requestedByName },
        {
          key: 'status',
          header: 'Status',
          cell: (report) =>
            report.expired ? (
              <Tag tone="grey">Expired</Tag>
            ) : (
              <Tag tone={STATUS[report.status].tone}>{report.status === 'RUNNING' ? `${STATUS.RUNNING.label} (${report.progress}%)` : STATUS[report.status].label}</Tag>
            ),
        },
      ]}
    />
  );
}

/**
 * One report: while it is being built, a progress bar the page keeps up to date (it asks again
 * every second); once ready, its PDF and CSV to download (signed-in links, so a plain link does).
 */
export function OutcomeReportView({ reportId, tenantId }: { reportId: string; tenantId?: string | null }) {
  const result = useQuery(OutcomeReportDocument, { variables: { id: reportId, tenantId: tenantId ?? null }, pollInterval: POLL_MS, notifyOnNetworkStatusChange: false });
  const status = result.data?.outcomeReport.status;
  const { stopPolling } = result;
  useEffect(() => {
    if (status === 'READY' || status === 'FAILED') stopPolling();
  }, [status, stopPolling]);
  return (
    <QueryView result={result} loadingLabel="Loading the report">
      {({ outcomeReport: report }) => (
        <>
          <p>
            {outcomeReportSubject(report)}. Requested by {report.requestedByName} on <DateTime value={report.createdAt} />.
          </p>
          {report.expired ? (
            <Alert tone="warning" title="This report has expired">
              Reports are kept for 30 days. Request a new one.
            </Alert>
          ) : report.status === 'READY' ? (
            <>
              <p role="status">
                The report is ready. You can download it until <DateTime value={report.expiresAt} />.
              </p>
              <ul className="lena-list">
                {report.pdfUrl && (
                  <li>
                    <a href={report.pdfUrl} download>
                      Download the report (PDF)
                    </a>
                  </li>
                )}
                {report.csvUrl && (
                  <li>
                    <a href={report.csvUrl} download>
                      Download the figures (CSV)
                    </a>
                  </li>
                )}
              </ul>
            </>
          ) : report.status === 'FAILED' ? (
            <Alert tone="error" title="The report could not be built">
              Please request it again. If it fails again, contact the Lena team.
            </Alert>
          ) : (
            <div className="lena-report-progress">
              <progress id="report-progress" max={100} value={report.progress} aria-label="Report progress">
                {report.progress}%
              </progress>
              <span aria-live="polite" role="status">
                {report.status === 'QUEUED' ? 'Waiting to start' : `Being built: ${report.progress}%`}
              </span>
            </div>
          )}
        </>
      )}
    </QueryView>
  );
}

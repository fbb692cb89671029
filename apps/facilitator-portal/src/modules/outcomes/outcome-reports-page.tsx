import { OutcomeReportsDocument, PlatformProgrammesDocument, TenantsDocument } from '@lena/graphql-client';
import { useQuery } from '@lena/graphql-client/react';
import { OutcomeReportList, OutcomeReportRequestForm, OutcomeReportView, QueryView } from '@lena/portal-kit';
import { Link, Page, Section, SelectField } from '@lena/ui';
import { useNavigate, useParams, useSearchParams } from 'react-router';

const reportHref = (report: { id: string; tenantId: string }) => `/admin/reports/${report.id}?tenantId=${report.tenantId}`;

/** Platform admins: any organisation's outcome reports (chosen first), and asking for one. */
export function OutcomeReportsPage() {
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const tenantId = params.get('tenantId') ?? '';
  const tenants = useQuery(TenantsDocument);
  const programmes = useQuery(PlatformProgrammesDocument, { variables: { filter: { tenantId }, first: 200 }, skip: !tenantId });
  const reports = useQuery(OutcomeReportsDocument, { variables: { tenantId }, skip: !tenantId });
  return (
    <Page title="Outcome reports" lead="An organisation’s outcomes as a PDF and a CSV, with every figure withheld exactly as the organisation’s own dashboard withholds it.">
      <SelectField
        label="Organisation"
        name="tenantId"
        value={tenantId}
        onChange={(value) => setParams(value ? { tenantId: value } : {})}
        options={[{ value: '', label: 'Choose an organisation' }, ...(tenants.data?.tenants ?? []).map((tenant) => ({ value: tenant.id, label: tenant.name }))]}
      />
      {tenantId && (
        <>
          <Section title="Request a report">
            <OutcomeReportRequestForm
              tenantId={tenantId}
              programmes={(programmes.data?.platformProgrammes.items ?? []).map((item) => ({ id: item.programme.id, title: item.programme.title }))}
              onRequested={(report) => void navigate(reportHref(report))}
            />
          </Section>
          <Section title="The organisation’s reports">
            <QueryView result={reports} loadingLabel="Loading reports">
              {({ outcomeReports }) => <OutcomeReportList reports={outcomeReports} hrefOf={reportHref} />}
            </QueryView>
          </Section>
        </>
      )}
    </Page>
  );
}

/** One report (the email's link opens this page): progress while it is built, then its downloads. */
export function OutcomeReportPage() {
  const { reportId = '' } = useParams();
  const [params] = useSearchParams();
  const tenantId = params.get('tenantId') ?? '';
  return (
    <Page title="Outcome report">
      <OutcomeReportView reportId={reportId} tenantId={tenantId} />
      <p>
        <Link href={`/admin/reports?tenantId=${tenantId}`}>All of this organisation’s reports</Link>
      </p>
    </Page>
  );
}

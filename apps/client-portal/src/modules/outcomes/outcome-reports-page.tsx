import { OutcomeReportsDocument, ProgrammesDocument } from '@lena/graphql-client';
import { useQuery } from '@lena/graphql-client/react';
import { OutcomeReportList, OutcomeReportRequestForm, QueryView } from '@lena/portal-kit';
import { Page, Section } from '@lena/ui';
import { useNavigate } from 'react-router';

/** Ask for an outcome report (the organisation's or a programme's) and see the ones asked for. */
export function OutcomeReportsPage() {
  const navigate = useNavigate();
  const programmes = useQuery(ProgrammesDocument, { variables: { previewCount: 0 } });
  const reports = useQuery(OutcomeReportsDocument, { variables: {} });
  return (
    <Page title="Reports" lead="Your organisation’s outcomes as a PDF to share and a CSV of the same figures, built from the same figures as the Outcomes page.">
      <Section title="Request a report">
        <OutcomeReportRequestForm
          programmes={(programmes.data?.programmes ?? []).map((programme) => ({ id: programme.id, title: programme.title }))}
          onRequested={(report) => void navigate(`/reports/${report.id}`)}
        />
      </Section>
      <Section title="Your organisation’s reports">
        <QueryView result={reports} loadingLabel="Loading reports">
          {({ outcomeReports }) => <OutcomeReportList reports={outcomeReports} hrefOf={(report) => `/reports/${report.id}`} />}
        </QueryView>
      </Section>
    </Page>
  );
}

import { OutcomeReportView } from '@lena/portal-kit';
import { Link, Page } from '@lena/ui';
import { useParams } from 'react-router';

/** One report: its progress while it is built, then its downloads. The email's link opens this page. */
export function OutcomeReportPage() {
  const { reportId = '' } = useParams();
  return (
    <Page title="Outcome report">
      <OutcomeReportView reportId={reportId} />
      <p>
        <Link href="/reports">All reports</Link>
      </p>
    </Page>
  );
}

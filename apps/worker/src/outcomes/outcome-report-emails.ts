import type { EmailMessage } from '@lena/jobs';
import type { ReportRequester } from './outcome-report.repository';

/** The report's page in the client portal, where an organisation's admins work. */
export function clientReportPageUrl(clientPortalUrl: string, reportId: string): string {
  return `${clientPortalUrl}/reports/${reportId}`;
}

/** The report's page in the facilitator portal's admin area, where platform admins work (it names the organisation). */
export function adminReportPageUrl(facilitatorPortalUrl: string, tenantId: string, reportId: string): string {
  return `${facilitatorPortalUrl}/admin/reports/${reportId}?tenantId=${tenantId}`;
}

/** Sent once, when the report is ready: a link to its page (which needs a sign-in), never the figures themselves. */
export function outcomeReportReadyEmail(requester: ReportRequester, title: string, url: string, keepDays: number): EmailMessage {
  return {
    to: requester.email,
    subject: `Your outcome report is ready: ${title}`,
    text: [
      `Hello ${requester.name},`,
      '',
      `The report you asked for, "${title}", is ready as a PDF and a CSV file.`,
      'Sign in to Lena to download it:',
      '',
      url,
      '',
      `It stays available for ${keepDays} days.`,
    ].join('\n'),
  };
}

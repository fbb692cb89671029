import type { EmailMessage } from '@lena/jobs';
import type { ReportRequester } from './outcome-report.repository';

/** The report's page in the portal its requester uses: the client portal for an organisation's admin, the facilitator portal for a platform admin. */
export function outcomeReportPageUrl(portalUrl: string, reportId: string): string {
  return `${portalUrl}/reports/${reportId}`;
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

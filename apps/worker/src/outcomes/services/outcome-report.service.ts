import { Inject, Injectable } from '@nestjs/common';
import {
  buildOutcomeDashboard,
  feedbackThresholds,
  latestWording,
  OUTCOME_REPORT_KEEP_DAYS,
  outcomeReportCsvRows,
  outcomeReportDocument,
  summariseProgrammeFeedback,
  toCsv,
  type DashboardProgramme,
  type ScoresResult,
} from '@lena/domain';
import { WORKER_CONFIG } from '../../config/config.module';
import type { WorkerConfig } from '../../config/worker-config';
import type { TenantJobContext } from '../../jobs/job-handler';
import { OutboxEmailService } from '../../notifications/services/outbox-email.service';
import { adminReportPageUrl, clientReportPageUrl, outcomeReportReadyEmail } from '../outcome-report-emails';
import { renderOutcomeReportPdf } from '../outcome-report-pdf';
import { OutcomeReportRepository, type ReportOrganisation } from '../outcome-report.repository';

export type OutcomeReportOutcome = 'built' | 'already-ready' | 'not-found';

/**
 * Builds an outcome report: the dashboard's figures (rollups through `buildOutcomeDashboard`,
 * feedback through `summariseProgrammeFeedback`, as the feedback screens and dashboards show it),
 * so every figure and every withheld one is exactly as the portal shows it; then one document,
 * written as a PDF and a CSV, stored in the report's row; then one email to whoever asked.
 * Progress is committed as it goes (the row, and the job's own progress). Idempotent: a READY
 * report is left alone, and marking it READY is conditional, so a retry after the commit emails
 * nobody twice.
 */
@Injectable()
export class OutcomeReportService {
  constructor(
    private readonly reports: OutcomeReportRepository,
    private readonly emails: OutboxEmailService,
    @Inject(WORKER_CONFIG) private readonly config: WorkerConfig,
  ) {}

  async build(context: TenantJobContext, reportId: string): Promise<OutcomeReportOutcome> {
    const { uow, tenantId, job } = context;
    const report = await this.reports.find(uow, tenantId, reportId);
    if (!report) return 'not-found';
    if (report.status === 'READY') return 'already-ready';
    const progress = async (value: number) => {
      await this.reports.recordProgress(tenantId, reportId, 'RUNNING', value);
      await job.updateProgress(value);
    };
    try {
      await progress(5);
      const organisation = await this.reports.organisation(uow, tenantId);
      const rollups = await this.reports.rollups(uow, tenantId);
      const labels = await this.reports.subscaleLabels(uow, tenantId, [...new Set(rollups.flatMap((row) => row.rollup.subscales.map((subscale) => subscale.instrumentKey)))]);
      const filter = { programmeId: report.programmeId, from: report.periodFrom, to: report.periodTo };
      const figures = buildOutcomeDashboard(rollups, filter, organisation.minGroupSize, labels);
      await progress(25);
      const programmes = rollups.filter((row) => figures.programmes.some((entry) => entry.programmeId === row.programmeId));
      const feedback = await this.feedback(context, organisation, programmes, (done) => progress(25 + Math.round((45 * done) / Math.max(programmes.length, 1))));
      const document = outcomeReportDocument({
        organisationName: organisation.name,
        scope: report.scope,
        programmeId: report.programmeId,
        from: report.periodFrom,
        to: report.periodTo,
        generatedOn: new Intl.DateTimeFormat('en-GB', { timeZone: organisation.timeZone, day: 'numeric', month: 'long', year: 'numeric' }).format(new Date()),
        figures,
        feedback,
      });
      await progress(75);
      const pdf = await renderOutcomeReportPdf(document);
      await progress(90);
      const csv = Buffer.from(toCsv(outcomeReportCsvRows(document)), 'utf8');
      if (!(await this.reports.markReady(uow, tenantId, reportId, { pdf, csv }, OUTCOME_REPORT_KEEP_DAYS))) return 'already-ready';
      // 100 once the files are committed, never before: the portal would offer a download not there yet.
      uow.afterCommit(async () => {
        await job.updateProgress(100);
      });
      const requester = await this.reports.requester(uow, tenantId, report.requestedBy);
      if (requester) {
        const url = requester.orgAdmin ? clientReportPageUrl(this.config.clientPortalUrl, reportId) : adminReportPageUrl(this.config.facilitatorPortalUrl, tenantId, reportId);
        await this.emails.queueEmails(uow, tenantId, [outcomeReportReadyEmail(requester, document.title, url, OUTCOME_REPORT_KEEP_DAYS)]);
      }
      return 'built';
    } catch (error) {
      // The last attempt failed: say so on the row (in a transaction of its own: the job's rolls back).
      if (job.attemptsMade + 1 >= (job.opts.attempts ?? 1)) await this.reports.recordProgress(tenantId, reportId, 'FAILED', 0).catch(() => undefined);
      throw error;
    }
  }

  /**
   * Each programme's feedback scores, decided as the feedback screens decide them: over the
   * answers to the wording its latest session was asked, with the programme and each of its
   * sessions as one family of figures. Null for a programme never asked for feedback.
   */
  private async feedback(
    { uow, tenantId }: TenantJobContext,
    organisation: ReportOrganisation,
    programmes: readonly DashboardProgramme[],
    onProgramme: (done: number) => Promise<void>,
  ): Promise<Record<string, ScoresResult | null>> {
    const sessions = await this.reports.feedbackSessions(
      uow,
      tenantId,
      programmes.map((programme) => programme.programmeId),
    );
    const instruments = await this.reports.feedbackInstruments(uow, [...new Set(sessions.map((session) => session.instrumentId))]);
    const tallies = await this.reports.feedbackTallies(
      uow,
      tenantId,
      sessions.map((session) => session.sessionId),
    );
    const result: Record<string, ScoresResult | null> = {};
    let done = 0;
    for (const programme of programmes) {
      const wording = latestWording(sessions.filter((session) => session.programmeId === programme.programmeId));
      result[programme.programmeId] = wording
        ? summariseProgrammeFeedback(
            instruments.get(wording.instrumentId)!,
            wording.sessions.map((session) => session.sessionId),
            tallies,
            { ...feedbackThresholds(organisation.feedback, programme.serviceType), commentsEnabled: false },
          ).programme.scores
        : null;
      done += 1;
      if (done % 10 === 0 || done === programmes.length) await onProgramme(done);
    }
    return result;
  }
}

import { Injectable } from '@nestjs/common';
import {
  AuditAction,
  DomainError,
  ErrorCode,
  isPlatformAdmin,
  OUTCOME_REPORT_KEEP_DAYS,
  outcomeReportExpired,
  outcomeReportRequestSchema,
  parseInput,
  TenantRole,
  uuidSchema,
  type Principal,
} from '@lena/domain';
import { AuditService } from '../audit/audit.service';
import { requestContext } from '../common/request-context';
import { WorkerNudgeService } from '../notifications/worker-nudge.service';
import type { OutcomeReport, RequestOutcomeReportInput } from './dtos/outcome-report.type';
import { OutcomeReportRepository, type StoredOutcomeReport } from './outcome-report.repository';

/** A report's file could not be given: gone past its 30 days (410), or not there for this reader (404). */
export class OutcomeReportFileError extends DomainError {
  constructor(readonly gone: boolean) {
    super(ErrorCode.NOT_FOUND, gone ? 'This report has expired: reports are kept for 30 days. Ask for a new one on the Reports page.' : 'That report was not found.');
  }
}

/**
 * Outcome reports: org admins ask for their organisation's (a programme's or the whole
 * organisation's, over a period), platform admins for any organisation's (entering it with
 * `actAs`). The worker builds them (`build-outcome-report` on the `reports` queue); this service
 * records the request (audited), nudges the worker after the commit, lists them with their
 * progress and hands a ready one's files to its organisation's admins and platform admins alone.
 * Another organisation's report answers as a random id does: NOT_FOUND.
 */
@Injectable()
export class OutcomeReportService {
  constructor(
    private readonly reports: OutcomeReportRepository,
    private readonly audit: AuditService,
    private readonly nudges: WorkerNudgeService,
  ) {}

  async request(principal: Principal, input: RequestOutcomeReportInput): Promise<OutcomeReport> {
    const { tenantId: named, ...rest } = input;
    const request = parseInput(outcomeReportRequestSchema, rest);
    const tenantId = await this.enter(principal, named ?? null);
    if (request.programmeId && !(await this.reports.programmeExists(tenantId, request.programmeId))) throw DomainError.notFound('That programme');
    const id = await this.reports.insert(tenantId, principal.userId, request, OUTCOME_REPORT_KEEP_DAYS);
    await this.audit.record({
      action: AuditAction.OUTCOME_REPORT_REQUESTED,
      tenantId,
      targetType: 'outcome_report',
      targetId: id,
      detail: { scope: request.scope, programmeId: request.programmeId ?? null, from: request.from ?? null, to: request.to ?? null },
    });
    this.nudges.buildOutcomeReportAfterCommit(tenantId, id);
    return toReport((await this.reports.find(tenantId, id))!);
  }

  async list(principal: Principal, tenantId: string | null | undefined): Promise<OutcomeReport[]> {
    const target = await this.enter(principal, tenantId ?? null);
    return (await this.reports.list(target)).map(toReport);
  }

  async one(principal: Principal, reportId: string, tenantId: string | null | undefined): Promise<OutcomeReport> {
    const id = parseInput(uuidSchema, reportId);
    const target = await this.enter(principal, tenantId ?? null);
    const report = await this.reports.find(target, id);
    if (!report) throw DomainError.notFound('That report');
    return toReport(report);
  }

  /** A ready report's PDF or CSV for the download route; `OutcomeReportFileError` otherwise. */
  async file(principal: Principal | null, reportId: string, kind: 'pdf' | 'csv', tenantId: string | null): Promise<{ content: Buffer; filename: string }> {
    if (!principal || !uuidSchema.safeParse(reportId).success) throw new OutcomeReportFileError(false);
    let target: string;
    try {
      target = await this.enter(principal, tenantId);
    } catch (error) {
      // Refused (another organisation, another role): as if there were no such report. Anything
      // else (the database gone) is a failure, not a missing file.
      if (error instanceof DomainError) throw new OutcomeReportFileError(false);
      throw error;
    }
    const file = await this.reports.file(target, reportId, kind);
    if (!file) throw new OutcomeReportFileError(false);
    if (outcomeReportExpired(file.expiresAt, new Date())) throw new OutcomeReportFileError(true);
    const name =
      (file.title ?? 'organisation')
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-|-$/g, '') || 'report';
    return { content: file.content, filename: `outcome-report-${name}.${kind}` };
  }

  /**
   * The organisation the principal works in: an org admin's own (naming another is NOT_FOUND), or
   * the one a platform admin names (entered with `actAs`). Anyone else: FORBIDDEN.
   */
  private async enter(principal: Principal, tenantId: string | null): Promise<string> {
    if (principal.tenantId) {
      if (principal.tenantRole !== TenantRole.ORG_ADMIN) throw DomainError.forbidden();
      if (tenantId !== null && tenantId !== principal.tenantId) throw DomainError.notFound('That organisation');
      return principal.tenantId;
    }
    if (!isPlatformAdmin(principal)) throw DomainError.forbidden();
    if (tenantId === null) throw DomainError.badInput('Choose the organisation.', [{ field: 'tenantId', message: 'Choose the organisation.' }]);
    if (!uuidSchema.safeParse(tenantId).success || !(await this.reports.tenantExists(tenantId))) throw DomainError.notFound('That organisation');
    await requestContext().uow.actAs({ tenantId });
    return tenantId;
  }
}

function toReport(report: StoredOutcomeReport): OutcomeReport {
  const expired = outcomeReportExpired(report.expiresAt, new Date());
  const downloadable = report.status === 'READY' && !expired;
  const base = `/outcomes/reports/${report.id}`;
  const query = `?tenantId=${report.tenantId}`;
  return {
    id: report.id,
    tenantId: report.tenantId,
    scope: report.scope,
    programmeId: report.programmeId,
    programmeTitle: report.programmeTitle,
    from: report.from,
    to: report.to,
    status: report.status,
    progress: report.progress,
    requestedByName: report.requestedByName,
    createdAt: report.createdAt.toISOString(),
    readyAt: report.readyAt?.toISOString() ?? null,
    expiresAt: report.expiresAt.toISOString(),
    expired,
    pdfUrl: downloadable ? `${base}/report.pdf${query}` : null,
    csvUrl: downloadable ? `${base}/report.csv${query}` : null,
  };
}

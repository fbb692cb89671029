import { Injectable } from '@nestjs/common';
import { oneRow } from '@lena/database';
import type { OutcomeReportRequest, OutcomeReportScope, OutcomeReportStatus } from '@lena/domain';
import { requestContext } from '../common/request-context';

/** A report as the portals list it (never its files). */
export interface StoredOutcomeReport {
  id: string;
  tenantId: string;
  scope: OutcomeReportScope;
  programmeId: string | null;
  programmeTitle: string | null;
  from: string | null;
  to: string | null;
  status: OutcomeReportStatus;
  progress: number;
  requestedByName: string;
  createdAt: Date;
  readyAt: Date | null;
  expiresAt: Date;
}

const REPORT = `SELECT r.id, r.tenant_id AS "tenantId", r.scope, r.programme_id AS "programmeId", p.title AS "programmeTitle",
                       r.period_from AS "from", r.period_to AS "to", r.status, r.progress, u.display_name AS "requestedByName",
                       r.created_at AS "createdAt", r.ready_at AS "readyAt", r.expires_at AS "expiresAt"
                  FROM outcome_report r
                  JOIN user_account u ON u.id = r.requested_by
                  LEFT JOIN programme p ON p.tenant_id = r.tenant_id AND p.id = r.programme_id`;

/** `outcome_report` for the API: asking for one, listing, and reading a ready one's file. Every statement names the tenant. */
@Injectable()
export class OutcomeReportRepository {
  async tenantExists(tenantId: string): Promise<boolean> {
    const rows = await requestContext().uow.query(`SELECT 1 FROM tenant WHERE id = $1`, [tenantId]);
    return rows.length > 0;
  }

  async programmeExists(tenantId: string, programmeId: string): Promise<boolean> {
    const rows = await requestContext().uow.query(`SELECT 1 FROM programme WHERE tenant_id = $1 AND id = $2`, [tenantId, programmeId]);
    return rows.length > 0;
  }

  /** A new QUEUED report, kept `keepDays` from now (the worker restarts the count once it is ready). */
  async insert(tenantId: string, requestedBy: string, request: OutcomeReportRequest, keepDays: number): Promise<string> {
    const rows = await requestContext().uow.query<{ id: string }>(
      `INSERT INTO outcome_report (tenant_id, requested_by, scope, programme_id, period_from, period_to, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, now() + make_interval(days => $7)) RETURNING id`,
      [tenantId, requestedBy, request.scope, request.programmeId ?? null, request.from ?? null, request.to ?? null, keepDays],
    );
    return oneRow(rows, 'outcome_report').id;
  }

  /** The organisation's reports, newest first (the last hundred). */
  async list(tenantId: string): Promise<StoredOutcomeReport[]> {
    return requestContext().uow.query<StoredOutcomeReport>(`${REPORT} WHERE r.tenant_id = $1 ORDER BY r.created_at DESC, r.id LIMIT 100`, [tenantId]);
  }

  async find(tenantId: string, reportId: string): Promise<StoredOutcomeReport | null> {
    const [row] = await requestContext().uow.query<StoredOutcomeReport>(`${REPORT} WHERE r.tenant_id = $1 AND r.id = $2`, [tenantId, reportId]);
    return row ?? null;
  }

  /** A ready report's file, with its expiry; null if there is no such report or it is not ready. */
  async file(tenantId: string, reportId: string, kind: 'pdf' | 'csv'): Promise<{ content: Buffer; expiresAt: Date; title: string | null } | null> {
    const column = kind === 'pdf' ? 'r.pdf' : 'r.csv';
    const [row] = await requestContext().uow.query<{ content: Buffer | null; expiresAt: Date; title: string | null }>(
      `SELECT ${column} AS content, r.expires_at AS "expiresAt", p.title
         FROM outcome_report r LEFT JOIN programme p ON p.tenant_id = r.tenant_id AND p.id = r.programme_id
        WHERE r.tenant_id = $1 AND r.id = $2 AND r.status = 'READY'`,
      [tenantId, reportId],
    );
    return row?.content ? { content: row.content, expiresAt: row.expiresAt, title: row.title } : null;
  }
}

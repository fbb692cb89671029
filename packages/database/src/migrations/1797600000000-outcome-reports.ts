import type { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_ROLE } from '../database-config';

/**
 * Outcome reports (context `outcomes`), part 4: `outcome_report` (tenant), one row per report an
 * organisation's admin or a platform admin asked for: a programme's or the organisation's, over a
 * period of months. The worker's `reports` queue builds it (status, progress as it goes) and keeps
 * the PDF and CSV in the row (bytea: a report is tens of kilobytes) until `expires_at`, 30 days
 * after it was ready; the daily purge then deletes it through `outcome_purge_expired_reports`.
 *
 * Forced row-level security like every tenant table; no facilitator policy (reports are the
 * organisation's and the provider's, not the facilitators').
 */
export class OutcomeReports1797600000000 implements MigrationInterface {
  name = 'OutcomeReports1797600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE outcome_report (
        tenant_id uuid NOT NULL,
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        requested_by uuid NOT NULL,
        scope text NOT NULL CONSTRAINT outcome_report_scope_check CHECK (scope IN ('PROGRAMME', 'ORGANISATION')),
        programme_id uuid,
        period_from text CONSTRAINT outcome_report_period_from_check CHECK (period_from ~ '^[0-9]{4}-[0-9]{2}$'),
        period_to text CONSTRAINT outcome_report_period_to_check CHECK (period_to ~ '^[0-9]{4}-[0-9]{2}$'),
        status text NOT NULL DEFAULT 'QUEUED' CONSTRAINT outcome_report_status_check CHECK (status IN ('QUEUED', 'RUNNING', 'READY', 'FAILED')),
        progress integer NOT NULL DEFAULT 0 CONSTRAINT outcome_report_progress_check CHECK (progress BETWEEN 0 AND 100),
        pdf bytea,
        csv bytea,
        created_at timestamptz NOT NULL DEFAULT now(),
        ready_at timestamptz,
        expires_at timestamptz NOT NULL,
        CONSTRAINT outcome_report_pkey PRIMARY KEY (tenant_id, id),
        CONSTRAINT outcome_report_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES tenant (id),
        CONSTRAINT outcome_report_requested_by_fkey FOREIGN KEY (requested_by) REFERENCES user_account (id),
        CONSTRAINT outcome_report_tenant_id_programme_id_fkey FOREIGN KEY (tenant_id, programme_id) REFERENCES programme (tenant_id, id) ON DELETE CASCADE,
        CONSTRAINT outcome_report_programme_check CHECK ((scope = 'PROGRAMME') = (programme_id IS NOT NULL)),
        CONSTRAINT outcome_report_ready_check CHECK (status <> 'READY' OR (pdf IS NOT NULL AND csv IS NOT NULL AND ready_at IS NOT NULL))
      );
      CREATE INDEX outcome_report_by_created ON outcome_report (tenant_id, created_at);
      CREATE INDEX outcome_report_by_expiry ON outcome_report (expires_at);

      ALTER TABLE outcome_report ENABLE ROW LEVEL SECURITY;
      ALTER TABLE outcome_report FORCE ROW LEVEL SECURITY;
      CREATE POLICY tenant_isolation ON outcome_report
        USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
        WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid);
    `);

    // The daily purge acts for no organisation, so no policy shows it a report: this function
    // deletes reports past their expiry and returns counts per organisation (no ids, no figures).
    // Deleting what is due anyway is all it can do. Batches keep its locks short.
    await queryRunner.query(`
      CREATE FUNCTION outcome_purge_expired_reports(p_batch integer)
        RETURNS TABLE (tenant_id uuid, reports integer)
        LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public
        AS $$
          WITH due AS (
            SELECT r.tenant_id, r.id FROM outcome_report r
             WHERE r.expires_at < now()
             ORDER BY r.expires_at
             LIMIT p_batch
             FOR UPDATE SKIP LOCKED),
          deleted AS (
            DELETE FROM outcome_report r USING due WHERE r.tenant_id = due.tenant_id AND r.id = due.id
            RETURNING r.tenant_id)
          SELECT d.tenant_id, count(*)::int FROM deleted d GROUP BY d.tenant_id
        $$;
      REVOKE ALL ON FUNCTION outcome_purge_expired_reports(integer) FROM PUBLIC;
      GRANT EXECUTE ON FUNCTION outcome_purge_expired_reports(integer) TO ${APP_ROLE};
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DROP FUNCTION outcome_purge_expired_reports(integer);
      DROP TABLE outcome_report;
    `);
  }
}

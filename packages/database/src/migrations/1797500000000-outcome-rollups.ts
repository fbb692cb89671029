import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Outcome measures (context `outcomes`), part 3: `outcome_rollup` (tenant), one row per programme
 * holding the figures the dashboards read instead of raw rows. The worker's `outcomes` queue
 * rewrites a programme's row from its raw rows (sessions, attendance, outcome measurements)
 * whenever they change and nightly; the row is derived data, so it can always be recomputed.
 *
 * - Sessions: bought (`programme.session_count`), planned (still to come), delivered and
 *   cancelled, and `months`: the same per calendar month of the programme's own time zone.
 * - Attendance over delivered sessions: registers marked, present (or late), and the number of
 *   distinct people marked (the count suppression needs; never who they were).
 * - `final_month`: the month of the programme's last session not cancelled, which places its
 *   baseline → final change in a period.
 * - `subscales`: per instrument and subscale, the paired respondents' sufficient statistics (n and
 *   the sums a paired change is computed from, so changes combine across programmes without raw
 *   rows) and the reliable-change counts where the instrument gives a reliability.
 * - `measurements`: how many measurement rows the figures were computed from.
 *
 * Forced row-level security like every tenant table, and the programme's assigned facilitators
 * may read its row (read only), for the programme page.
 */
export class OutcomeRollups1797500000000 implements MigrationInterface {
  name = 'OutcomeRollups1797500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE outcome_rollup (
        tenant_id uuid NOT NULL,
        programme_id uuid NOT NULL,
        sessions_bought integer NOT NULL,
        sessions_planned integer NOT NULL,
        sessions_delivered integer NOT NULL,
        sessions_cancelled integer NOT NULL,
        attendance_marked integer NOT NULL,
        attendance_present integer NOT NULL,
        attendees integer NOT NULL,
        final_month text CONSTRAINT outcome_rollup_final_month_check CHECK (final_month ~ '^[0-9]{4}-[0-9]{2}$'),
        months jsonb NOT NULL,
        subscales jsonb NOT NULL,
        measurements integer NOT NULL,
        computed_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT outcome_rollup_pkey PRIMARY KEY (tenant_id, programme_id),
        CONSTRAINT outcome_rollup_tenant_id_programme_id_fkey FOREIGN KEY (tenant_id, programme_id) REFERENCES programme (tenant_id, id) ON DELETE CASCADE
      );

      ALTER TABLE outcome_rollup ENABLE ROW LEVEL SECURITY;
      ALTER TABLE outcome_rollup FORCE ROW LEVEL SECURITY;
      CREATE POLICY tenant_isolation ON outcome_rollup
        USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
        WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid);
      CREATE POLICY assigned_facilitators ON outcome_rollup FOR SELECT
        USING (EXISTS (
          SELECT 1 FROM programme_facilitator pf
           WHERE pf.tenant_id = outcome_rollup.tenant_id AND pf.programme_id = outcome_rollup.programme_id
             AND pf.user_id = NULLIF(current_setting('app.user_id', true), '')::uuid
        ));
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE outcome_rollup;`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Published feedback results (context `feedback`).
 *
 * - `feedback_result_snapshot` (tenant): per session, what its results screens show: the response
 *   count the scores were published at, each scale item's answers counted by value (jsonb: item →
 *   five counts), and separately the comments (in random order) with the count they were taken
 *   at, each with the date only. The worker (re)publishes a session when its count first reaches
 *   the organisation's minimum group size and then only after that many new responses
 *   (`decidePublication` in @lena/domain), so two reads of a figure never differ by fewer people.
 *   The API reads nothing else for results: a programme's figures are sums of these.
 *   Facilitators read the snapshots of their own programmes' sessions, as they read responses
 *   (policy `assigned_facilitators`, through the request's own policy); read only.
 * - The floor under every threshold (DESIGN.md): an organisation's minimum group size is never
 *   below 5, and its comment threshold never below 10.
 */
export class FeedbackSnapshots1797300000000 implements MigrationInterface {
  name = 'FeedbackSnapshots1797300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      UPDATE tenant SET min_reporting_group_size = 5 WHERE min_reporting_group_size < 5;
      UPDATE tenant SET feedback_min_comment_group_size = 10 WHERE feedback_min_comment_group_size < 10;
      ALTER TABLE tenant
        DROP CONSTRAINT tenant_min_reporting_group_size_check,
        ADD CONSTRAINT tenant_min_reporting_group_size_check CHECK (min_reporting_group_size BETWEEN 5 AND 50),
        DROP CONSTRAINT tenant_feedback_min_comment_group_size_check,
        ADD CONSTRAINT tenant_feedback_min_comment_group_size_check CHECK (feedback_min_comment_group_size BETWEEN 10 AND 100);

      CREATE TABLE feedback_result_snapshot (
        tenant_id uuid NOT NULL,
        session_id uuid NOT NULL,
        request_id uuid NOT NULL,
        responses integer NOT NULL CONSTRAINT feedback_result_snapshot_responses_check CHECK (responses >= 0),
        tallies jsonb NOT NULL DEFAULT '{}',
        published_on date NOT NULL,
        comment_responses integer CONSTRAINT feedback_result_snapshot_comment_responses_check CHECK (comment_responses >= 0),
        comments jsonb,
        comments_published_on date,
        CONSTRAINT feedback_result_snapshot_pkey PRIMARY KEY (tenant_id, session_id),
        CONSTRAINT feedback_result_snapshot_comments_check CHECK ((comment_responses IS NULL) = (comments IS NULL) AND (comments IS NULL) = (comments_published_on IS NULL)),
        CONSTRAINT feedback_result_snapshot_tenant_id_session_id_fkey FOREIGN KEY (tenant_id, session_id) REFERENCES group_session (tenant_id, id) ON DELETE CASCADE,
        CONSTRAINT feedback_result_snapshot_tenant_id_request_id_fkey FOREIGN KEY (tenant_id, request_id) REFERENCES feedback_request (tenant_id, id) ON DELETE CASCADE
      );
      CREATE UNIQUE INDEX feedback_result_snapshot_request_key ON feedback_result_snapshot (tenant_id, request_id);

      ALTER TABLE feedback_result_snapshot ENABLE ROW LEVEL SECURITY;
      ALTER TABLE feedback_result_snapshot FORCE ROW LEVEL SECURITY;
      CREATE POLICY tenant_isolation ON feedback_result_snapshot
        USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
        WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid);
      CREATE POLICY assigned_facilitators ON feedback_result_snapshot FOR SELECT
        USING (EXISTS (
          SELECT 1 FROM feedback_request r
           WHERE r.tenant_id = feedback_result_snapshot.tenant_id AND r.id = feedback_result_snapshot.request_id
        ));
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DROP TABLE feedback_result_snapshot;
      ALTER TABLE tenant
        DROP CONSTRAINT tenant_min_reporting_group_size_check,
        ADD CONSTRAINT tenant_min_reporting_group_size_check CHECK (min_reporting_group_size BETWEEN 3 AND 50),
        DROP CONSTRAINT tenant_feedback_min_comment_group_size_check,
        ADD CONSTRAINT tenant_feedback_min_comment_group_size_check CHECK (feedback_min_comment_group_size BETWEEN 3 AND 100);
    `);
  }
}

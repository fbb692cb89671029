import type { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_ROLE } from '../database-config';

/**
 * Anonymous post-session feedback (context `feedback`), anonymous by construction:
 *
 * - `feedback_instrument` (platform): a form's wording, versioned and tagged with its licence.
 *   Once a request uses a version, a trigger refuses any change to it (or its deletion), so every
 *   figure is computed over answers to the same questions.
 * - `feedback_request` (tenant): one per delivered session; when it opens, reminds and closes
 *   (from the organisation's settings, the new `tenant.feedback_*` columns).
 * - `feedback_link` (tenant): one single-use link per attendee, holding only the SHA-256 of the
 *   secret that goes in the email. It names its recipient (to remind those who have not answered
 *   and never to email anyone twice), so nothing written when an answer arrives may touch it.
 * - `feedback_link_unspent` (tenant): a link can be used while its row is here, and spending it
 *   DELETES that row in the transaction that stores the answers. Inverted on purpose: a "spent"
 *   row inserted in that transaction would carry the same xmin (the transaction id PostgreSQL
 *   stamps on every row it writes) as the response, which joins them, and so joins the answers to
 *   the person, for anyone who can SELECT. A deleted row leaves nothing a query can read. Of
 *   concurrent submissions with one link the DELETE lets exactly one through.
 * - `feedback_response` (tenant): the answers, with no person, no link, no address and no time at
 *   all (the request says which session; a submission time would add a join to request logs).
 *   Its id is random (gen_random_uuid), so not even its order says when it came.
 * - `feedback_rollup` (tenant): per session, whether its aggregates are stale (the worker marks it
 *   when a response arrives; outcomes' rollups come later).
 *
 * Facilitators read the requests and responses of the programmes they are assigned to (policy
 * `assigned_facilitators`, read only), so they can see results through the suppression rule; no
 * one else outside the organisation reads them. A presented link is found by a narrow SECURITY
 * DEFINER function, `feedback_link_by_token(hash)`, before its organisation is known; the
 * answers are then stored in that organisation's unit of work.
 */
export class Feedback1797000000000 implements MigrationInterface {
  name = 'Feedback1797000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE tenant
        ADD COLUMN feedback_min_comment_group_size integer NOT NULL DEFAULT 10
          CONSTRAINT tenant_feedback_min_comment_group_size_check CHECK (feedback_min_comment_group_size BETWEEN 3 AND 100),
        ADD COLUMN feedback_grp_comments_enabled boolean NOT NULL DEFAULT false,
        ADD COLUMN feedback_reminder_after_hours integer NOT NULL DEFAULT 48
          CONSTRAINT tenant_feedback_reminder_after_hours_check CHECK (feedback_reminder_after_hours BETWEEN 1 AND 336),
        ADD COLUMN feedback_window_days integer NOT NULL DEFAULT 7
          CONSTRAINT tenant_feedback_window_days_check CHECK (feedback_window_days BETWEEN 1 AND 30);

      CREATE TABLE feedback_instrument (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        key text NOT NULL,
        version integer NOT NULL CONSTRAINT feedback_instrument_version_check CHECK (version >= 1),
        licence text NOT NULL,
        definition jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT feedback_instrument_pkey PRIMARY KEY (id),
        CONSTRAINT feedback_instrument_key_version_key UNIQUE (key, version)
      );

      CREATE TABLE feedback_request (
        tenant_id uuid NOT NULL,
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        session_id uuid NOT NULL,
        instrument_id uuid NOT NULL,
        opens_at timestamptz NOT NULL,
        remind_at timestamptz NOT NULL,
        closes_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT feedback_request_pkey PRIMARY KEY (tenant_id, id),
        CONSTRAINT feedback_request_window_check CHECK (opens_at <= remind_at AND remind_at <= closes_at AND opens_at < closes_at),
        CONSTRAINT feedback_request_tenant_id_session_id_fkey FOREIGN KEY (tenant_id, session_id) REFERENCES group_session (tenant_id, id) ON DELETE CASCADE,
        CONSTRAINT feedback_request_instrument_id_fkey FOREIGN KEY (instrument_id) REFERENCES feedback_instrument (id)
      );
      -- One request per session.
      CREATE UNIQUE INDEX feedback_request_session_key ON feedback_request (tenant_id, session_id);
      CREATE INDEX feedback_request_by_instrument ON feedback_request (instrument_id);

      CREATE TABLE feedback_link (
        tenant_id uuid NOT NULL,
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        request_id uuid NOT NULL,
        user_id uuid NOT NULL,
        token_hash bytea NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        reminded_at timestamptz,
        CONSTRAINT feedback_link_pkey PRIMARY KEY (tenant_id, id),
        CONSTRAINT feedback_link_token_hash_key UNIQUE (token_hash),
        CONSTRAINT feedback_link_tenant_id_request_id_fkey FOREIGN KEY (tenant_id, request_id) REFERENCES feedback_request (tenant_id, id) ON DELETE CASCADE,
        CONSTRAINT feedback_link_user_id_fkey FOREIGN KEY (user_id) REFERENCES user_account (id)
      );
      -- One link per person per request: never a second email.
      CREATE UNIQUE INDEX feedback_link_recipient_key ON feedback_link (tenant_id, request_id, user_id);

      CREATE TABLE feedback_link_unspent (
        tenant_id uuid NOT NULL,
        link_id uuid NOT NULL,
        CONSTRAINT feedback_link_unspent_pkey PRIMARY KEY (tenant_id, link_id),
        CONSTRAINT feedback_link_unspent_tenant_id_link_id_fkey FOREIGN KEY (tenant_id, link_id) REFERENCES feedback_link (tenant_id, id) ON DELETE CASCADE
      );

      CREATE TABLE feedback_response (
        tenant_id uuid NOT NULL,
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        request_id uuid NOT NULL,
        answers jsonb NOT NULL,
        CONSTRAINT feedback_response_pkey PRIMARY KEY (tenant_id, id),
        CONSTRAINT feedback_response_tenant_id_request_id_fkey FOREIGN KEY (tenant_id, request_id) REFERENCES feedback_request (tenant_id, id) ON DELETE CASCADE
      );
      CREATE INDEX feedback_response_by_request ON feedback_response (tenant_id, request_id);

      CREATE TABLE feedback_rollup (
        tenant_id uuid NOT NULL,
        session_id uuid NOT NULL,
        stale boolean NOT NULL DEFAULT true,
        computed_at timestamptz,
        CONSTRAINT feedback_rollup_pkey PRIMARY KEY (tenant_id, session_id),
        CONSTRAINT feedback_rollup_tenant_id_session_id_fkey FOREIGN KEY (tenant_id, session_id) REFERENCES group_session (tenant_id, id) ON DELETE CASCADE
      );
    `);

    for (const table of ['feedback_request', 'feedback_link', 'feedback_link_unspent', 'feedback_response', 'feedback_rollup']) {
      await queryRunner.query(`
        ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY;
        ALTER TABLE ${table} FORCE ROW LEVEL SECURITY;
        CREATE POLICY tenant_isolation ON ${table}
          USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
          WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid);
      `);
    }

    await queryRunner.query(`
      -- Facilitators read the requests and responses of their own programmes' sessions, to see
      -- results (suppressed by the API); never links, so never who was asked.
      CREATE POLICY assigned_facilitators ON feedback_request FOR SELECT
        USING (EXISTS (
          SELECT 1 FROM group_session s
            JOIN programme_facilitator pf ON pf.tenant_id = s.tenant_id AND pf.programme_id = s.programme_id
           WHERE s.tenant_id = feedback_request.tenant_id AND s.id = feedback_request.session_id
             AND pf.user_id = NULLIF(current_setting('app.user_id', true), '')::uuid
        ));
      CREATE POLICY assigned_facilitators ON feedback_response FOR SELECT
        USING (EXISTS (
          SELECT 1 FROM feedback_request r
           WHERE r.tenant_id = feedback_response.tenant_id AND r.id = feedback_response.request_id
        ));

      -- An instrument version a request has used never changes: its figures would stop meaning
      -- what they meant. SECURITY DEFINER so the check sees every organisation's requests.
      CREATE FUNCTION feedback_instrument_immutable_once_used() RETURNS trigger
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public
        AS $$
        BEGIN
          IF EXISTS (SELECT 1 FROM feedback_request WHERE instrument_id = OLD.id) THEN
            RAISE EXCEPTION 'feedback instrument % version % is in use and cannot be changed', OLD.key, OLD.version
              USING ERRCODE = 'integrity_constraint_violation';
          END IF;
          RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
        END $$;
      CREATE TRIGGER feedback_instrument_immutable BEFORE UPDATE OR DELETE ON feedback_instrument
        FOR EACH ROW EXECUTE FUNCTION feedback_instrument_immutable_once_used();

      -- What a presented feedback link may do, found by its hash before any organisation is known
      -- (the page has no sign-in): its organisation, the link and request ids, when the request
      -- closes and whether the link is unspent. Never its recipient. The answers are then stored in
      -- that organisation's own unit of work, under row-level security.
      CREATE FUNCTION feedback_link_by_token(p_token_hash bytea)
        RETURNS TABLE (tenant_id uuid, link_id uuid, request_id uuid, instrument_id uuid, closes_at timestamptz, unspent boolean)
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public
        AS $$
          SELECT l.tenant_id, l.id, r.id, r.instrument_id, r.closes_at,
                 EXISTS (SELECT 1 FROM feedback_link_unspent u WHERE u.tenant_id = l.tenant_id AND u.link_id = l.id)
            FROM feedback_link l
            JOIN feedback_request r ON r.tenant_id = l.tenant_id AND r.id = l.request_id
           WHERE l.token_hash = p_token_hash
        $$;
    `);
    for (const signature of ['feedback_link_by_token(bytea)', 'feedback_instrument_immutable_once_used()']) {
      await queryRunner.query(`REVOKE ALL ON FUNCTION ${signature} FROM PUBLIC; GRANT EXECUTE ON FUNCTION ${signature} TO ${APP_ROLE};`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DROP FUNCTION feedback_link_by_token(bytea);
      DROP TABLE feedback_rollup, feedback_response, feedback_link_unspent, feedback_link, feedback_request;
      DROP TABLE feedback_instrument;
      DROP FUNCTION feedback_instrument_immutable_once_used();
      ALTER TABLE tenant
        DROP COLUMN feedback_min_comment_group_size,
        DROP COLUMN feedback_grp_comments_enabled,
        DROP COLUMN feedback_reminder_after_hours,
        DROP COLUMN feedback_window_days;
    `);
  }
}

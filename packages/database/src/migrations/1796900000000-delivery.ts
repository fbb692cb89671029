import type { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_ROLE } from '../database-config';

/**
 * The delivery context: running a session, its register and its confidential notes.
 *
 * - `group_session.status` gains DELIVERED, with `delivered_at` (set when a session becomes
 *   delivered, cleared on reopening; the feedback context opens requests for delivered sessions)
 *   and `reopened_at` (the organisation's sweep leaves a reopened session to its facilitator for
 *   the reopening window instead of delivering it again a minute later).
 * - `tenant.note_retention_months`: how long note text is kept after its session (default 12).
 * - `attendance` (tenant table): one row per session and enrolled person; the primary key makes a
 *   double tap one row.
 * - `session_note` (tenant table): a session's notes, one row per session, versioned for
 *   optimistic concurrency. GTS: de-identified case summaries and strategies; GRP: themes from the
 *   domain's vocabulary and one short line (checks refuse case text in a GRP note).
 * - `session_action_item` (tenant table): a GTS session's action items, each shareable with the
 *   group.
 *
 * Who sees what, in PostgreSQL as well as in the API:
 * - Notes and action items are readable and writable ONLY by the programme's assigned facilitators
 *   (`programme_facilitator` for `app.user_id`). These tables have no tenant policy at all: an
 *   organisation's own unit of work (its admins, its participants, a platform admin acting in it
 *   with `actAs`, the worker's tenant jobs) sees none of their rows. Permissive policies are OR-ed,
 *   so a tenant policy here would have opened them to all of those.
 * - A shared action item is also readable by the people enrolled in the session's programme, in
 *   their own organisation.
 * - Attendance is the organisation's (its sweep and, later, feedback read it), plus the assigned
 *   facilitators, who take the register acting in no organisation.
 * - None of the SECURITY DEFINER functions (migration 1796400000000) reads these tables; the one
 *   added here, the retention purge, erases and counts and returns no text.
 */
export class Delivery1796900000000 implements MigrationInterface {
  name = 'Delivery1796900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE group_session DROP CONSTRAINT group_session_status_check;
      ALTER TABLE group_session ADD CONSTRAINT group_session_status_check CHECK (status IN ('SCHEDULED', 'CANCELLED', 'DELIVERED'));
      ALTER TABLE group_session ADD COLUMN delivered_at timestamptz;
      ALTER TABLE group_session ADD COLUMN reopened_at timestamptz;
      ALTER TABLE group_session ADD CONSTRAINT group_session_delivered_check CHECK ((status = 'DELIVERED') = (delivered_at IS NOT NULL));
      -- What each organisation's sweep looks for: sessions still scheduled whose end has passed.
      CREATE INDEX group_session_awaiting_delivery ON group_session (tenant_id, ends_at) WHERE status = 'SCHEDULED';

      ALTER TABLE tenant ADD COLUMN note_retention_months integer NOT NULL DEFAULT 12
        CONSTRAINT tenant_note_retention_months_check CHECK (note_retention_months BETWEEN 1 AND 84);

      CREATE TABLE attendance (
        tenant_id uuid NOT NULL,
        session_id uuid NOT NULL,
        user_id uuid NOT NULL,
        status text NOT NULL CONSTRAINT attendance_status_check CHECK (status IN ('PRESENT', 'ABSENT', 'APOLOGIES', 'LATE')),
        marked_by uuid REFERENCES user_account (id),
        marked_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT attendance_pkey PRIMARY KEY (tenant_id, session_id, user_id),
        CONSTRAINT attendance_tenant_id_session_id_fkey FOREIGN KEY (tenant_id, session_id) REFERENCES group_session (tenant_id, id) ON DELETE CASCADE,
        CONSTRAINT attendance_tenant_id_user_id_fkey FOREIGN KEY (tenant_id, user_id) REFERENCES tenant_membership (tenant_id, user_id) ON DELETE CASCADE
      );

      CREATE TABLE session_note (
        tenant_id uuid NOT NULL,
        session_id uuid NOT NULL,
        kind text NOT NULL CONSTRAINT session_note_kind_check CHECK (kind IN ('GRP', 'GTS')),
        case_summaries text CONSTRAINT session_note_case_summaries_check CHECK (char_length(case_summaries) <= 4000),
        strategies text CONSTRAINT session_note_strategies_check CHECK (char_length(strategies) <= 4000),
        themes text[] NOT NULL DEFAULT '{}' CONSTRAINT session_note_themes_check CHECK (cardinality(themes) <= 8),
        theme_line text CONSTRAINT session_note_theme_line_check CHECK (char_length(theme_line) <= 140),
        version integer NOT NULL DEFAULT 1,
        written_by uuid REFERENCES user_account (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        -- When the retention purge erased the text (themes, from a fixed vocabulary, stay).
        purged_at timestamptz,
        CONSTRAINT session_note_pkey PRIMARY KEY (tenant_id, session_id),
        CONSTRAINT session_note_tenant_id_session_id_fkey FOREIGN KEY (tenant_id, session_id) REFERENCES group_session (tenant_id, id) ON DELETE CASCADE,
        -- A GRP note holds themes only: never case text.
        CONSTRAINT session_note_grp_themes_only_check CHECK (kind = 'GTS' OR (case_summaries IS NULL AND strategies IS NULL)),
        CONSTRAINT session_note_gts_no_themes_check CHECK (kind = 'GRP' OR (cardinality(themes) = 0 AND theme_line IS NULL)),
        CONSTRAINT session_note_purged_check CHECK (purged_at IS NULL OR (case_summaries IS NULL AND strategies IS NULL AND theme_line IS NULL))
      );

      CREATE TABLE session_action_item (
        tenant_id uuid NOT NULL,
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        session_id uuid NOT NULL,
        position integer NOT NULL,
        text text NOT NULL CONSTRAINT session_action_item_text_check CHECK (char_length(text) BETWEEN 1 AND 300),
        shared_with_group boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT session_action_item_pkey PRIMARY KEY (tenant_id, id),
        CONSTRAINT session_action_item_tenant_id_session_id_fkey FOREIGN KEY (tenant_id, session_id) REFERENCES session_note (tenant_id, session_id) ON DELETE CASCADE
      );
      CREATE UNIQUE INDEX session_action_item_position_key ON session_action_item (tenant_id, session_id, position);
    `);

    for (const table of ['attendance', 'session_note', 'session_action_item']) {
      await queryRunner.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY; ALTER TABLE ${table} FORCE ROW LEVEL SECURITY;`);
    }
    // The organisation's own rows: attendance only (see above for why the notes have none).
    await queryRunner.query(`
      CREATE POLICY tenant_isolation ON attendance
        USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
        WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid);
    `);
    // The programme's assigned facilitators, keyed on programme_facilitator for the signed-in
    // person (app.user_id, which the API sets from the verified session) through the session's
    // programme: read and write, in every organisation, acting in none.
    for (const table of ['attendance', 'session_note', 'session_action_item']) {
      const assigned = `EXISTS (
            SELECT 1 FROM group_session s
              JOIN programme_facilitator pf ON pf.tenant_id = s.tenant_id AND pf.programme_id = s.programme_id
             WHERE s.tenant_id = ${table}.tenant_id AND s.id = ${table}.session_id
               AND pf.user_id = NULLIF(current_setting('app.user_id', true), '')::uuid)`;
      await queryRunner.query(`CREATE POLICY assigned_facilitators ON ${table} USING (${assigned}) WITH CHECK (${assigned});`);
    }
    // A shared action item, for the people enrolled in its programme, in their own organisation.
    await queryRunner.query(`
      CREATE POLICY enrolled_participants ON session_action_item FOR SELECT
        USING (shared_with_group
          AND tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid
          AND EXISTS (
            SELECT 1 FROM group_session s
              JOIN enrolment e ON e.tenant_id = s.tenant_id AND e.programme_id = s.programme_id
             WHERE s.tenant_id = session_action_item.tenant_id AND s.id = session_action_item.session_id
               AND e.user_id = NULLIF(current_setting('app.user_id', true), '')::uuid));
    `);

    // The daily retention purge. The worker's purge acts for nobody, so no policy lets it near the
    // notes; this function erases the text of notes whose session ended longer ago than the
    // organisation's retention period, deletes their action items, and returns counts per
    // organisation (no text, no ids of people). Erasing what is due anyway is all it can do, so
    // the application role may run it whoever it acts for. Batches keep its locks short.
    await queryRunner.query(`
      CREATE FUNCTION delivery_purge_expired_notes(p_batch integer)
        RETURNS TABLE (tenant_id uuid, notes integer, action_items integer)
        LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public
        AS $$
          WITH due AS (
            SELECT n.tenant_id, n.session_id
              FROM session_note n
              JOIN group_session s ON s.tenant_id = n.tenant_id AND s.id = n.session_id
              JOIN tenant t ON t.id = n.tenant_id
             WHERE n.purged_at IS NULL AND s.ends_at < now() - make_interval(months => t.note_retention_months)
             ORDER BY n.tenant_id, n.session_id
             LIMIT p_batch
             FOR UPDATE OF n SKIP LOCKED),
          items AS (
            DELETE FROM session_action_item a USING due
             WHERE a.tenant_id = due.tenant_id AND a.session_id = due.session_id
            RETURNING a.tenant_id),
          erased AS (
            UPDATE session_note n SET case_summaries = NULL, strategies = NULL, theme_line = NULL, purged_at = now(), version = n.version + 1, updated_at = now()
              FROM due WHERE n.tenant_id = due.tenant_id AND n.session_id = due.session_id
            RETURNING n.tenant_id)
          SELECT e.tenant_id, count(*)::int, coalesce((SELECT count(*)::int FROM items i WHERE i.tenant_id = e.tenant_id), 0)
            FROM erased e GROUP BY e.tenant_id
        $$;
      REVOKE ALL ON FUNCTION delivery_purge_expired_notes(integer) FROM PUBLIC;
      GRANT EXECUTE ON FUNCTION delivery_purge_expired_notes(integer) TO ${APP_ROLE};
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DROP FUNCTION delivery_purge_expired_notes(integer);
      DROP TABLE session_action_item, session_note, attendance;
      ALTER TABLE tenant DROP COLUMN note_retention_months;
      DROP INDEX group_session_awaiting_delivery;
      ALTER TABLE group_session DROP CONSTRAINT group_session_delivered_check;
      ALTER TABLE group_session DROP COLUMN reopened_at;
      ALTER TABLE group_session DROP COLUMN delivered_at;
      ALTER TABLE group_session DROP CONSTRAINT group_session_status_check;
      ALTER TABLE group_session ADD CONSTRAINT group_session_status_check CHECK (status IN ('SCHEDULED', 'CANCELLED'));
    `);
  }
}

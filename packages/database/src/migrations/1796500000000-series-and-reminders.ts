import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Series expansion and reminders, both derived from the database so that losing Redis loses
 * neither.
 *
 * - `programme.sessions_expanded_at`: when the worker wrote the programme's sessions. A programme
 *   stays ACCEPTED until its first session begins (the lifecycle's ACTIVATE); this column says
 *   whether its series has been expanded, and a partial index finds those still waiting, whatever
 *   path accepted them.
 * - `group_session.calendar_sent_sequence`: the `calendar_sequence` everyone's calendar has been
 *   told. Whoever changes a session raises `calendar_sequence`; the worker emails the update (METHOD
 *   REQUEST) or the cancellation (METHOD CANCEL) and catches this column up.
 * - `tenant.reminder_offsets_minutes`: the organisation's reminders, in minutes before each session
 *   (default a day and an hour; validated by `reminderOffsetsSchema` in @lena/domain).
 * - `session_reminder` (tenant table): one row per session and offset, with when it is due and
 *   when it was sent. Triggers on `group_session` keep it: inserting a session plans its
 *   reminders; moving one re-plans them at the new time; cancelling one drops those not yet sent.
 *   So every writer of sessions (the worker's expansion, the API's edits, the seed) gets them for
 *   free, in the same transaction. A reminder already due when it is planned is not planned.
 *   Changing `tenant.reminder_offsets_minutes` (in that organisation's unit of work) re-plans the
 *   reminders of every session still to come.
 */
export class SeriesAndReminders1796500000000 implements MigrationInterface {
  name = 'SeriesAndReminders1796500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE tenant ADD COLUMN reminder_offsets_minutes integer[] NOT NULL DEFAULT '{1440,60}'
        CONSTRAINT tenant_reminder_offsets_check
        CHECK (cardinality(reminder_offsets_minutes) <= 3 AND 5 <= ALL (reminder_offsets_minutes) AND 20160 >= ALL (reminder_offsets_minutes));

      ALTER TABLE programme ADD COLUMN sessions_expanded_at timestamptz;

      -- The calendar_sequence of the last calendar email about a session. A change a calendar should
      -- pick up raises calendar_sequence; the organisation's sweep then emails everyone the update
      -- (or the cancellation) and catches this up, in one transaction.
      ALTER TABLE group_session ADD COLUMN calendar_sent_sequence integer NOT NULL DEFAULT 0;
      CREATE INDEX group_session_calendar_unsent ON group_session (tenant_id) WHERE calendar_sequence > calendar_sent_sequence;

      -- The accepted programmes still waiting for their sessions: what each organisation's sweep looks for.
      CREATE INDEX programme_awaiting_expansion ON programme (tenant_id) WHERE status = 'ACCEPTED' AND sessions_expanded_at IS NULL;

      CREATE TABLE session_reminder (
        tenant_id uuid NOT NULL,
        session_id uuid NOT NULL,
        offset_minutes integer NOT NULL CONSTRAINT session_reminder_offset_check CHECK (offset_minutes > 0),
        due_at timestamptz NOT NULL,
        sent_at timestamptz,
        CONSTRAINT session_reminder_pkey PRIMARY KEY (tenant_id, session_id, offset_minutes),
        CONSTRAINT session_reminder_tenant_id_session_id_fkey FOREIGN KEY (tenant_id, session_id) REFERENCES group_session (tenant_id, id) ON DELETE CASCADE
      );
      CREATE INDEX session_reminder_unsent_by_due ON session_reminder (tenant_id, due_at) WHERE sent_at IS NULL;

      ALTER TABLE session_reminder ENABLE ROW LEVEL SECURITY;
      ALTER TABLE session_reminder FORCE ROW LEVEL SECURITY;
      CREATE POLICY tenant_isolation ON session_reminder
        USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
        WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid);

      -- Statement-level with transition tables: expanding 52 sessions plans their reminders in one
      -- INSERT, not 52. A moved session's reminder that was sent for the old time is planned again
      -- for the new one (it is a new time); one for a time already past is not planned at all.
      CREATE FUNCTION scheduling_plan_new_session_reminders() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO session_reminder (tenant_id, session_id, offset_minutes, due_at)
        SELECT s.tenant_id, s.id, o.minutes, s.starts_at - make_interval(mins => o.minutes)
          FROM new_sessions s
          JOIN tenant t ON t.id = s.tenant_id
          CROSS JOIN LATERAL unnest(t.reminder_offsets_minutes) AS o (minutes)
         WHERE s.status = 'SCHEDULED' AND s.starts_at - make_interval(mins => o.minutes) > now()
        ON CONFLICT (tenant_id, session_id, offset_minutes) DO UPDATE SET due_at = EXCLUDED.due_at, sent_at = NULL;
        RETURN NULL;
      END $$;
      CREATE TRIGGER group_session_plan_reminders AFTER INSERT ON group_session
        REFERENCING NEW TABLE AS new_sessions FOR EACH STATEMENT EXECUTE FUNCTION scheduling_plan_new_session_reminders();

      CREATE FUNCTION scheduling_replan_changed_session_reminders() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        -- A session that moved or was cancelled loses every reminder it has not sent yet …
        DELETE FROM session_reminder r
         USING new_sessions s JOIN old_sessions o ON o.tenant_id = s.tenant_id AND o.id = s.id
         WHERE r.tenant_id = s.tenant_id AND r.session_id = s.id AND r.sent_at IS NULL
           AND (s.starts_at IS DISTINCT FROM o.starts_at OR s.status IS DISTINCT FROM o.status);
        -- … and a session still (or again) scheduled gets them at its new time.
        INSERT INTO session_reminder (tenant_id, session_id, offset_minutes, due_at)
        SELECT s.tenant_id, s.id, m.minutes, s.starts_at - make_interval(mins => m.minutes)
          FROM new_sessions s
          JOIN old_sessions o ON o.tenant_id = s.tenant_id AND o.id = s.id
          JOIN tenant t ON t.id = s.tenant_id
          CROSS JOIN LATERAL unnest(t.reminder_offsets_minutes) AS m (minutes)
         WHERE s.status = 'SCHEDULED' AND (s.starts_at IS DISTINCT FROM o.starts_at OR s.status IS DISTINCT FROM o.status)
           AND s.starts_at - make_interval(mins => m.minutes) > now()
        ON CONFLICT (tenant_id, session_id, offset_minutes) DO UPDATE SET due_at = EXCLUDED.due_at, sent_at = NULL;
        RETURN NULL;
      END $$;
      CREATE TRIGGER group_session_replan_reminders AFTER UPDATE ON group_session
        REFERENCING OLD TABLE AS old_sessions NEW TABLE AS new_sessions FOR EACH STATEMENT EXECUTE FUNCTION scheduling_replan_changed_session_reminders();

      -- An organisation that changes its reminders gets them re-planned for every session still to
      -- come: those not yet sent are replaced; one already sent at an offset it keeps is not sent again.
      -- Row-level security hides the sessions of any other organisation, so this must run in the
      -- organisation's own unit of work; anywhere else it refuses rather than silently re-plan nothing.
      CREATE FUNCTION scheduling_replan_tenant_reminders() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NULLIF(current_setting('app.tenant_id', true), '')::uuid IS DISTINCT FROM NEW.id THEN
          RAISE EXCEPTION 'Change an organisation''s reminders in its own unit of work, so that its sessions'' reminders can be re-planned.'
            USING ERRCODE = 'insufficient_privilege';
        END IF;
        DELETE FROM session_reminder WHERE tenant_id = NEW.id AND sent_at IS NULL;
        INSERT INTO session_reminder (tenant_id, session_id, offset_minutes, due_at)
        SELECT s.tenant_id, s.id, o.minutes, s.starts_at - make_interval(mins => o.minutes)
          FROM group_session s
          CROSS JOIN LATERAL unnest(NEW.reminder_offsets_minutes) AS o (minutes)
         WHERE s.tenant_id = NEW.id AND s.status = 'SCHEDULED' AND s.starts_at - make_interval(mins => o.minutes) > now()
        ON CONFLICT (tenant_id, session_id, offset_minutes) DO NOTHING;
        RETURN NULL;
      END $$;
      CREATE TRIGGER tenant_replan_reminders AFTER UPDATE OF reminder_offsets_minutes ON tenant
        FOR EACH ROW WHEN (OLD.reminder_offsets_minutes IS DISTINCT FROM NEW.reminder_offsets_minutes) EXECUTE FUNCTION scheduling_replan_tenant_reminders();
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DROP TRIGGER tenant_replan_reminders ON tenant;
      DROP TRIGGER group_session_replan_reminders ON group_session;
      DROP TRIGGER group_session_plan_reminders ON group_session;
      DROP FUNCTION scheduling_replan_tenant_reminders(), scheduling_replan_changed_session_reminders(), scheduling_plan_new_session_reminders();
      DROP TABLE session_reminder;
      DROP INDEX programme_awaiting_expansion;
      ALTER TABLE group_session DROP COLUMN calendar_sent_sequence;
      ALTER TABLE programme DROP COLUMN sessions_expanded_at;
      ALTER TABLE tenant DROP COLUMN reminder_offsets_minutes;
    `);
  }
}

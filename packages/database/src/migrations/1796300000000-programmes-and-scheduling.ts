import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The programmes and scheduling contexts: a team's needs assessment, the programmes an
 * organisation buys (with their facilitators and enrolments) and the group sessions a programme's
 * series expands into; on the platform side, each facilitator's working hours and time off.
 *
 * Programme rows keep the series as the people who agreed it wrote it: an RFC 5545 rule, the
 * first session's local date and time without an offset, the programme's time zone and up to three
 * rotating local start times. Sessions are stored in UTC; `sequence` numbers them within the
 * series, so expanding a series twice finds the rows it already wrote.
 *
 * Facilitators work across organisations: besides the tenant policy, a facilitator may read the
 * programmes, sessions and enrolments of the programmes they are assigned to, in every tenant, and
 * their own assignments (a policy keyed on `programme_facilitator`, checked by PostgreSQL).
 */
export class ProgrammesAndScheduling1796300000000 implements MigrationInterface {
  name = 'ProgrammesAndScheduling1796300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE facilitator_profile ADD COLUMN time_zone text NOT NULL DEFAULT 'Europe/London';

      -- A facilitator's usual week, in their own time zone (facilitator_profile.time_zone).
      CREATE TABLE facilitator_working_hours (
        user_id uuid NOT NULL REFERENCES user_account (id),
        iso_weekday smallint NOT NULL CONSTRAINT facilitator_working_hours_weekday_check CHECK (iso_weekday BETWEEN 1 AND 7),
        starts_local time NOT NULL,
        ends_local time NOT NULL,
        CONSTRAINT facilitator_working_hours_pkey PRIMARY KEY (user_id, iso_weekday, starts_local),
        CONSTRAINT facilitator_working_hours_order_check CHECK (ends_local > starts_local)
      );

      CREATE TABLE facilitator_time_off (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES user_account (id),
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        note text NOT NULL DEFAULT '' CONSTRAINT facilitator_time_off_note_check CHECK (char_length(note) <= 200),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT facilitator_time_off_pkey PRIMARY KEY (id),
        CONSTRAINT facilitator_time_off_order_check CHECK (ends_at > starts_at)
      );
      CREATE INDEX facilitator_time_off_by_user ON facilitator_time_off (user_id, starts_at);

      -- Tenant tables -------------------------------------------------------------------------

      -- One answered questionnaire about a team, kept with the questionnaire version it answered
      -- and the recommendation it produced at the time.
      CREATE TABLE needs_assessment (
        tenant_id uuid NOT NULL REFERENCES tenant (id),
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        team_id uuid NOT NULL,
        questionnaire_version text NOT NULL,
        answers jsonb NOT NULL,
        recommendation jsonb NOT NULL,
        assessed_by uuid REFERENCES user_account (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT needs_assessment_pkey PRIMARY KEY (tenant_id, id),
        FOREIGN KEY (tenant_id, team_id) REFERENCES team (tenant_id, id)
      );
      CREATE INDEX needs_assessment_by_team ON needs_assessment (tenant_id, team_id, created_at);

      CREATE TABLE programme (
        tenant_id uuid NOT NULL REFERENCES tenant (id),
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        team_id uuid NOT NULL,
        needs_assessment_id uuid,
        service_type text NOT NULL CONSTRAINT programme_service_type_check CHECK (service_type IN ('GRP', 'GTS')),
        title text NOT NULL CONSTRAINT programme_title_check CHECK (char_length(title) BETWEEN 1 AND 160),
        status text NOT NULL DEFAULT 'REQUESTED'
          CONSTRAINT programme_status_check CHECK (status IN ('REQUESTED', 'PROPOSED', 'ACCEPTED', 'ACTIVE', 'COMPLETED', 'CANCELLED')),
        session_count integer NOT NULL CONSTRAINT programme_session_count_check CHECK (session_count BETWEEN 1 AND 104),
        -- The series: set by the request (wishes) and fixed by the proposal.
        rrule text,
        start_local timestamp,
        start_slots text[] NOT NULL DEFAULT '{}'
          CONSTRAINT programme_start_slots_check CHECK (cardinality(start_slots) <= 3),
        session_minutes integer NOT NULL DEFAULT 90 CONSTRAINT programme_session_minutes_check CHECK (session_minutes BETWEEN 15 AND 480),
        time_zone text NOT NULL,
        delivery_mode text NOT NULL DEFAULT 'ONLINE'
          CONSTRAINT programme_delivery_mode_check CHECK (delivery_mode IN ('ONLINE', 'IN_PERSON', 'HYBRID')),
        video_link text,
        location text,
        min_group_size integer NOT NULL DEFAULT 4,
        max_group_size integer NOT NULL DEFAULT 12,
        membership text NOT NULL DEFAULT 'CLOSED' CONSTRAINT programme_membership_check CHECK (membership IN ('OPEN', 'CLOSED')),
        requested_by uuid REFERENCES user_account (id),
        cancelled_reason text,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT programme_pkey PRIMARY KEY (tenant_id, id),
        CONSTRAINT programme_group_size_check CHECK (min_group_size >= 1 AND max_group_size >= min_group_size AND max_group_size <= 40),
        FOREIGN KEY (tenant_id, team_id) REFERENCES team (tenant_id, id),
        FOREIGN KEY (tenant_id, needs_assessment_id) REFERENCES needs_assessment (tenant_id, id)
      );
      CREATE INDEX programme_by_status ON programme (tenant_id, status);

      CREATE TABLE programme_facilitator (
        tenant_id uuid NOT NULL,
        programme_id uuid NOT NULL,
        user_id uuid NOT NULL REFERENCES user_account (id),
        role text NOT NULL CONSTRAINT programme_facilitator_role_check CHECK (role IN ('LEAD', 'CO_FACILITATOR')),
        assigned_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT programme_facilitator_pkey PRIMARY KEY (tenant_id, programme_id, user_id),
        FOREIGN KEY (tenant_id, programme_id) REFERENCES programme (tenant_id, id) ON DELETE CASCADE
      );
      CREATE UNIQUE INDEX programme_facilitator_one_lead ON programme_facilitator (tenant_id, programme_id) WHERE role = 'LEAD';
      -- A facilitator's assignments across every tenant: the row-level policies below look here.
      CREATE INDEX programme_facilitator_by_user ON programme_facilitator (user_id, tenant_id, programme_id);

      CREATE TABLE enrolment (
        tenant_id uuid NOT NULL,
        programme_id uuid NOT NULL,
        user_id uuid NOT NULL,
        enrolled_at timestamptz NOT NULL DEFAULT now(),
        -- The group agreement (confidentiality ground rules) this person accepted, and when.
        agreement_version text,
        agreement_accepted_at timestamptz,
        CONSTRAINT enrolment_pkey PRIMARY KEY (tenant_id, programme_id, user_id),
        CONSTRAINT enrolment_agreement_check CHECK ((agreement_version IS NULL) = (agreement_accepted_at IS NULL)),
        FOREIGN KEY (tenant_id, programme_id) REFERENCES programme (tenant_id, id) ON DELETE CASCADE,
        FOREIGN KEY (tenant_id, user_id) REFERENCES tenant_membership (tenant_id, user_id) ON DELETE CASCADE
      );
      CREATE INDEX enrolment_by_user ON enrolment (tenant_id, user_id);

      CREATE TABLE group_session (
        tenant_id uuid NOT NULL,
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        programme_id uuid NOT NULL,
        sequence integer NOT NULL CONSTRAINT group_session_sequence_check CHECK (sequence >= 1),
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        status text NOT NULL DEFAULT 'SCHEDULED' CONSTRAINT group_session_status_check CHECK (status IN ('SCHEDULED', 'CANCELLED')),
        status_reason text,
        -- Optimistic concurrency: an edit names the version it read; a stale one is refused.
        version integer NOT NULL DEFAULT 1,
        -- iCalendar SEQUENCE: raised on every change a calendar should pick up.
        calendar_sequence integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT group_session_pkey PRIMARY KEY (tenant_id, id),
        CONSTRAINT group_session_order_check CHECK (ends_at > starts_at),
        FOREIGN KEY (tenant_id, programme_id) REFERENCES programme (tenant_id, id) ON DELETE CASCADE
      );
      CREATE UNIQUE INDEX group_session_series_key ON group_session (tenant_id, programme_id, sequence);
      CREATE INDEX group_session_by_start ON group_session (tenant_id, starts_at);
    `);

    for (const table of ['needs_assessment', 'programme', 'programme_facilitator', 'enrolment', 'group_session']) {
      await queryRunner.query(`
        ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY;
        ALTER TABLE ${table} FORCE ROW LEVEL SECURITY;
        CREATE POLICY tenant_isolation ON ${table}
          USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
          WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid);
      `);
    }
    // Facilitators act in no tenant: what they may read follows their assignments. Read only; what
    // a facilitator may change is decided per table when that work arrives.
    await queryRunner.query(`
      CREATE POLICY own_assignments ON programme_facilitator FOR SELECT
        USING (user_id = NULLIF(current_setting('app.user_id', true), '')::uuid);
    `);
    for (const [table, programmeColumn] of [
      ['programme', 'id'],
      ['group_session', 'programme_id'],
      ['enrolment', 'programme_id'],
    ] as const) {
      await queryRunner.query(`
        CREATE POLICY assigned_facilitators ON ${table} FOR SELECT
          USING (EXISTS (
            SELECT 1 FROM programme_facilitator pf
             WHERE pf.user_id = NULLIF(current_setting('app.user_id', true), '')::uuid
               AND pf.tenant_id = ${table}.tenant_id AND pf.programme_id = ${table}.${programmeColumn}
          ));
      `);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DROP TABLE group_session, enrolment, programme_facilitator, programme, needs_assessment,
        facilitator_time_off, facilitator_working_hours;
      ALTER TABLE facilitator_profile DROP COLUMN time_zone;
    `);
  }
}

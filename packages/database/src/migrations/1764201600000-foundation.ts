import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The foundation schema: platform tables (tenant, identity, audit, outbox) and the first tenant
 * tables (membership, team, team member) behind forced row-level security.
 *
 * Tenant tables carry tenant_id first in their primary key and in every foreign key to another
 * tenant table, so the schema can be distributed by tenant_id later (Citus).
 */
export class Foundation1764201600000 implements MigrationInterface {
  name = 'Foundation1764201600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE tenant (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (char_length(name) BETWEEN 2 AND 160),
        slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
        time_zone text NOT NULL,
        locale text NOT NULL DEFAULT 'en-GB',
        min_reporting_group_size integer NOT NULL DEFAULT 5 CHECK (min_reporting_group_size BETWEEN 3 AND 50),
        org_admins_see_individual_attendance boolean NOT NULL DEFAULT false,
        status text NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE', 'SUSPENDED')),
        suspended_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE user_account (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL CHECK (email = lower(email) AND char_length(email) <= 254),
        display_name text NOT NULL CHECK (char_length(display_name) BETWEEN 1 AND 120),
        password_hash text,
        status text NOT NULL DEFAULT 'ACTIVE' CHECK (status IN ('ACTIVE', 'DEACTIVATED')),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE UNIQUE INDEX user_account_email_key ON user_account (email);

      CREATE TABLE platform_role (
        user_id uuid NOT NULL REFERENCES user_account (id),
        role text NOT NULL CHECK (role IN ('PLATFORM_ADMIN', 'FACILITATOR')),
        granted_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (user_id, role)
      );

      CREATE TABLE facilitator_profile (
        user_id uuid PRIMARY KEY REFERENCES user_account (id),
        bio text NOT NULL DEFAULT '' CHECK (char_length(bio) <= 2000),
        services text[] NOT NULL DEFAULT '{}' CHECK (services <@ ARRAY['GRP', 'GTS']::text[]),
        updated_at timestamptz NOT NULL DEFAULT now()
      );

      -- One row per sign-in: the refresh-token family. Revoking it ends every token it issued.
      CREATE TABLE auth_session (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES user_account (id),
        tenant_id uuid REFERENCES tenant (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz,
        revoked_reason text,
        ip_address inet,
        user_agent text
      );
      CREATE INDEX auth_session_live_by_user ON auth_session (user_id) WHERE revoked_at IS NULL;
      CREATE INDEX auth_session_live_by_tenant ON auth_session (tenant_id) WHERE revoked_at IS NULL;

      CREATE TABLE refresh_token (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        session_id uuid NOT NULL REFERENCES auth_session (id),
        token_hash bytea NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        used_at timestamptz
      );
      CREATE INDEX refresh_token_by_session ON refresh_token (session_id);

      CREATE TABLE invitation (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL CHECK (email = lower(email)),
        display_name text,
        tenant_id uuid REFERENCES tenant (id),
        role text NOT NULL CHECK (role IN ('PLATFORM_ADMIN', 'FACILITATOR', 'ORG_ADMIN', 'PARTICIPANT')),
        team_id uuid,
        token_hash bytea NOT NULL UNIQUE,
        invited_by uuid REFERENCES user_account (id),
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        accepted_at timestamptz,
        revoked_at timestamptz,
        CHECK ((role IN ('ORG_ADMIN', 'PARTICIPANT')) = (tenant_id IS NOT NULL))
      );
      CREATE INDEX invitation_by_tenant ON invitation (tenant_id, created_at DESC);

      CREATE TABLE password_reset (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES user_account (id),
        token_hash bytea NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        used_at timestamptz
      );

      CREATE TABLE audit_event (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        occurred_at timestamptz NOT NULL DEFAULT now(),
        action text NOT NULL,
        actor_user_id uuid REFERENCES user_account (id),
        tenant_id uuid REFERENCES tenant (id),
        target_type text,
        target_id text,
        ip_address inet,
        detail jsonb NOT NULL DEFAULT '{}'
      );
      CREATE INDEX audit_event_recent ON audit_event (occurred_at DESC, id DESC);
      CREATE INDEX audit_event_by_tenant ON audit_event (tenant_id, occurred_at DESC);

      -- Messages to deliver, written in the same transaction as the change that implies them.
      CREATE TABLE outbox_message (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind text NOT NULL,
        tenant_id uuid REFERENCES tenant (id),
        payload jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        enqueued_at timestamptz,
        delivered_at timestamptz,
        attempts integer NOT NULL DEFAULT 0,
        last_error text
      );
      CREATE INDEX outbox_message_pending ON outbox_message (created_at) WHERE delivered_at IS NULL;

      -- Tenant tables -------------------------------------------------------------------------

      CREATE TABLE tenant_membership (
        tenant_id uuid NOT NULL REFERENCES tenant (id),
        user_id uuid NOT NULL REFERENCES user_account (id),
        role text NOT NULL CHECK (role IN ('ORG_ADMIN', 'PARTICIPANT')),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, user_id)
      );
      CREATE INDEX tenant_membership_by_user ON tenant_membership (user_id);

      CREATE TABLE team (
        tenant_id uuid NOT NULL REFERENCES tenant (id),
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 120),
        archived_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, id)
      );
      CREATE UNIQUE INDEX team_live_name_key ON team (tenant_id, lower(name)) WHERE archived_at IS NULL;

      CREATE TABLE team_member (
        tenant_id uuid NOT NULL,
        team_id uuid NOT NULL,
        user_id uuid NOT NULL,
        added_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, team_id, user_id),
        FOREIGN KEY (tenant_id, team_id) REFERENCES team (tenant_id, id),
        FOREIGN KEY (tenant_id, user_id) REFERENCES tenant_membership (tenant_id, user_id) ON DELETE CASCADE
      );
    `);

    for (const table of ['tenant_membership', 'team', 'team_member']) {
      await queryRunner.query(`
        ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY;
        ALTER TABLE ${table} FORCE ROW LEVEL SECURITY;
        CREATE POLICY tenant_isolation ON ${table}
          USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
          WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid);
      `);
    }
    // A signed-in user may read their own memberships in every tenant (to choose where to act).
    await queryRunner.query(`
      CREATE POLICY own_memberships ON tenant_membership FOR SELECT
        USING (user_id = NULLIF(current_setting('app.user_id', true), '')::uuid);
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DROP TABLE team_member, team, tenant_membership, outbox_message, audit_event, password_reset,
        invitation, refresh_token, auth_session, facilitator_profile, platform_role, user_account, tenant;
    `);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_ROLE } from '../database-config';

/**
 * Outcome measures (context `outcomes`), part 2: asking them through single-use links, and the
 * participant's pairing salt that erasure destroys.
 *
 * - `outcome_request` (tenant): one per programme and measurement point, written by the outcomes
 *   sweep when the point's window opens (the window from `measurementWindows`), with when it
 *   reminds and closes. Once a programme's BASELINE request exists its plan is frozen.
 * - `outcome_link`, `outcome_link_unspent` (tenant): one single-use link per person and request,
 *   SHA-256 of the secret only, exactly as feedback's: spending a link DELETES its unspent row in
 *   the statement that stores the measurements (a "spent" row written there would share the
 *   measurements' xmin and so join them to the link's recipient).
 * - `outcome_pairing_salt` (platform, hidden): 32 random bytes per person. A measurement's
 *   pseudonym is HMAC-SHA256(programme key, the person's salt), computed by the API. The
 *   application role has no privilege on this table (`grantAppRole` revokes them) and reaches a
 *   salt only by presenting the person's link SECRET (`outcome_link_pairing_salt`: the table holds
 *   hashes, so knowing a row is not enough) or as the person themself (`outcome_own_pairing_salt`,
 *   for app.user_id). So no tenant row, and no query over tenant rows and the programme key, leads
 *   from a pseudonym to a person. Deleting the salt (`outcome_erase_pairing`, by the person or a
 *   platform admin) makes their past pseudonyms unrecomputable: a later answer gets a new salt,
 *   and so a pseudonym that pairs with nothing before it.
 */
export class OutcomeMeasures1797400000000 implements MigrationInterface {
  name = 'OutcomeMeasures1797400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE outcome_request (
        tenant_id uuid NOT NULL,
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        programme_id uuid NOT NULL,
        point text NOT NULL CONSTRAINT outcome_request_point_check CHECK (point IN ('BASELINE', 'MIDPOINT', 'FINAL', 'FOLLOW_UP')),
        opens_at timestamptz NOT NULL,
        remind_at timestamptz NOT NULL,
        closes_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT outcome_request_pkey PRIMARY KEY (tenant_id, id),
        CONSTRAINT outcome_request_window_check CHECK (opens_at <= remind_at AND remind_at <= closes_at AND opens_at < closes_at),
        CONSTRAINT outcome_request_tenant_id_programme_id_fkey FOREIGN KEY (tenant_id, programme_id) REFERENCES programme (tenant_id, id) ON DELETE CASCADE
      );
      -- One request per programme and point: never a second round of emails.
      CREATE UNIQUE INDEX outcome_request_point_key ON outcome_request (tenant_id, programme_id, point);

      CREATE TABLE outcome_link (
        tenant_id uuid NOT NULL,
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        request_id uuid NOT NULL,
        user_id uuid NOT NULL,
        token_hash bytea NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        reminded_at timestamptz,
        CONSTRAINT outcome_link_pkey PRIMARY KEY (tenant_id, id),
        CONSTRAINT outcome_link_token_hash_key UNIQUE (token_hash),
        CONSTRAINT outcome_link_tenant_id_request_id_fkey FOREIGN KEY (tenant_id, request_id) REFERENCES outcome_request (tenant_id, id) ON DELETE CASCADE,
        CONSTRAINT outcome_link_user_id_fkey FOREIGN KEY (user_id) REFERENCES user_account (id)
      );
      -- One link per person per request: one email per person per point.
      CREATE UNIQUE INDEX outcome_link_recipient_key ON outcome_link (tenant_id, request_id, user_id);

      CREATE TABLE outcome_link_unspent (
        tenant_id uuid NOT NULL,
        link_id uuid NOT NULL,
        CONSTRAINT outcome_link_unspent_pkey PRIMARY KEY (tenant_id, link_id),
        CONSTRAINT outcome_link_unspent_tenant_id_link_id_fkey FOREIGN KEY (tenant_id, link_id) REFERENCES outcome_link (tenant_id, id) ON DELETE CASCADE
      );

      CREATE TABLE outcome_pairing_salt (
        user_id uuid NOT NULL,
        salt bytea NOT NULL CONSTRAINT outcome_pairing_salt_salt_check CHECK (length(salt) = 32),
        CONSTRAINT outcome_pairing_salt_pkey PRIMARY KEY (user_id),
        CONSTRAINT outcome_pairing_salt_user_id_fkey FOREIGN KEY (user_id) REFERENCES user_account (id) ON DELETE CASCADE
      );
    `);

    for (const table of ['outcome_request', 'outcome_link', 'outcome_link_unspent']) {
      await queryRunner.query(`
        ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY;
        ALTER TABLE ${table} FORCE ROW LEVEL SECURITY;
        CREATE POLICY tenant_isolation ON ${table}
          USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
          WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid);
      `);
    }

    await queryRunner.query(`
      -- What a presented outcome link may do, found by its hash before any organisation is known:
      -- its organisation, link, request, programme and point, when it closes and whether it is
      -- unspent. Never its recipient.
      CREATE FUNCTION outcome_link_by_token(p_token_hash bytea)
        RETURNS TABLE (tenant_id uuid, link_id uuid, request_id uuid, programme_id uuid, point text, closes_at timestamptz, unspent boolean)
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public
        AS $$
          SELECT l.tenant_id, l.id, r.id, r.programme_id, r.point, r.closes_at,
                 EXISTS (SELECT 1 FROM outcome_link_unspent u WHERE u.tenant_id = l.tenant_id AND u.link_id = l.id)
            FROM outcome_link l
            JOIN outcome_request r ON r.tenant_id = l.tenant_id AND r.id = l.request_id
           WHERE l.token_hash = p_token_hash
        $$;

      -- The pairing salt of an unspent, open link's recipient, for the SECRET of the link (never
      -- its hash, which outcome_link holds for anyone in the organisation to read), in the link's
      -- own organisation only. Stores the caller's random candidate the first time.
      CREATE FUNCTION outcome_link_pairing_salt(p_token text, p_candidate bytea) RETURNS bytea
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public
        AS $$
        DECLARE
          recipient uuid;
          kept bytea;
        BEGIN
          SELECT l.user_id INTO recipient
            FROM outcome_link l
            JOIN outcome_request r ON r.tenant_id = l.tenant_id AND r.id = l.request_id
            JOIN outcome_link_unspent u ON u.tenant_id = l.tenant_id AND u.link_id = l.id
           WHERE l.token_hash = sha256(convert_to(p_token, 'UTF8')) AND r.closes_at > now()
             AND l.tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid;
          IF recipient IS NULL THEN
            RETURN NULL;
          END IF;
          INSERT INTO outcome_pairing_salt (user_id, salt) VALUES (recipient, p_candidate) ON CONFLICT (user_id) DO NOTHING;
          SELECT s.salt INTO kept FROM outcome_pairing_salt s WHERE s.user_id = recipient;
          RETURN kept;
        END $$;

      -- The signed-in person's own salt (to find their own measurements); null if they have none.
      CREATE FUNCTION outcome_own_pairing_salt() RETURNS bytea
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public
        AS $$
          SELECT s.salt FROM outcome_pairing_salt s
           WHERE s.user_id = NULLIF(current_setting('app.user_id', true), '')::uuid
        $$;

      -- Erases a person's salt: their own (app.user_id) or, for a platform admin, anyone's.
      -- True when there was one to erase.
      CREATE FUNCTION outcome_erase_pairing(p_user_id uuid) RETURNS boolean
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public
        AS $$
        BEGIN
          IF p_user_id IS DISTINCT FROM NULLIF(current_setting('app.user_id', true), '')::uuid AND NOT app_acts_as_platform_admin() THEN
            RETURN false;
          END IF;
          DELETE FROM outcome_pairing_salt WHERE user_id = p_user_id;
          RETURN FOUND;
        END $$;
    `);
    for (const signature of ['outcome_link_by_token(bytea)', 'outcome_link_pairing_salt(text, bytea)', 'outcome_own_pairing_salt()', 'outcome_erase_pairing(uuid)']) {
      await queryRunner.query(`REVOKE ALL ON FUNCTION ${signature} FROM PUBLIC; GRANT EXECUTE ON FUNCTION ${signature} TO ${APP_ROLE};`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DROP FUNCTION outcome_erase_pairing(uuid);
      DROP FUNCTION outcome_own_pairing_salt();
      DROP FUNCTION outcome_link_pairing_salt(text, bytea);
      DROP FUNCTION outcome_link_by_token(bytea);
      DROP TABLE outcome_pairing_salt, outcome_link_unspent, outcome_link, outcome_request;
    `);
  }
}

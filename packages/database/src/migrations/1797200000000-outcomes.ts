import type { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_ROLE } from '../database-config';

/**
 * Outcome measures (context `outcomes`), part 1: the instruments, the organisation's licence
 * confirmations, each programme's measurement plan, and the pseudonymous measurements' table.
 *
 * - `outcome_instrument` (platform): the instruments the platform ships, one row per key and
 *   version, written at the API's start-up from `@lena/domain`'s definitions. A licence-only entry
 *   (ProQOL) has a licence and no definition: its wording is not ours to hold until we are given it.
 * - `tenant_outcome_instrument` (tenant): an instrument a platform admin added for one
 *   organisation. A separate tenant table rather than a nullable `tenant_id` on the first: a tenant
 *   table keeps `tenant_id` in its key and its forced row-level security like every other, and one
 *   organisation's own questionnaire is never a row another can read.
 * - `outcome_measurement` (tenant): one person's scores at one point of a programme, with NO
 *   person: a pseudonym (an HMAC of the person under the programme's secret, computed by the API or
 *   worker) pairs their baseline with their final, and nothing joins it back. No time either.
 * - Once a measurement uses an instrument version, a trigger refuses any change to it (or its
 *   deletion): figures over two wordings would not mean anything. A change is a new version.
 * - `outcome_pairing_secret` (platform, hidden): each programme's pairing key, outside the
 *   tenant's rows. The application role has no privilege on it at all (`grantAppRole` revokes
 *   them); `outcome_pairing_secret(programme_id, candidate)` (SECURITY DEFINER) stores the
 *   candidate the first time and returns the stored key, only within the programme's own
 *   organisation. Deleting a row makes that programme's past pseudonyms unrecomputable.
 * - `tenant_instrument_licence` (tenant): who confirmed a licence for the organisation, and when.
 * - `programme_outcome_plan` and `programme_outcome_instrument` (tenant): what a programme asks
 *   (instrument key and version) and when (midpoint on or off, follow-up months). The windows
 *   themselves are computed on read from the programme's sessions, so moving a session moves them.
 */
export class Outcomes1797200000000 implements MigrationInterface {
  name = 'Outcomes1797200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE outcome_instrument (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        key text NOT NULL,
        version integer NOT NULL CONSTRAINT outcome_instrument_version_check CHECK (version >= 1),
        title text NOT NULL,
        licence jsonb NOT NULL,
        definition jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT outcome_instrument_pkey PRIMARY KEY (id),
        CONSTRAINT outcome_instrument_key_version_key UNIQUE (key, version)
      );

      CREATE TABLE tenant_outcome_instrument (
        tenant_id uuid NOT NULL,
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        key text NOT NULL CONSTRAINT tenant_outcome_instrument_key_check CHECK (key ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
        version integer NOT NULL CONSTRAINT tenant_outcome_instrument_version_check CHECK (version >= 1),
        title text NOT NULL,
        licence jsonb NOT NULL,
        definition jsonb NOT NULL,
        created_by uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT tenant_outcome_instrument_pkey PRIMARY KEY (tenant_id, id),
        CONSTRAINT tenant_outcome_instrument_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES tenant (id),
        CONSTRAINT tenant_outcome_instrument_created_by_fkey FOREIGN KEY (created_by) REFERENCES user_account (id)
      );
      CREATE UNIQUE INDEX tenant_outcome_instrument_key_version_key ON tenant_outcome_instrument (tenant_id, key, version);

      CREATE TABLE outcome_measurement (
        tenant_id uuid NOT NULL,
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        programme_id uuid NOT NULL,
        instrument_key text NOT NULL,
        instrument_version integer NOT NULL,
        point text NOT NULL CONSTRAINT outcome_measurement_point_check CHECK (point IN ('BASELINE', 'MIDPOINT', 'FINAL', 'FOLLOW_UP')),
        pseudonym text NOT NULL,
        scores jsonb NOT NULL,
        CONSTRAINT outcome_measurement_pkey PRIMARY KEY (tenant_id, id),
        CONSTRAINT outcome_measurement_tenant_id_programme_id_fkey FOREIGN KEY (tenant_id, programme_id) REFERENCES programme (tenant_id, id) ON DELETE CASCADE
      );
      -- One answer per person, instrument and point; and the lookup the immutability trigger makes.
      CREATE UNIQUE INDEX outcome_measurement_pseudonym_key ON outcome_measurement (tenant_id, programme_id, instrument_key, point, pseudonym);
      CREATE INDEX outcome_measurement_by_instrument ON outcome_measurement (instrument_key, instrument_version);

      CREATE TABLE outcome_pairing_secret (
        programme_id uuid NOT NULL,
        secret bytea NOT NULL CONSTRAINT outcome_pairing_secret_secret_check CHECK (length(secret) = 32),
        CONSTRAINT outcome_pairing_secret_pkey PRIMARY KEY (programme_id)
      );

      CREATE TABLE tenant_instrument_licence (
        tenant_id uuid NOT NULL,
        instrument_key text NOT NULL,
        confirmed_by uuid NOT NULL,
        confirmed_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT tenant_instrument_licence_pkey PRIMARY KEY (tenant_id, instrument_key),
        CONSTRAINT tenant_instrument_licence_tenant_id_fkey FOREIGN KEY (tenant_id) REFERENCES tenant (id),
        CONSTRAINT tenant_instrument_licence_confirmed_by_fkey FOREIGN KEY (confirmed_by) REFERENCES user_account (id)
      );

      CREATE TABLE programme_outcome_plan (
        tenant_id uuid NOT NULL,
        programme_id uuid NOT NULL,
        midpoint boolean NOT NULL,
        follow_up_months integer CONSTRAINT programme_outcome_plan_follow_up_months_check CHECK (follow_up_months BETWEEN 1 AND 12),
        updated_by uuid NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT programme_outcome_plan_pkey PRIMARY KEY (tenant_id, programme_id),
        CONSTRAINT programme_outcome_plan_tenant_id_programme_id_fkey FOREIGN KEY (tenant_id, programme_id) REFERENCES programme (tenant_id, id) ON DELETE CASCADE,
        CONSTRAINT programme_outcome_plan_updated_by_fkey FOREIGN KEY (updated_by) REFERENCES user_account (id)
      );

      CREATE TABLE programme_outcome_instrument (
        tenant_id uuid NOT NULL,
        programme_id uuid NOT NULL,
        instrument_key text NOT NULL,
        instrument_version integer NOT NULL,
        CONSTRAINT programme_outcome_instrument_pkey PRIMARY KEY (tenant_id, programme_id, instrument_key),
        CONSTRAINT programme_outcome_instrument_tenant_id_programme_id_fkey FOREIGN KEY (tenant_id, programme_id) REFERENCES programme_outcome_plan (tenant_id, programme_id) ON DELETE CASCADE
      );
    `);

    for (const table of ['tenant_outcome_instrument', 'outcome_measurement', 'tenant_instrument_licence', 'programme_outcome_plan', 'programme_outcome_instrument']) {
      await queryRunner.query(`
        ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY;
        ALTER TABLE ${table} FORCE ROW LEVEL SECURITY;
        CREATE POLICY tenant_isolation ON ${table}
          USING (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid)
          WITH CHECK (tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid);
      `);
    }

    await queryRunner.query(`
      -- An instrument version a measurement has used never changes. SECURITY DEFINER so the check
      -- on a shipped instrument sees every organisation's measurements.
      CREATE FUNCTION outcome_instrument_immutable_once_used() RETURNS trigger
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public
        AS $$
        BEGIN
          IF EXISTS (SELECT 1 FROM outcome_measurement m
                      WHERE m.instrument_key = OLD.key AND m.instrument_version = OLD.version
                        AND (TG_TABLE_NAME = 'outcome_instrument' OR m.tenant_id = (to_jsonb(OLD) ->> 'tenant_id')::uuid)) THEN
            RAISE EXCEPTION 'outcome instrument % version % has been answered and cannot be changed', OLD.key, OLD.version
              USING ERRCODE = 'integrity_constraint_violation';
          END IF;
          RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
        END $$;
      CREATE TRIGGER outcome_instrument_immutable BEFORE UPDATE OR DELETE ON outcome_instrument
        FOR EACH ROW EXECUTE FUNCTION outcome_instrument_immutable_once_used();
      CREATE TRIGGER tenant_outcome_instrument_immutable BEFORE UPDATE OR DELETE ON tenant_outcome_instrument
        FOR EACH ROW EXECUTE FUNCTION outcome_instrument_immutable_once_used();

      -- A programme's pairing key, for a unit of work in the programme's own organisation only:
      -- stores the caller's random candidate the first time, and returns the key kept.
      CREATE FUNCTION outcome_pairing_secret(p_programme_id uuid, p_candidate bytea) RETURNS bytea
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public
        AS $$
        DECLARE
          kept bytea;
        BEGIN
          IF NOT EXISTS (SELECT 1 FROM programme p
                          WHERE p.id = p_programme_id AND p.tenant_id = NULLIF(current_setting('app.tenant_id', true), '')::uuid) THEN
            RETURN NULL;
          END IF;
          INSERT INTO outcome_pairing_secret (programme_id, secret) VALUES (p_programme_id, p_candidate) ON CONFLICT (programme_id) DO NOTHING;
          SELECT s.secret INTO kept FROM outcome_pairing_secret s WHERE s.programme_id = p_programme_id;
          RETURN kept;
        END $$;
    `);
    for (const signature of ['outcome_pairing_secret(uuid, bytea)', 'outcome_instrument_immutable_once_used()']) {
      await queryRunner.query(`REVOKE ALL ON FUNCTION ${signature} FROM PUBLIC; GRANT EXECUTE ON FUNCTION ${signature} TO ${APP_ROLE};`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DROP FUNCTION outcome_pairing_secret(uuid, bytea);
      DROP TABLE programme_outcome_instrument, programme_outcome_plan, tenant_instrument_licence, outcome_pairing_secret, outcome_measurement, tenant_outcome_instrument, outcome_instrument;
      DROP FUNCTION outcome_instrument_immutable_once_used();
    `);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_ROLE } from '../database-config';

/**
 * The few reads that must cross organisations, as narrow functions instead of wider policies.
 *
 * Row-level security shows a request one organisation's rows, but two steps of running programmes
 * need more: checking a facilitator's other sessions when a schedule is proposed (they work for
 * many organisations), and the platform admins' pipeline of programmes waiting on them (requests to
 * propose, proposals awaiting acceptance), which spans every organisation. Each function:
 *
 * - answers only when the transaction acts for an active platform admin (`app.user_id`, which the
 *   API sets from the verified session), and nothing otherwise;
 * - returns only what the step needs: busy times are ids and instants (or, for programmes not yet
 *   expanded into sessions, their series), never a title or a name;
 * - runs as the migration owner (SECURITY DEFINER, which the owner's superuser or BYPASSRLS lets
 *   past row-level security) with a fixed search_path, so nothing the caller creates can be
 *   called in its place; only the application role may execute it.
 */
export class ProgrammePlatformReads1796400000000 implements MigrationInterface {
  name = 'ProgrammePlatformReads1796400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION app_acts_as_platform_admin() RETURNS boolean
        LANGUAGE sql STABLE SET search_path = pg_catalog, public
        AS $$
          SELECT EXISTS (
            SELECT 1 FROM platform_role r JOIN user_account u ON u.id = r.user_id
             WHERE r.user_id = NULLIF(current_setting('app.user_id', true), '')::uuid
               AND r.role = 'PLATFORM_ADMIN' AND u.status = 'ACTIVE')
        $$;

      -- When each of these facilitators is already running a session, in every organisation.
      CREATE FUNCTION facilitator_busy_times(p_user_ids uuid[], p_from timestamptz, p_to timestamptz)
        RETURNS TABLE (user_id uuid, session_id uuid, tenant_id uuid, programme_id uuid, starts_at timestamptz, ends_at timestamptz)
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public
        AS $$
          SELECT pf.user_id, s.id, s.tenant_id, s.programme_id, s.starts_at, s.ends_at
            FROM programme_facilitator pf
            JOIN programme p ON p.tenant_id = pf.tenant_id AND p.id = pf.programme_id
            JOIN group_session s ON s.tenant_id = pf.tenant_id AND s.programme_id = pf.programme_id
           WHERE app_acts_as_platform_admin()
             AND pf.user_id = ANY (p_user_ids)
             AND p.status <> 'CANCELLED' AND s.status = 'SCHEDULED'
             AND s.starts_at < p_to AND s.ends_at > p_from
           ORDER BY s.starts_at, s.id
        $$;

      -- The agreed or proposed series of these facilitators' programmes that have no sessions yet
      -- (the worker has not expanded them), in every organisation: the caller expands them with the
      -- domain's rules, so two proposals cannot book one facilitator twice before either has sessions.
      CREATE FUNCTION facilitator_pending_series(p_user_ids uuid[])
        RETURNS TABLE (user_id uuid, tenant_id uuid, programme_id uuid, rrule text, start_local text, start_slots text[], time_zone text, session_minutes integer)
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public
        AS $$
          SELECT pf.user_id, p.tenant_id, p.id, p.rrule, to_char(p.start_local, 'YYYY-MM-DD"T"HH24:MI:SS'), p.start_slots, p.time_zone, p.session_minutes
            FROM programme_facilitator pf
            JOIN programme p ON p.tenant_id = pf.tenant_id AND p.id = pf.programme_id
           WHERE app_acts_as_platform_admin()
             AND pf.user_id = ANY (p_user_ids)
             AND p.status IN ('PROPOSED', 'ACCEPTED') AND p.rrule IS NOT NULL AND p.start_local IS NOT NULL
             AND NOT EXISTS (SELECT 1 FROM group_session s WHERE s.tenant_id = p.tenant_id AND s.programme_id = p.id)
           ORDER BY p.tenant_id, p.id
        $$;

      -- The organisation a programme belongs to, for a platform admin about to work in it.
      CREATE FUNCTION platform_programme_tenant(p_programme_id uuid) RETURNS uuid
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public
        AS $$
          SELECT p.tenant_id FROM programme p WHERE p.id = p_programme_id AND app_acts_as_platform_admin() LIMIT 1
        $$;

      -- Programmes waiting on the provider or on their organisation, in every organisation.
      CREATE FUNCTION platform_programme_pipeline()
        RETURNS TABLE (programme programme, tenant_name text, team_name text, enrolled_count integer, facilitators jsonb)
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public
        AS $$
          SELECT p, t.name, tm.name,
                 (SELECT count(*)::int FROM enrolment e WHERE e.tenant_id = p.tenant_id AND e.programme_id = p.id),
                 (SELECT coalesce(jsonb_agg(jsonb_build_object('userId', u.id, 'displayName', u.display_name, 'role', pf.role) ORDER BY pf.role DESC, u.display_name), '[]'::jsonb)
                    FROM programme_facilitator pf JOIN user_account u ON u.id = pf.user_id
                   WHERE pf.tenant_id = p.tenant_id AND pf.programme_id = p.id)
            FROM programme p
            JOIN tenant t ON t.id = p.tenant_id
            JOIN team tm ON tm.tenant_id = p.tenant_id AND tm.id = p.team_id
           WHERE app_acts_as_platform_admin() AND p.status IN ('REQUESTED', 'PROPOSED')
           ORDER BY p.created_at, p.id
        $$;
    `);
    for (const signature of [
      'app_acts_as_platform_admin()',
      'facilitator_busy_times(uuid[], timestamptz, timestamptz)',
      'facilitator_pending_series(uuid[])',
      'platform_programme_tenant(uuid)',
      'platform_programme_pipeline()',
    ]) {
      await queryRunner.query(`REVOKE ALL ON FUNCTION ${signature} FROM PUBLIC; GRANT EXECUTE ON FUNCTION ${signature} TO ${APP_ROLE};`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DROP FUNCTION platform_programme_pipeline();
      DROP FUNCTION platform_programme_tenant(uuid);
      DROP FUNCTION facilitator_pending_series(uuid[]);
      DROP FUNCTION facilitator_busy_times(uuid[], timestamptz, timestamptz);
      DROP FUNCTION app_acts_as_platform_admin();
    `);
  }
}

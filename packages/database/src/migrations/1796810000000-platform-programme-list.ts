import type { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_ROLE } from '../database-config';

/**
 * The platform admins' list of programmes in every organisation, and a per-programme index on the
 * audit log for each programme's history.
 *
 * The list spans organisations, which row-level security (forced) never shows one request, so it
 * is a narrow function like `platform_programme_pipeline` (migration 1796400000000): it answers
 * only when `app.user_id` is an active platform admin, runs as the migration owner with a fixed
 * search_path, and only the application role may execute it. It filters (statuses, organisation,
 * service) and pages (newest first, after a programme's id) in SQL, so a page costs one statement
 * whatever the number of programmes, and counts each programme's sessions beside it: the next one
 * to come, those held (scheduled and ended) and those planned (not cancelled).
 */
export class PlatformProgrammeList1796810000000 implements MigrationInterface {
  name = 'PlatformProgrammeList1796810000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION platform_programmes(p_statuses text[], p_tenant_id uuid, p_service_type text, p_after uuid, p_limit integer)
        RETURNS TABLE (programme programme, tenant_name text, team_name text, enrolled_count integer, facilitators jsonb,
                       next_session_at timestamptz, sessions_held integer, sessions_planned integer)
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public
        AS $$
          SELECT p, t.name, tm.name,
                 (SELECT count(*)::int FROM enrolment e WHERE e.tenant_id = p.tenant_id AND e.programme_id = p.id),
                 (SELECT coalesce(jsonb_agg(jsonb_build_object('userId', u.id, 'displayName', u.display_name, 'role', pf.role) ORDER BY pf.role DESC, u.display_name), '[]'::jsonb)
                    FROM programme_facilitator pf JOIN user_account u ON u.id = pf.user_id
                   WHERE pf.tenant_id = p.tenant_id AND pf.programme_id = p.id),
                 s.next_session_at, s.held, s.planned
            FROM programme p
            JOIN tenant t ON t.id = p.tenant_id
            LEFT JOIN team tm ON tm.tenant_id = p.tenant_id AND tm.id = p.team_id
            CROSS JOIN LATERAL (
              SELECT min(gs.starts_at) FILTER (WHERE gs.status = 'SCHEDULED' AND gs.starts_at > now()) AS next_session_at,
                     count(*) FILTER (WHERE gs.status = 'SCHEDULED' AND gs.ends_at <= now())::int AS held,
                     count(*) FILTER (WHERE gs.status = 'SCHEDULED')::int AS planned
                FROM group_session gs WHERE gs.tenant_id = p.tenant_id AND gs.programme_id = p.id) s
           WHERE app_acts_as_platform_admin()
             AND p.status = ANY (p_statuses)
             AND (p_tenant_id IS NULL OR p.tenant_id = p_tenant_id)
             AND (p_service_type IS NULL OR p.service_type = p_service_type)
             AND (p_after IS NULL OR (p.created_at, p.id) < (SELECT a.created_at, a.id FROM programme a WHERE a.id = p_after))
           ORDER BY p.created_at DESC, p.id DESC
           LIMIT least(greatest(p_limit, 1), 101)
        $$;
      REVOKE ALL ON FUNCTION platform_programmes(text[], uuid, text, uuid, integer) FROM PUBLIC;
      GRANT EXECUTE ON FUNCTION platform_programmes(text[], uuid, text, uuid, integer) TO ${APP_ROLE};

      -- A programme's history reads its own events: by organisation, target and order.
      CREATE INDEX audit_event_by_target ON audit_event (tenant_id, target_type, target_id, id);
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DROP INDEX audit_event_by_target;
      DROP FUNCTION platform_programmes(text[], uuid, text, uuid, integer);
    `);
  }
}

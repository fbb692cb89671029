import type { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_ROLE } from '../database-config';

/**
 * Outcome dashboards across organisations (issue 9 §4): the facilitators' (their programmes in
 * every organisation) and the platform admins' (utilisation, facilitator load, feedback
 * benchmarks). Row-level security (forced) shows one request one organisation's rows, so each
 * read that spans organisations is a narrow function like `platform_programmes` (migration
 * 1796810000000): owned by the migration owner, a fixed search_path, executable by the
 * application role only, and answering nothing to anyone else. They return counts, never a
 * person, a response or a comment; the API decides every figure about people with the domain's
 * suppression rule, using each organisation's own minimum group size, which they return beside.
 *
 * - `facilitator_outcome_rollups()`: for `app.user_id`, the rollups of every organisation in
 *   which they are assigned to a programme. A figure of one programme is decided against its
 *   organisation's whole published family (the organisation's total and each programme), as the
 *   organisation's dashboard and the programme's page decide it, so the three never disagree; so
 *   the other programmes' counts are needed, but not their names: a programme not theirs comes
 *   back with no title, team or service type, and the API returns only their own.
 * - `facilitator_subscale_labels()`: the subscale names of those organisations' own instruments
 *   (newest version of each), so a change reads as it does on the organisation's dashboard.
 * - `platform_utilisation(from, to)`: per organisation and month (`YYYY-MM`, in each
 *   programme's own zone): sessions bought (a programme's sessions, placed in the month of its
 *   first session; programmes accepted, active or completed), scheduled (not cancelled) and
 *   delivered, registers marked present or late at delivered sessions and how many distinct
 *   people those were, and the distinct people over the whole period.
 * - `platform_facilitator_load(from, to)`: sessions (not cancelled) per facilitator per month.
 * - `platform_feedback_tallies()`: per organisation and feedback form, the sum of its published
 *   snapshots (`feedback_result_snapshot`, each already at least the organisation's minimum
 *   group size): responses, and each scale item's answers counted by value. No comments.
 */
export class OutcomePlatformDashboards1797850000000 implements MigrationInterface {
  name = 'OutcomePlatformDashboards1797850000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION facilitator_outcome_rollups()
        RETURNS TABLE (tenant_id uuid, tenant_name text, min_group_size integer, programme_id uuid, assigned boolean, title text, team_id uuid, team_name text,
                       service_type text, session_count integer, rolled_up boolean, sessions_bought integer, sessions_planned integer,
                       sessions_delivered integer, sessions_cancelled integer, attendance_marked integer, attendance_present integer,
                       attendees integer, final_month text, months jsonb, subscales jsonb, measurements integer, computed_at timestamptz)
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public
        AS $$
          WITH mine AS (
            SELECT pf.tenant_id, pf.programme_id FROM programme_facilitator pf
             WHERE pf.user_id = NULLIF(current_setting('app.user_id', true), '')::uuid
          )
          SELECT p.tenant_id, t.name, t.min_reporting_group_size, p.id, m.programme_id IS NOT NULL,
                 CASE WHEN m.programme_id IS NOT NULL THEN p.title END,
                 CASE WHEN m.programme_id IS NOT NULL THEN p.team_id END,
                 CASE WHEN m.programme_id IS NOT NULL THEN tm.name END,
                 CASE WHEN m.programme_id IS NOT NULL THEN p.service_type END,
                 CASE WHEN m.programme_id IS NOT NULL THEN p.session_count END,
                 r.programme_id IS NOT NULL,
                 r.sessions_bought, r.sessions_planned, r.sessions_delivered, r.sessions_cancelled, r.attendance_marked, r.attendance_present,
                 r.attendees, r.final_month, r.months, r.published_subscales, r.measurements, r.computed_at
            FROM programme p
            JOIN tenant t ON t.id = p.tenant_id
            JOIN team tm ON tm.tenant_id = p.tenant_id AND tm.id = p.team_id
            LEFT JOIN (SELECT DISTINCT ON (tenant_id, programme_id) tenant_id, programme_id FROM mine) m ON m.tenant_id = p.tenant_id AND m.programme_id = p.id
            LEFT JOIN outcome_rollup r ON r.tenant_id = p.tenant_id AND r.programme_id = p.id
           WHERE p.tenant_id IN (SELECT mine.tenant_id FROM mine)
             AND (m.programme_id IS NOT NULL OR r.programme_id IS NOT NULL)
        $$;
      REVOKE ALL ON FUNCTION facilitator_outcome_rollups() FROM PUBLIC;
      GRANT EXECUTE ON FUNCTION facilitator_outcome_rollups() TO ${APP_ROLE};

      CREATE FUNCTION facilitator_subscale_labels()
        RETURNS TABLE (tenant_id uuid, instrument_key text, subscale_key text, title text)
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public
        AS $$
          SELECT i.tenant_id, i.key, s.subscale ->> 'key', s.subscale ->> 'title'
            FROM (SELECT DISTINCT ON (t.tenant_id, t.key) t.tenant_id, t.key, t.definition
                    FROM tenant_outcome_instrument t
                   WHERE t.tenant_id IN (SELECT pf.tenant_id FROM programme_facilitator pf WHERE pf.user_id = NULLIF(current_setting('app.user_id', true), '')::uuid)
                   ORDER BY t.tenant_id, t.key, t.version DESC) i
            CROSS JOIN LATERAL jsonb_array_elements(CASE WHEN jsonb_typeof(i.definition -> 'subscales') = 'array' THEN i.definition -> 'subscales' ELSE '[]'::jsonb END) AS s (subscale)
        $$;
      REVOKE ALL ON FUNCTION facilitator_subscale_labels() FROM PUBLIC;
      GRANT EXECUTE ON FUNCTION facilitator_subscale_labels() TO ${APP_ROLE};

      CREATE FUNCTION platform_utilisation(p_from text, p_to text)
        RETURNS TABLE (tenant_id uuid, tenant_name text, min_group_size integer, month text, bought integer, scheduled integer, delivered integer,
                       attendances integer, attendees integer, period_attendees integer)
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public
        AS $$
          WITH sessions AS (
            SELECT s.tenant_id, s.id, s.programme_id, s.status, to_char(s.starts_at AT TIME ZONE p.time_zone, 'YYYY-MM') AS month
              FROM group_session s JOIN programme p ON p.tenant_id = s.tenant_id AND p.id = s.programme_id
             WHERE app_acts_as_platform_admin()
               -- A day either side of the period in UTC covers every zone; the month test below decides.
               AND s.starts_at >= to_date(p_from, 'YYYY-MM') - interval '1 day'
               AND s.starts_at < to_date(p_to, 'YYYY-MM') + interval '1 month 1 day'
          ), in_period AS (
            SELECT * FROM sessions WHERE month BETWEEN p_from AND p_to
          ), bought AS (
            SELECT p.tenant_id, first.month, sum(p.session_count)::int AS bought
              FROM programme p
              CROSS JOIN LATERAL (
                SELECT to_char(min(s.starts_at) AT TIME ZONE p.time_zone, 'YYYY-MM') AS month
                  FROM group_session s WHERE s.tenant_id = p.tenant_id AND s.programme_id = p.id AND s.status <> 'CANCELLED') first
             WHERE app_acts_as_platform_admin() AND p.status IN ('ACCEPTED', 'ACTIVE', 'COMPLETED') AND first.month BETWEEN p_from AND p_to
             GROUP BY p.tenant_id, first.month
          ), held AS (
            SELECT tenant_id, month, count(*) FILTER (WHERE status <> 'CANCELLED')::int AS scheduled, count(*) FILTER (WHERE status = 'DELIVERED')::int AS delivered
              FROM in_period GROUP BY tenant_id, month
          ), marks AS (
            SELECT s.tenant_id, s.month, a.user_id
              FROM in_period s JOIN attendance a ON a.tenant_id = s.tenant_id AND a.session_id = s.id
             WHERE s.status = 'DELIVERED' AND a.status IN ('PRESENT', 'LATE')
          ), attended AS (
            SELECT tenant_id, month, count(*)::int AS attendances, count(DISTINCT user_id)::int AS attendees FROM marks GROUP BY tenant_id, month
          ), people AS (
            SELECT tenant_id, count(DISTINCT user_id)::int AS attendees FROM marks GROUP BY tenant_id
          ), keys AS (
            SELECT tenant_id, month FROM bought UNION SELECT tenant_id, month FROM held
          )
          SELECT t.id, t.name, t.min_reporting_group_size, k.month, coalesce(b.bought, 0), coalesce(h.scheduled, 0), coalesce(h.delivered, 0),
                 coalesce(a.attendances, 0), coalesce(a.attendees, 0), coalesce(pp.attendees, 0)
            FROM keys k
            JOIN tenant t ON t.id = k.tenant_id
            LEFT JOIN bought b ON b.tenant_id = k.tenant_id AND b.month = k.month
            LEFT JOIN held h ON h.tenant_id = k.tenant_id AND h.month = k.month
            LEFT JOIN attended a ON a.tenant_id = k.tenant_id AND a.month = k.month
            LEFT JOIN people pp ON pp.tenant_id = k.tenant_id
           ORDER BY t.name, t.id, k.month
        $$;
      REVOKE ALL ON FUNCTION platform_utilisation(text, text) FROM PUBLIC;
      GRANT EXECUTE ON FUNCTION platform_utilisation(text, text) TO ${APP_ROLE};

      CREATE FUNCTION platform_facilitator_load(p_from text, p_to text)
        RETURNS TABLE (user_id uuid, display_name text, month text, sessions integer)
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public
        AS $$
          SELECT u.id, u.display_name, m.month, count(*)::int
            FROM programme_facilitator pf
            JOIN user_account u ON u.id = pf.user_id
            JOIN programme p ON p.tenant_id = pf.tenant_id AND p.id = pf.programme_id
            JOIN group_session s ON s.tenant_id = pf.tenant_id AND s.programme_id = pf.programme_id
            CROSS JOIN LATERAL (SELECT to_char(s.starts_at AT TIME ZONE p.time_zone, 'YYYY-MM') AS month) m
           WHERE app_acts_as_platform_admin()
             AND s.status <> 'CANCELLED'
             AND s.starts_at >= to_date(p_from, 'YYYY-MM') - interval '1 day'
             AND s.starts_at < to_date(p_to, 'YYYY-MM') + interval '1 month 1 day'
             AND m.month BETWEEN p_from AND p_to
           GROUP BY u.id, u.display_name, m.month
        $$;
      REVOKE ALL ON FUNCTION platform_facilitator_load(text, text) FROM PUBLIC;
      GRANT EXECUTE ON FUNCTION platform_facilitator_load(text, text) TO ${APP_ROLE};

      CREATE FUNCTION platform_feedback_tallies()
        RETURNS TABLE (tenant_id uuid, tenant_name text, min_group_size integer, instrument_id uuid, responses integer, tallies jsonb)
        LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, public
        AS $$
          WITH published AS (
            SELECT snap.tenant_id, r.instrument_id, snap.responses, snap.tallies
              FROM feedback_result_snapshot snap
              JOIN feedback_request r ON r.tenant_id = snap.tenant_id AND r.id = snap.request_id
             WHERE app_acts_as_platform_admin()
          ), per_value AS (
            SELECT p.tenant_id, p.instrument_id, item.key AS item_id, v.position, sum(v.count::int)::int AS count
              FROM published p
              CROSS JOIN LATERAL jsonb_each(p.tallies) AS item (key, counts)
              CROSS JOIN LATERAL jsonb_array_elements_text(item.counts) WITH ORDINALITY AS v (count, position)
             GROUP BY p.tenant_id, p.instrument_id, item.key, v.position
          ), per_item AS (
            SELECT tenant_id, instrument_id, jsonb_object_agg(item_id, counts) AS tallies
              FROM (SELECT tenant_id, instrument_id, item_id, jsonb_agg(count ORDER BY position) AS counts FROM per_value GROUP BY tenant_id, instrument_id, item_id) i
             GROUP BY tenant_id, instrument_id
          ), totals AS (
            SELECT tenant_id, instrument_id, sum(responses)::int AS responses FROM published GROUP BY tenant_id, instrument_id
          )
          SELECT t.id, t.name, t.min_reporting_group_size, tot.instrument_id, tot.responses, coalesce(pi.tallies, '{}'::jsonb)
            FROM totals tot
            JOIN tenant t ON t.id = tot.tenant_id
            LEFT JOIN per_item pi ON pi.tenant_id = tot.tenant_id AND pi.instrument_id = tot.instrument_id
           ORDER BY t.name, t.id
        $$;
      REVOKE ALL ON FUNCTION platform_feedback_tallies() FROM PUBLIC;
      GRANT EXECUTE ON FUNCTION platform_feedback_tallies() TO ${APP_ROLE};
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DROP FUNCTION platform_feedback_tallies();
      DROP FUNCTION platform_facilitator_load(text, text);
      DROP FUNCTION platform_utilisation(text, text);
      DROP FUNCTION facilitator_subscale_labels();
      DROP FUNCTION facilitator_outcome_rollups();
    `);
  }
}

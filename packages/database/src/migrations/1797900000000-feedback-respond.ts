import type { MigrationInterface, QueryRunner } from 'typeorm';
import { APP_ROLE } from '../database-config';

/**
 * Answering a feedback link in one statement: `feedback_respond(token hash, instrument, answers)`
 * finds the link by its secret's hash, and only when the link's request asks that instrument and
 * is still open, spends the link and stores the answers, all in the statement's own transaction.
 *
 * Why: a submission used to be two round trips (the link found by `feedback_link_by_token`, then
 * the spend and store in the organisation's unit of work), and the feedback page's submissions are
 * its hot path (`pnpm bench`: feedback-submissions). The page says which form it answers (the one
 * it was shown), so the API checks the answers against that instrument before the statement, and
 * the statement refuses to store them against any other.
 *
 * SECURITY DEFINER like `feedback_link_by_token`, because the organisation is not known until the
 * link is found. It writes only the rows the old path wrote, with the link's own organisation: the
 * DELETE of the unspent marker (of concurrent submissions with one link, one deletes it and the
 * others find nothing, and store nothing) and the response, which carries no person, no link and
 * no time. It returns what the caller needs to answer and to nudge the worker: the organisation,
 * the request, its instrument and closing time, whether the link was unspent and whether the
 * answers were stored. Never the recipient.
 */
export class FeedbackRespond1797900000000 implements MigrationInterface {
  name = 'FeedbackRespond1797900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION feedback_respond(p_token_hash bytea, p_instrument_id uuid, p_answers jsonb)
        RETURNS TABLE (tenant_id uuid, request_id uuid, instrument_id uuid, closes_at timestamptz, unspent boolean, stored boolean)
        LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public
        AS $$
        DECLARE
          v_link_id uuid;
        BEGIN
          SELECT l.tenant_id, l.id, r.id, r.instrument_id, r.closes_at
            INTO tenant_id, v_link_id, request_id, instrument_id, closes_at
            FROM feedback_link l
            JOIN feedback_request r ON r.tenant_id = l.tenant_id AND r.id = l.request_id
           WHERE l.token_hash = p_token_hash;
          IF NOT FOUND THEN
            RETURN;
          END IF;
          stored := false;
          IF instrument_id = p_instrument_id AND closes_at > now() THEN
            DELETE FROM feedback_link_unspent u WHERE u.tenant_id = feedback_respond.tenant_id AND u.link_id = v_link_id;
            stored := FOUND;
            IF stored THEN
              INSERT INTO feedback_response (tenant_id, request_id, answers) VALUES (feedback_respond.tenant_id, feedback_respond.request_id, p_answers);
            END IF;
            unspent := stored;
          ELSE
            unspent := EXISTS (SELECT 1 FROM feedback_link_unspent u WHERE u.tenant_id = feedback_respond.tenant_id AND u.link_id = v_link_id);
          END IF;
          RETURN NEXT;
        END $$;
      REVOKE ALL ON FUNCTION feedback_respond(bytea, uuid, jsonb) FROM PUBLIC;
      GRANT EXECUTE ON FUNCTION feedback_respond(bytea, uuid, jsonb) TO ${APP_ROLE};
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION feedback_respond(bytea, uuid, jsonb);`);
  }
}

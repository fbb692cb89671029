import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Private calendar subscriptions: a person's secret feed URL that a calendar app polls for their
 * sessions. Only the token's SHA-256 is kept, as for invitation and password-reset links, so the
 * table cannot hand out a working URL. A platform table: a facilitator's feed crosses every
 * organisation they work for (`tenant_id` NULL); a participant's lists their sessions in one
 * organisation (`tenant_id` set). One live feed per person and organisation; replacing a feed
 * revokes the old one, and a revoked row is kept so the old URL keeps answering 404.
 */
export class CalendarFeeds1796600000000 implements MigrationInterface {
  name = 'CalendarFeeds1796600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE calendar_feed (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES user_account (id),
        tenant_id uuid REFERENCES tenant (id),
        token_hash bytea NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz,
        CONSTRAINT calendar_feed_pkey PRIMARY KEY (id),
        CONSTRAINT calendar_feed_token_hash_key UNIQUE (token_hash)
      );
      -- One live feed per person in each organisation, and one across organisations (NULLs are
      -- distinct in a unique index, hence two; TypeORM cannot write NULLS NOT DISTINCT).
      CREATE UNIQUE INDEX calendar_feed_one_live ON calendar_feed (user_id, tenant_id) WHERE revoked_at IS NULL AND tenant_id IS NOT NULL;
      CREATE UNIQUE INDEX calendar_feed_one_live_everywhere ON calendar_feed (user_id) WHERE revoked_at IS NULL AND tenant_id IS NULL;
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE calendar_feed');
  }
}

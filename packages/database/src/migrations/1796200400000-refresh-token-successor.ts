import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A refresh token records the token that replaced it, and a session holds at most one unspent
 * token. Before, two tabs refreshing together with one token each got a fresh token: two live
 * chains in one session, so a copied token could live on beside the real one. Now a refresh
 * inside the grace window supersedes the one live token instead of adding a second.
 *
 * The successor is written before it exists (the old token is spent first, so that the unique
 * index never sees two unspent tokens): the foreign key is checked at commit.
 */
export class RefreshTokenSuccessor1796200400000 implements MigrationInterface {
  name = 'RefreshTokenSuccessor1796200400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE refresh_token ADD COLUMN replaced_by uuid
        REFERENCES refresh_token (id) ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED;
      -- Sessions that already forked keep only their newest unspent token.
      UPDATE refresh_token r SET used_at = now()
        WHERE r.used_at IS NULL
          AND EXISTS (SELECT 1 FROM refresh_token n
                       WHERE n.session_id = r.session_id AND n.used_at IS NULL
                         AND (n.created_at, n.id) > (r.created_at, r.id));
      CREATE UNIQUE INDEX refresh_token_one_unspent_per_session ON refresh_token (session_id) WHERE used_at IS NULL;
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DROP INDEX refresh_token_one_unspent_per_session;
      ALTER TABLE refresh_token DROP COLUMN replaced_by;
    `);
  }
}

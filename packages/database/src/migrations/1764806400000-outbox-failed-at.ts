import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Outbox dead letters get their own mark. Until now a row stopped being relayed once it had
 * failed 24 times, which could not tell "gave up" from "failed a lot", and a message that can
 * never be sent (bad payload) kept being retried. `failed_at` says the worker has given up; a
 * platform admin can clear it to try again.
 */
export class OutboxFailedAt1764806400000 implements MigrationInterface {
  name = 'OutboxFailedAt1764806400000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE outbox_message ADD COLUMN failed_at timestamptz;
      UPDATE outbox_message SET failed_at = now() WHERE delivered_at IS NULL AND attempts >= 24;
      ALTER TABLE outbox_message ADD CONSTRAINT outbox_message_delivered_or_failed
        CHECK (delivered_at IS NULL OR failed_at IS NULL);
      CREATE INDEX outbox_message_failed ON outbox_message (failed_at DESC) WHERE failed_at IS NOT NULL;
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DROP INDEX outbox_message_failed;
      ALTER TABLE outbox_message DROP CONSTRAINT outbox_message_delivered_or_failed, DROP COLUMN failed_at;
    `);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When each enrolled person was sent the invitation to their programme's sessions. People are
 * enrolled once a proposal is accepted, usually after the worker has written the sessions and sent
 * the first invitations, so the organisation's sweep invites each person whose enrolment has none
 * yet (and marks it in the transaction that queues the email: never lost, never twice). Existing
 * enrolments are left uninvited: the sweep sends them theirs (the row-level security of a
 * migration's owner would hide them from an UPDATE here in any case).
 */
export class EnrolmentInvitations1796700000000 implements MigrationInterface {
  name = 'EnrolmentInvitations1796700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE enrolment ADD COLUMN invited_at timestamptz;
      CREATE INDEX enrolment_uninvited ON enrolment (tenant_id) WHERE invited_at IS NULL;
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DROP INDEX enrolment_uninvited;
      ALTER TABLE enrolment DROP COLUMN invited_at;
    `);
  }
}

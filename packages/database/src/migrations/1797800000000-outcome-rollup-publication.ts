import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Outcome rollups publish their figures as feedback results do. `subscales` stays the live
 * figures (always equal to a recompute from the raw rows); `published_subscales` holds, per
 * subscale, the figures as they stood when last published (at n ≥ the minimum group size, then
 * only after that many more pairs), and is all the dashboards read. Were they to read the live
 * figures, one more pair between two reads would show that person's change.
 *
 * Existing rows start with nothing published: the next refresh (a new response, or the nightly
 * run) publishes every subscale that has enough pairs.
 */
export class OutcomeRollupPublication1797800000000 implements MigrationInterface {
  name = 'OutcomeRollupPublication1797800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE outcome_rollup ADD COLUMN published_subscales jsonb NOT NULL DEFAULT '[]';`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE outcome_rollup DROP COLUMN published_subscales;`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Archived teams can be restored, so they keep their names: the unique name index now covers every
 * team that is not deleted (it covered live teams only, so a new team could take an archived
 * team's name and the restore would then clash). Deleting is a soft delete (`deleted_at`) of an
 * archived team: the row stays for the history that will point at it, the name is free again.
 *
 * Archived teams that already share a name with another team are renamed first, keeping the live
 * team's name (or, among archived ones only, the oldest team's), with the archive date and the
 * start of the id added so that the new name is unique and says what happened.
 */
export class TeamRestore1796200300000 implements MigrationInterface {
  name = 'TeamRestore1796200300000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Forced row-level security applies to the owner too, and with no tenant set it would hide
    // every row from the rename below; the whole migration is one transaction, so no one else
    // ever sees the table unforced.
    await queryRunner.query(`
      ALTER TABLE team NO FORCE ROW LEVEL SECURITY;

      ALTER TABLE team ADD COLUMN deleted_at timestamptz;
      ALTER TABLE team ADD CONSTRAINT team_deleted_only_when_archived CHECK (deleted_at IS NULL OR archived_at IS NOT NULL);

      UPDATE team t
         SET name = left(t.name, 89) || ' (archived ' || to_char(t.archived_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') || ' ' || left(t.id::text, 8) || ')',
             updated_at = now()
        FROM (
          SELECT tenant_id, id,
                 row_number() OVER (PARTITION BY tenant_id, lower(name) ORDER BY archived_at NULLS FIRST, created_at, id) AS place
            FROM team
        ) ranked
       WHERE ranked.tenant_id = t.tenant_id AND ranked.id = t.id AND ranked.place > 1;

      DROP INDEX team_live_name_key;
      CREATE UNIQUE INDEX team_name_key ON team (tenant_id, lower(name)) WHERE deleted_at IS NULL;

      ALTER TABLE team FORCE ROW LEVEL SECURITY;
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DROP INDEX team_name_key;
      ALTER TABLE team DROP CONSTRAINT team_deleted_only_when_archived, DROP COLUMN deleted_at;
      CREATE UNIQUE INDEX team_live_name_key ON team (tenant_id, lower(name)) WHERE archived_at IS NULL;
    `);
  }
}

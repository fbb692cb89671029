import { Injectable } from '@nestjs/common';
import { AuditAction } from '@lena/domain';
import { DataSource } from 'typeorm';

/**
 * Note text past its organisation's retention period (`tenant.note_retention_months`), erased a
 * batch per statement. No policy lets the worker read notes (only a programme's assigned
 * facilitators may), so the erasing is done by `delivery_purge_expired_notes` (migration
 * 1796900000000), which returns counts per organisation and no text; the same statement audits
 * each organisation's count. Autocommitted per batch, safe on two replicas (SKIP LOCKED).
 */
@Injectable()
export class NoteRetentionRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Erases up to `batchSize` notes; how many it erased. */
  async purgeBatch(batchSize: number): Promise<number> {
    const rows = (await this.dataSource.query(
      `WITH purged AS (SELECT * FROM delivery_purge_expired_notes($1))
       INSERT INTO audit_event (action, tenant_id, target_type, detail)
       SELECT $2, purged.tenant_id, 'session_note', jsonb_build_object('notes', purged.notes, 'actionItems', purged.action_items, 'by', 'SYSTEM')
         FROM purged
       RETURNING (detail->>'notes')::int AS notes`,
      [batchSize, AuditAction.SESSION_NOTES_PURGED],
    )) as { notes: number }[];
    return rows.reduce((total, row) => total + row.notes, 0);
  }
}

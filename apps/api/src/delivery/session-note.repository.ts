import { Injectable } from '@nestjs/common';
import type { ServiceType, SessionNotes as DomainNotes } from '@lena/domain';
import { requestContext } from '../common/request-context';
import type { ActionItem } from './dtos/delivery.types';

export interface SessionNoteRow {
  kind: ServiceType;
  version: number;
  caseSummaries: string | null;
  strategies: string | null;
  themes: string[];
  themeLine: string | null;
  updatedAt: Date;
  purgedAt: Date | null;
}

/** An action item to write: an existing one keeps its id. */
export interface ActionItemWrite {
  id: string | null;
  text: string;
  sharedWithGroup: boolean;
}

const NOTE_COLUMNS = `kind, version, case_summaries AS "caseSummaries", strategies, themes, theme_line AS "themeLine", updated_at AS "updatedAt", purged_at AS "purgedAt"`;

function textColumns(notes: DomainNotes): [string | null, string | null, string[], string | null] {
  return notes.kind === 'GTS' ? [notes.caseSummaries, notes.strategies, [], null] : [null, null, notes.themes, notes.themeLine];
}

/**
 * A session's confidential notes and action items. Row-level security lets only the programme's
 * assigned facilitators read or write these rows, whatever the statement says; the service has
 * checked the assignment first. Nothing here logs or returns text anywhere but to its caller.
 */
@Injectable()
export class SessionNoteRepository {
  async find(tenantId: string, sessionId: string): Promise<SessionNoteRow | null> {
    const rows = await requestContext().uow.query<SessionNoteRow>(`SELECT ${NOTE_COLUMNS} FROM session_note WHERE tenant_id = $1 AND session_id = $2`, [tenantId, sessionId]);
    return rows[0] ?? null;
  }

  async actionItems(tenantId: string, sessionId: string): Promise<ActionItem[]> {
    return requestContext().uow.query<ActionItem>(
      `SELECT id, text, shared_with_group AS "sharedWithGroup" FROM session_action_item WHERE tenant_id = $1 AND session_id = $2 ORDER BY position`,
      [tenantId, sessionId],
    );
  }

  /** The first notes of a session; false when someone else wrote them first (the key refuses a second row). */
  async create(tenantId: string, sessionId: string, notes: DomainNotes, writtenBy: string): Promise<boolean> {
    const rows = await requestContext().uow.query(
      `INSERT INTO session_note (tenant_id, session_id, kind, case_summaries, strategies, themes, theme_line, written_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (tenant_id, session_id) DO NOTHING RETURNING 1`,
      [tenantId, sessionId, notes.kind, ...textColumns(notes), writtenBy],
    );
    return rows.length > 0;
  }

  /** Replaces the notes if they are still at `version`; false when they have moved on (or were purged). */
  async update(tenantId: string, sessionId: string, version: number, notes: DomainNotes, writtenBy: string): Promise<boolean> {
    const rows = await requestContext().uow.query(
      `UPDATE session_note SET case_summaries = $4, strategies = $5, themes = $6, theme_line = $7, written_by = $8, version = version + 1, updated_at = now()
        WHERE tenant_id = $1 AND session_id = $2 AND version = $3 AND purged_at IS NULL
       RETURNING 1`,
      [tenantId, sessionId, version, ...textColumns(notes), writtenBy],
    );
    return rows.length > 0;
  }

  /** The session's action items become exactly `items`, in order; existing ones keep their ids. */
  async replaceActionItems(tenantId: string, sessionId: string, items: ActionItemWrite[]): Promise<void> {
    await requestContext().uow.query('DELETE FROM session_action_item WHERE tenant_id = $1 AND session_id = $2', [tenantId, sessionId]);
    if (!items.length) return;
    await requestContext().uow.query(
      `INSERT INTO session_action_item (tenant_id, id, session_id, position, text, shared_with_group)
       SELECT $1, coalesce(item.id, gen_random_uuid()), $2, item.position, item.text, item.shared
         FROM unnest($3::uuid[], $4::text[], $5::boolean[]) WITH ORDINALITY AS item (id, text, shared, position)`,
      [tenantId, sessionId, items.map((item) => item.id), items.map((item) => item.text), items.map((item) => item.sharedWithGroup)],
    );
  }

  /** Shares an action item with the group (or stops); null when the session has no such item. `changed` is false when it already was. */
  async setShared(tenantId: string, sessionId: string, itemId: string, shared: boolean): Promise<{ item: ActionItem; changed: boolean } | null> {
    const changed = await requestContext().uow.query<ActionItem>(
      `UPDATE session_action_item SET shared_with_group = $4 WHERE tenant_id = $1 AND session_id = $2 AND id = $3 AND shared_with_group <> $4
       RETURNING id, text, shared_with_group AS "sharedWithGroup"`,
      [tenantId, sessionId, itemId, shared],
    );
    if (changed[0]) return { item: changed[0], changed: true };
    const item = (await this.actionItems(tenantId, sessionId)).find((candidate) => candidate.id === itemId);
    return item ? { item, changed: false } : null;
  }
}

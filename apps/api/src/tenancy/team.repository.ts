import { Injectable } from '@nestjs/common';
import { TeamEntity, TeamMemberEntity } from '@lena/database';
import type { TeamLifecycleState } from '@lena/domain';
import { IsNull } from 'typeorm';
import { requestContext } from '../common/request-context';
import type { Team } from './dtos/team.type';

/** A team as the reads below select it: its own columns and how many members it has. */
interface TeamRow {
  id: string;
  name: string;
  archivedAt: Date | null;
  createdAt: Date;
  memberCount: number;
}

function toTeam(row: TeamRow): Team {
  return { id: row.id, name: row.name, archivedAt: row.archivedAt, createdAt: row.createdAt, memberCount: row.memberCount };
}

// The bare baseline of `pnpm bench` (tooling/bench/src/bare-teams-server.mjs) sends this same list statement.
const TEAM_COLUMNS = `t.id, t.name, t.archived_at AS "archivedAt", t.created_at AS "createdAt",
  (SELECT count(*)::int FROM team_member tm WHERE tm.tenant_id = t.tenant_id AND tm.team_id = t.id) AS "memberCount"`;

/**
 * The `team` and `team_member` tables. Every statement names the tenant; row-level security checks
 * it again. Deleted teams (`deleted_at`) are never read back: they answer as teams that never
 * existed. The reads with a member count stay one raw statement each: the teams list is the
 * request path `pnpm bench` measures.
 */
@Injectable()
export class TeamRepository {
  async list(tenantId: string, includeArchived: boolean): Promise<Team[]> {
    const rows = await requestContext().uow.query<TeamRow>(
      `SELECT ${TEAM_COLUMNS} FROM team t WHERE t.tenant_id = $1 AND t.deleted_at IS NULL AND ($2 OR t.archived_at IS NULL) ORDER BY t.archived_at NULLS FIRST, lower(t.name)`,
      [tenantId, includeArchived],
    );
    return rows.map(toTeam);
  }

  /** The active teams `userId` belongs to. */
  async listForMember(tenantId: string, userId: string): Promise<Team[]> {
    const rows = await requestContext().uow.query<TeamRow>(
      `SELECT ${TEAM_COLUMNS} FROM team t JOIN team_member m ON m.tenant_id = t.tenant_id AND m.team_id = t.id
        WHERE t.tenant_id = $1 AND m.user_id = $2 AND t.archived_at IS NULL AND t.deleted_at IS NULL ORDER BY lower(t.name)`,
      [tenantId, userId],
    );
    return rows.map(toTeam);
  }

  async findById(tenantId: string, id: string): Promise<Team | null> {
    const [row] = await requestContext().uow.query<TeamRow>(`SELECT ${TEAM_COLUMNS} FROM team t WHERE t.tenant_id = $1 AND t.id = $2 AND t.deleted_at IS NULL`, [tenantId, id]);
    return row ? toTeam(row) : null;
  }

  /**
   * The team other than `exceptId` that holds `name` (compared as the unique index `team_name_key`
   * compares it, ignoring case, among teams not deleted), or null when the name is free.
   */
  async findNameHolder(tenantId: string, name: string, exceptId?: string): Promise<TeamLifecycleState | null> {
    const manager = await requestContext().uow.manager();
    const query = manager
      .createQueryBuilder(TeamEntity, 't')
      .select(['t.tenantId', 't.id', 't.archivedAt'])
      .where('t.tenantId = :tenantId AND lower(t.name) = lower(:name) AND t.deletedAt IS NULL', { tenantId, name });
    if (exceptId) query.andWhere('t.id <> :exceptId', { exceptId });
    const holder = await query.getOne();
    return holder ? { archivedAt: holder.archivedAt } : null;
  }

  /** Returns the new team's id. */
  async create(tenantId: string, name: string): Promise<string> {
    const manager = await requestContext().uow.manager();
    const { identifiers } = await manager.insert(TeamEntity, { tenantId, name });
    return String(identifiers[0].id);
  }

  async rename(tenantId: string, id: string, name: string): Promise<void> {
    await this.update(tenantId, id, { name });
  }

  /** Archiving an archived team changes nothing: its original date stays. */
  async archive(tenantId: string, id: string): Promise<void> {
    const manager = await requestContext().uow.manager();
    await manager.update(TeamEntity, { tenantId, id, archivedAt: IsNull() }, { archivedAt: () => 'now()', updatedAt: () => 'now()' });
  }

  async restore(tenantId: string, id: string): Promise<void> {
    await this.update(tenantId, id, { archivedAt: null });
  }

  /** Takes every member out of the team and marks it deleted; the row stays for the records that point at it. */
  async markDeleted(tenantId: string, id: string): Promise<void> {
    const manager = await requestContext().uow.manager();
    await manager.delete(TeamMemberEntity, { tenantId, teamId: id });
    await this.update(tenantId, id, { deletedAt: () => 'now()' });
  }

  /** Adds `userId` to the team; nothing happens when they already belong to it. */
  async addMember(tenantId: string, teamId: string, userId: string): Promise<void> {
    const manager = await requestContext().uow.manager();
    await manager.createQueryBuilder().insert().into(TeamMemberEntity).values({ tenantId, teamId, userId }).orIgnore().updateEntity(false).execute();
  }

  async removeMember(tenantId: string, teamId: string, userId: string): Promise<void> {
    const manager = await requestContext().uow.manager();
    await manager.delete(TeamMemberEntity, { tenantId, teamId, userId });
  }

  private async update(tenantId: string, id: string, changes: { name?: string; archivedAt?: null; deletedAt?: () => string }): Promise<void> {
    const manager = await requestContext().uow.manager();
    await manager.update(TeamEntity, { tenantId, id }, { ...changes, updatedAt: () => 'now()' });
  }
}

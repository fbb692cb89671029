import { Injectable } from '@nestjs/common';
import { oneRow } from '@lena/database';
import { AuditAction, DomainError, parseInput, TeamAction, teamActionRefusal, teamNameSchema, uuidSchema } from '@lena/domain';
import { z } from 'zod';
import { AuditService } from '../audit/audit.service';
import { requestContext } from '../common/request-context';
import type { Team } from './dtos/team.type';

/** Parsed as the input's `name` field, so a form can show the problem beside it. */
const teamInputSchema = z.object({ name: teamNameSchema });

const TEAM_COLUMNS = `t.id, t.name, t.archived_at AS "archivedAt", t.created_at AS "createdAt",
  (SELECT count(*)::int FROM team_member tm WHERE tm.tenant_id = t.tenant_id AND tm.team_id = t.id) AS "memberCount"`;

/**
 * Teams of the principal's own organisation. Every query names the tenant; RLS checks it again.
 * Deleted teams (`deleted_at`) answer as teams that never existed; what may be done to an active
 * or archived team is the domain's rule (`teamActionRefusal`).
 */
@Injectable()
export class TeamService {
  constructor(private readonly audit: AuditService) {}

  list(tenantId: string, includeArchived: boolean): Promise<Team[]> {
    return requestContext().uow.query<Team>(
      `SELECT ${TEAM_COLUMNS} FROM team t WHERE t.tenant_id = $1 AND t.deleted_at IS NULL AND ($2 OR t.archived_at IS NULL) ORDER BY t.archived_at NULLS FIRST, lower(t.name)`,
      [tenantId, includeArchived],
    );
  }

  listForMember(tenantId: string, userId: string): Promise<Team[]> {
    return requestContext().uow.query<Team>(
      `SELECT ${TEAM_COLUMNS} FROM team t JOIN team_member m ON m.tenant_id = t.tenant_id AND m.team_id = t.id
        WHERE t.tenant_id = $1 AND m.user_id = $2 AND t.archived_at IS NULL AND t.deleted_at IS NULL ORDER BY lower(t.name)`,
      [tenantId, userId],
    );
  }

  async get(tenantId: string, id: string): Promise<Team> {
    if (!uuidSchema.safeParse(id).success) throw DomainError.notFound('That team');
    const [team] = await requestContext().uow.query<Team>(`SELECT ${TEAM_COLUMNS} FROM team t WHERE t.tenant_id = $1 AND t.id = $2 AND t.deleted_at IS NULL`, [tenantId, id]);
    if (!team) throw DomainError.notFound('That team');
    return team;
  }

  async create(tenantId: string, rawName: string): Promise<Team> {
    const { name } = parseInput(teamInputSchema, { name: rawName });
    await this.assertNameFree(tenantId, name);
    const created = oneRow(await requestContext().uow.query<{ id: string }>('INSERT INTO team (tenant_id, name) VALUES ($1, $2) RETURNING id', [tenantId, name]), 'team');
    return this.get(tenantId, created.id);
  }

  async rename(tenantId: string, id: string, rawName: string): Promise<Team> {
    const { name } = parseInput(teamInputSchema, { name: rawName });
    await this.getFor(tenantId, id, TeamAction.RENAME);
    await this.assertNameFree(tenantId, name, id);
    await requestContext().uow.query('UPDATE team SET name = $3, updated_at = now() WHERE tenant_id = $1 AND id = $2', [tenantId, id, name]);
    return this.get(tenantId, id);
  }

  async archive(tenantId: string, id: string): Promise<Team> {
    const team = await this.getFor(tenantId, id, TeamAction.ARCHIVE);
    await requestContext().uow.query(
      'UPDATE team SET archived_at = COALESCE(archived_at, now()), updated_at = now() WHERE tenant_id = $1 AND id = $2',
      [tenantId, id],
    );
    await this.recordLifecycle(AuditAction.TEAM_ARCHIVED, tenantId, team);
    return this.get(tenantId, id);
  }

  /** Brings an archived team back with its members. Its name was kept while archived, so it cannot clash. */
  async restore(tenantId: string, id: string): Promise<Team> {
    const team = await this.getFor(tenantId, id, TeamAction.RESTORE);
    await requestContext().uow.query('UPDATE team SET archived_at = NULL, updated_at = now() WHERE tenant_id = $1 AND id = $2', [tenantId, id]);
    await this.recordLifecycle(AuditAction.TEAM_RESTORED, tenantId, team);
    return this.get(tenantId, id);
  }

  /**
   * Deletes an archived team for good: it leaves every list, its members are taken out of it and its
   * name is free again. The row stays (soft delete) for the records that will point at it.
   */
  async delete(tenantId: string, id: string): Promise<string> {
    const team = await this.getFor(tenantId, id, TeamAction.DELETE);
    await requestContext().uow.query('DELETE FROM team_member WHERE tenant_id = $1 AND team_id = $2', [tenantId, id]);
    await requestContext().uow.query('UPDATE team SET deleted_at = now(), updated_at = now() WHERE tenant_id = $1 AND id = $2', [tenantId, id]);
    await this.recordLifecycle(AuditAction.TEAM_DELETED, tenantId, team);
    return id;
  }

  /** The team's name goes in the detail: platform admins read the log without entering the tenant. */
  private recordLifecycle(action: AuditAction, tenantId: string, team: Team): Promise<void> {
    return this.audit.record({ action, tenantId, targetType: 'team', targetId: team.id, detail: { name: team.name } });
  }

  async addMember(tenantId: string, teamId: string, userId: string): Promise<Team> {
    await this.getFor(tenantId, teamId, TeamAction.ADD_MEMBER);
    await this.assertMember(tenantId, userId);
    await requestContext().uow.query(
      'INSERT INTO team_member (tenant_id, team_id, user_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
      [tenantId, teamId, userId],
    );
    return this.get(tenantId, teamId);
  }

  async removeMember(tenantId: string, teamId: string, userId: string): Promise<Team> {
    await this.getFor(tenantId, teamId, TeamAction.REMOVE_MEMBER);
    await this.assertMember(tenantId, userId);
    await requestContext().uow.query('DELETE FROM team_member WHERE tenant_id = $1 AND team_id = $2 AND user_id = $3', [tenantId, teamId, userId]);
    return this.get(tenantId, teamId);
  }

  /**
   * The team an invitation would add its person to. An archived team is refused now, on the form's
   * team field: at acceptance the membership could only be dropped without a word.
   */
  async getToInviteInto(tenantId: string, id: string): Promise<Team> {
    const team = await this.get(tenantId, id);
    const refusal = teamActionRefusal(team, TeamAction.INVITE);
    if (refusal) throw new DomainError('CONFLICT', refusal, [{ field: 'teamId', message: refusal }]);
    return team;
  }

  /** The team, once the domain allows `action` on it; CONFLICT with the domain's reason otherwise. */
  private async getFor(tenantId: string, id: string, action: TeamAction): Promise<Team> {
    const team = await this.get(tenantId, id);
    const refusal = teamActionRefusal(team, action);
    if (refusal) throw DomainError.conflict(refusal);
    return team;
  }

  private async assertMember(tenantId: string, userId: string): Promise<void> {
    const found = uuidSchema.safeParse(userId).success
      ? await requestContext().uow.query('SELECT 1 FROM tenant_membership WHERE tenant_id = $1 AND user_id = $2', [tenantId, userId])
      : [];
    if (!found.length) throw DomainError.notFound('That person');
  }

  /**
   * Every team that is not deleted holds its name, archived ones too (`teamHoldsName`; the unique
   * index `team_name_key` covers the same rows), so that restoring one can never clash.
   */
  private async assertNameFree(tenantId: string, name: string, exceptId?: string): Promise<void> {
    const [taken] = await requestContext().uow.query<{ archived: boolean }>(
      `SELECT archived_at IS NOT NULL AS archived FROM team
        WHERE tenant_id = $1 AND lower(name) = lower($2) AND deleted_at IS NULL AND ($3::uuid IS NULL OR id <> $3)`,
      [tenantId, name, exceptId ?? null],
    );
    if (taken) {
      const message = taken.archived
        ? 'An archived team has that name. Restore it, or rename or delete it first.'
        : 'There is already a team with that name.';
      throw new DomainError('CONFLICT', message, [{ field: 'name', message }]);
    }
  }
}

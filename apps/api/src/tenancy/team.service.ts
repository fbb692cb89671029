import { Injectable } from '@nestjs/common';
import { AuditAction, DomainError, parseInput, TeamAction, teamActionRefusal, teamNameSchema, teamStatus, TeamStatus, uuidSchema } from '@lena/domain';
import { z } from 'zod';
import { AuditService } from '../audit/audit.service';
import type { Team } from './dtos/team.type';
import { MemberRepository } from './member.repository';
import { TeamRepository } from './team.repository';

/** Parsed as the input's `name` field, so a form can show the problem beside it. */
const teamInputSchema = z.object({ name: teamNameSchema });

/**
 * Teams of the principal's own organisation, always asked for by its tenant. Deleted teams answer
 * as teams that never existed; what may be done to an active or archived team is the domain's
 * rule (`teamActionRefusal`).
 */
@Injectable()
export class TeamService {
  constructor(
    private readonly teams: TeamRepository,
    private readonly members: MemberRepository,
    private readonly audit: AuditService,
  ) {}

  list(tenantId: string, includeArchived: boolean): Promise<Team[]> {
    return this.teams.list(tenantId, includeArchived);
  }

  listForMember(tenantId: string, userId: string): Promise<Team[]> {
    return this.teams.listForMember(tenantId, userId);
  }

  async get(tenantId: string, id: string): Promise<Team> {
    const team = uuidSchema.safeParse(id).success ? await this.teams.findById(tenantId, id) : null;
    if (!team) throw DomainError.notFound('That team');
    return team;
  }

  async create(tenantId: string, rawName: string): Promise<Team> {
    const { name } = parseInput(teamInputSchema, { name: rawName });
    await this.assertNameFree(tenantId, name);
    return this.get(tenantId, await this.teams.create(tenantId, name));
  }

  async rename(tenantId: string, id: string, rawName: string): Promise<Team> {
    const { name } = parseInput(teamInputSchema, { name: rawName });
    await this.getFor(tenantId, id, TeamAction.RENAME);
    await this.assertNameFree(tenantId, name, id);
    await this.teams.rename(tenantId, id, name);
    return this.get(tenantId, id);
  }

  async archive(tenantId: string, id: string): Promise<Team> {
    const team = await this.getFor(tenantId, id, TeamAction.ARCHIVE);
    await this.teams.archive(tenantId, id);
    await this.recordLifecycle(AuditAction.TEAM_ARCHIVED, tenantId, team);
    return this.get(tenantId, id);
  }

  /** Brings an archived team back with its members. Its name was kept while archived, so it cannot clash. */
  async restore(tenantId: string, id: string): Promise<Team> {
    const team = await this.getFor(tenantId, id, TeamAction.RESTORE);
    await this.teams.restore(tenantId, id);
    await this.recordLifecycle(AuditAction.TEAM_RESTORED, tenantId, team);
    return this.get(tenantId, id);
  }

  /**
   * Deletes an archived team for good: it leaves every list, its members are taken out of it and its
   * name is free again. The row stays (soft delete) for the records that will point at it.
   */
  async delete(tenantId: string, id: string): Promise<string> {
    const team = await this.getFor(tenantId, id, TeamAction.DELETE);
    await this.teams.markDeleted(tenantId, id);
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
    await this.teams.addMember(tenantId, teamId, userId);
    return this.get(tenantId, teamId);
  }

  async removeMember(tenantId: string, teamId: string, userId: string): Promise<Team> {
    await this.getFor(tenantId, teamId, TeamAction.REMOVE_MEMBER);
    await this.assertMember(tenantId, userId);
    await this.teams.removeMember(tenantId, teamId, userId);
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
    const found = uuidSchema.safeParse(userId).success && (await this.members.exists(tenantId, userId));
    if (!found) throw DomainError.notFound('That person');
  }

  /**
   * Every team that is not deleted holds its name, archived ones too (`teamHoldsName`; the unique
   * index `team_name_key` covers the same rows), so that restoring one can never clash.
   */
  private async assertNameFree(tenantId: string, name: string, exceptId?: string): Promise<void> {
    const holder = await this.teams.findNameHolder(tenantId, name, exceptId);
    if (holder) {
      const message =
        teamStatus(holder) === TeamStatus.ARCHIVED ? 'An archived team has that name. Restore it, or rename or delete it first.' : 'There is already a team with that name.';
      throw new DomainError('CONFLICT', message, [{ field: 'name', message }]);
    }
  }
}

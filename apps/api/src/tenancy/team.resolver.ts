import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { DomainError, TenantRole, type Principal } from '@lena/domain';
import { CurrentPrincipal, Roles } from '../common/auth.decorators';
import { requestContext } from '../common/request-context';
import { Member, Team } from './dtos/team.type';
import { CreateTeamInput, RenameTeamInput, TeamMemberInput } from './dtos/team.inputs';
import { TeamService } from './team.service';
import type { TenancyLoaders } from './tenancy.loaders';

/** Org admins manage their own organisation's teams; the tenant always comes from the principal. */
@Resolver(() => Team)
export class TeamResolver {
  constructor(private readonly teamService: TeamService) {}

  @Roles(TenantRole.ORG_ADMIN)
  @Query(() => [Team])
  teams(@CurrentPrincipal() principal: Principal, @Args('includeArchived', { defaultValue: false }) includeArchived: boolean): Promise<Team[]> {
    return this.teamService.list(principal.tenantId!, includeArchived);
  }

  @Roles(TenantRole.ORG_ADMIN)
  @Query(() => Team)
  team(@CurrentPrincipal() principal: Principal, @Args('id', { type: () => ID }) id: string): Promise<Team> {
    return this.teamService.get(principal.tenantId!, id);
  }

  @Roles(TenantRole.ORG_ADMIN, TenantRole.PARTICIPANT)
  @Query(() => [Team], { description: 'The teams the signed-in person belongs to.' })
  myTeams(@CurrentPrincipal() principal: Principal): Promise<Team[]> {
    return this.teamService.listForMember(principal.tenantId!, principal.userId);
  }

  @ResolveField(() => [Member], { description: 'Visible to organisation administrators.' })
  members(@Parent() team: Team, @Context('loaders') loaders: TenancyLoaders): Promise<Member[]> {
    const principal = requestContext().requirePrincipal();
    if (principal.tenantRole !== TenantRole.ORG_ADMIN || !principal.tenantId) throw DomainError.forbidden();
    return loaders.teamMembers.load(team.id);
  }

  @Roles(TenantRole.ORG_ADMIN)
  @Mutation(() => Team)
  createTeam(@CurrentPrincipal() principal: Principal, @Args('input') input: CreateTeamInput): Promise<Team> {
    return this.teamService.create(principal.tenantId!, input.name);
  }

  @Roles(TenantRole.ORG_ADMIN)
  @Mutation(() => Team)
  renameTeam(@CurrentPrincipal() principal: Principal, @Args('input') input: RenameTeamInput): Promise<Team> {
    return this.teamService.rename(principal.tenantId!, input.id, input.name);
  }

  @Roles(TenantRole.ORG_ADMIN)
  @Mutation(() => Team)
  archiveTeam(@CurrentPrincipal() principal: Principal, @Args('id', { type: () => ID }) id: string): Promise<Team> {
    return this.teamService.archive(principal.tenantId!, id);
  }

  @Roles(TenantRole.ORG_ADMIN)
  @Mutation(() => Team, { description: 'Brings an archived team back, with the members it had.' })
  restoreTeam(@CurrentPrincipal() principal: Principal, @Args('id', { type: () => ID }) id: string): Promise<Team> {
    return this.teamService.restore(principal.tenantId!, id);
  }

  @Roles(TenantRole.ORG_ADMIN)
  @Mutation(() => ID, { description: 'Deletes an archived team for good and frees its name. Returns the team’s id.' })
  deleteTeam(@CurrentPrincipal() principal: Principal, @Args('id', { type: () => ID }) id: string): Promise<string> {
    return this.teamService.delete(principal.tenantId!, id);
  }

  @Roles(TenantRole.ORG_ADMIN)
  @Mutation(() => Team)
  addTeamMember(@CurrentPrincipal() principal: Principal, @Args('input') input: TeamMemberInput): Promise<Team> {
    return this.teamService.addMember(principal.tenantId!, input.teamId, input.userId);
  }

  @Roles(TenantRole.ORG_ADMIN)
  @Mutation(() => Team)
  removeTeamMember(@CurrentPrincipal() principal: Principal, @Args('input') input: TeamMemberInput): Promise<Team> {
    return this.teamService.removeMember(principal.tenantId!, input.teamId, input.userId);
  }
}

import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { TenantRole, type Principal } from '@lena/domain';
import { CurrentPrincipal, CurrentTenant, Roles } from '../common/auth.decorators';
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
  teams(@CurrentTenant() tenantId: string, @Args('includeArchived', { defaultValue: false }) includeArchived: boolean): Promise<Team[]> {
    return this.teamService.list(tenantId, includeArchived);
  }

  @Roles(TenantRole.ORG_ADMIN)
  @Query(() => Team)
  team(@CurrentTenant() tenantId: string, @Args('id', { type: () => ID }) id: string): Promise<Team> {
    return this.teamService.get(tenantId, id);
  }

  @Roles(TenantRole.ORG_ADMIN, TenantRole.PARTICIPANT)
  @Query(() => [Team], { description: 'The teams the signed-in person belongs to.' })
  myTeams(@CurrentTenant() tenantId: string, @CurrentPrincipal() principal: Principal): Promise<Team[]> {
    return this.teamService.listForMember(tenantId, principal.userId);
  }

  // A team reached through any query shows its members only to organisation administrators (the
  // guard runs on field resolvers too: GraphQLModule's fieldResolverEnhancers).
  @Roles(TenantRole.ORG_ADMIN)
  @ResolveField(() => [Member], { description: 'Visible to organisation administrators.' })
  members(@Parent() team: Team, @Context('loaders') loaders: TenancyLoaders): Promise<Member[]> {
    return loaders.teamMembers.load(team.id);
  }

  @Roles(TenantRole.ORG_ADMIN)
  @Mutation(() => Team)
  createTeam(@CurrentTenant() tenantId: string, @Args('input') input: CreateTeamInput): Promise<Team> {
    return this.teamService.create(tenantId, input.name);
  }

  @Roles(TenantRole.ORG_ADMIN)
  @Mutation(() => Team)
  renameTeam(@CurrentTenant() tenantId: string, @Args('input') input: RenameTeamInput): Promise<Team> {
    return this.teamService.rename(tenantId, input.id, input.name);
  }

  @Roles(TenantRole.ORG_ADMIN)
  @Mutation(() => Team)
  archiveTeam(@CurrentTenant() tenantId: string, @Args('id', { type: () => ID }) id: string): Promise<Team> {
    return this.teamService.archive(tenantId, id);
  }

  @Roles(TenantRole.ORG_ADMIN)
  @Mutation(() => Team, { description: 'Brings an archived team back, with the members it had.' })
  restoreTeam(@CurrentTenant() tenantId: string, @Args('id', { type: () => ID }) id: string): Promise<Team> {
    return this.teamService.restore(tenantId, id);
  }

  @Roles(TenantRole.ORG_ADMIN)
  @Mutation(() => ID, { description: 'Deletes an archived team for good and frees its name. Returns the team’s id.' })
  deleteTeam(@CurrentTenant() tenantId: string, @Args('id', { type: () => ID }) id: string): Promise<string> {
    return this.teamService.delete(tenantId, id);
  }

  @Roles(TenantRole.ORG_ADMIN)
  @Mutation(() => Team)
  addTeamMember(@CurrentTenant() tenantId: string, @Args('input') input: TeamMemberInput): Promise<Team> {
    return this.teamService.addMember(tenantId, input.teamId, input.userId);
  }

  @Roles(TenantRole.ORG_ADMIN)
  @Mutation(() => Team)
  removeTeamMember(@CurrentTenant() tenantId: string, @Args('input') input: TeamMemberInput): Promise<Team> {
    return this.teamService.removeMember(tenantId, input.teamId, input.userId);
  }
}

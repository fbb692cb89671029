import { Args, Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import {
  PlatformRole,
  previewStoredSeries,
  programmeActionsFor,
  programmeActorOf,
  programmeWaitingOn,
  ProgrammeLimits,
  ProgrammeListLimits,
  TenantRole,
  type ProgrammeAction as ProgrammeActionValue,
  type Principal,
  type Role as RoleValue,
} from '@lena/domain';
import { CurrentPrincipal, CurrentTenant, Roles } from '../common/auth.decorators';
import { Role } from '../common/graphql-enums';
import { ProgrammeAction } from './dtos/programme-enums';
import { CancelProgrammeInput, ProgrammeListFilter, ProgrammeProposalInput, ProgrammeTransitionInput, ProposeProgrammeInput, RequestProgrammeInput } from './dtos/programme.inputs';
import { Enrolment, MyEnrolment, Programme, ProgrammeConflict, ProgrammeHistoryEntry, ProgrammeListPage, ScheduledTime } from './dtos/programme.type';
import { ProgrammeService } from './programme.service';
import type { ProgrammesLoaders } from './programmes.loaders';

const EVERYONE = [PlatformRole.PLATFORM_ADMIN, PlatformRole.FACILITATOR, TenantRole.ORG_ADMIN, TenantRole.PARTICIPANT];

@Resolver(() => Programme)
export class ProgrammeResolver {
  constructor(private readonly programmeService: ProgrammeService) {}

  @Roles(TenantRole.ORG_ADMIN)
  @Query(() => [Programme], { description: 'The organisation’s programmes, newest first.' })
  programmes(@CurrentTenant() tenantId: string): Promise<Programme[]> {
    return this.programmeService.listInTenant(tenantId);
  }

  @Roles(...EVERYONE)
  @Query(() => Programme, { description: 'One programme the signed-in person may see (enrolled, assigned, or as an admin).' })
  programme(@CurrentPrincipal() principal: Principal, @Args('id', { type: () => ID }) id: string): Promise<Programme> {
    return this.programmeService.get(principal, id);
  }

  @Roles(TenantRole.ORG_ADMIN, TenantRole.PARTICIPANT, PlatformRole.FACILITATOR)
  @Query(() => [Programme], { description: 'Programmes the signed-in person is enrolled in, or (a facilitator) assigned to in every organisation.' })
  myProgrammes(@CurrentPrincipal() principal: Principal): Promise<Programme[]> {
    return this.programmeService.listMine(principal);
  }

  @Roles(PlatformRole.PLATFORM_ADMIN)
  @Query(() => [Programme], { description: 'Requests waiting for a proposal and proposals awaiting acceptance, in every organisation, oldest first.' })
  programmePipeline(): Promise<Programme[]> {
    return this.programmeService.pipeline();
  }

  @Roles(PlatformRole.PLATFORM_ADMIN)
  @Query(() => ProgrammeListPage, { description: 'Programmes in every organisation, newest first: by default those accepted, active, completed or cancelled.' })
  platformProgrammes(
    @Args('filter', { type: () => ProgrammeListFilter, nullable: true }) filter: ProgrammeListFilter | null,
    @Args('first', { type: () => Int, defaultValue: ProgrammeListLimits.defaultPageSize }) first: number,
    @Args('after', { type: () => String, nullable: true, description: 'The `nextCursor` of the page before.' }) after: string | null,
  ): Promise<ProgrammeListPage> {
    return this.programmeService.platformList(filter, first, after);
  }

  @Roles(PlatformRole.PLATFORM_ADMIN)
  @Query(() => [ProgrammeConflict], { description: 'What a proposal would clash with, for live feedback while scheduling. Writes nothing.' })
  programmeConflicts(@Args('input') input: ProgrammeProposalInput): Promise<ProgrammeConflict[]> {
    return this.programmeService.findConflicts(input);
  }

  @Roles(TenantRole.ORG_ADMIN)
  @Mutation(() => Programme)
  requestProgramme(@CurrentPrincipal() principal: Principal, @CurrentTenant() tenantId: string, @Args('input') input: RequestProgrammeInput): Promise<Programme> {
    return this.programmeService.request(principal, tenantId, input);
  }

  @Roles(PlatformRole.PLATFORM_ADMIN)
  @Mutation(() => Programme, { description: 'CONFLICT with `extensions.conflicts` when the schedule clashes, unless overrideReason is given.' })
  proposeProgramme(@CurrentPrincipal() principal: Principal, @Args('input') input: ProposeProgrammeInput): Promise<Programme> {
    return this.programmeService.propose(principal, input);
  }

  @Roles(TenantRole.ORG_ADMIN)
  @Mutation(() => Programme)
  acceptProgramme(@CurrentPrincipal() principal: Principal, @CurrentTenant() tenantId: string, @Args('input') input: ProgrammeTransitionInput): Promise<Programme> {
    return this.programmeService.accept(principal, tenantId, input.programmeId, input.version);
  }

  @Roles(TenantRole.ORG_ADMIN)
  @Mutation(() => Programme, { description: 'Sends a proposal back to the provider for changes.' })
  requestProgrammeChanges(@CurrentPrincipal() principal: Principal, @CurrentTenant() tenantId: string, @Args('input') input: ProgrammeTransitionInput): Promise<Programme> {
    return this.programmeService.requestChanges(principal, tenantId, input.programmeId, input.version);
  }

  @Roles(TenantRole.ORG_ADMIN, PlatformRole.PLATFORM_ADMIN)
  @Mutation(() => Programme)
  cancelProgramme(@CurrentPrincipal() principal: Principal, @Args('input') input: CancelProgrammeInput): Promise<Programme> {
    return this.programmeService.cancel(principal, input);
  }

  @Roles(PlatformRole.PLATFORM_ADMIN)
  @Mutation(() => Programme, { description: 'Marks an accepted programme as running, by hand.' })
  activateProgramme(@CurrentPrincipal() principal: Principal, @Args('input') input: ProgrammeTransitionInput): Promise<Programme> {
    return this.programmeService.activate(principal, input.programmeId, input.version);
  }

  @Roles(PlatformRole.PLATFORM_ADMIN)
  @Mutation(() => Programme, { description: 'Marks a running programme as completed, by hand.' })
  completeProgramme(@CurrentPrincipal() principal: Principal, @Args('input') input: ProgrammeTransitionInput): Promise<Programme> {
    return this.programmeService.complete(principal, input.programmeId, input.version);
  }

  @ResolveField(() => Role, { nullable: true, description: 'Whose move it is: the provider’s platform admins, the organisation’s admins, or nobody’s.' })
  waitingOn(@Parent() programme: Programme): RoleValue | null {
    return programmeWaitingOn(programme.status);
  }

  @ResolveField(() => [ProgrammeAction], { description: 'What the signed-in person may do to the programme now.' })
  availableActions(@Parent() programme: Programme, @CurrentPrincipal() principal: Principal): ProgrammeActionValue[] {
    const actor = programmeActorOf(principal, programme.tenantId);
    return actor ? programmeActionsFor(programme.status, actor) : [];
  }

  @ResolveField(() => [ScheduledTime], { description: 'The first sessions of the series (UTC), for display.' })
  schedulePreview(@Parent() programme: Programme, @Args('first', { type: () => Int, defaultValue: 6 }) first: number): ScheduledTime[] {
    return previewStoredSeries(programme.series, Math.min(Math.max(first, 0), ProgrammeLimits.maxSessions));
  }

  @Roles(TenantRole.ORG_ADMIN)
  @ResolveField(() => [Enrolment], { description: 'Visible to the organisation’s admins only.' })
  enrolments(@Parent() programme: Programme, @Context('loaders') loaders: ProgrammesLoaders): Promise<Enrolment[]> {
    return loaders.programmeEnrolments.load(programme);
  }

  // Participants are refused (FORBIDDEN): the history names who runs the programme and their reasons.
  @Roles(PlatformRole.PLATFORM_ADMIN, PlatformRole.FACILITATOR, TenantRole.ORG_ADMIN)
  @ResolveField(() => [ProgrammeHistoryEntry], {
    description: 'Each step of its life, oldest first. Names show only to the same side (and platform admins); overridden conflicts only to the provider’s staff.',
  })
  history(@Parent() programme: Programme, @Context('loaders') loaders: ProgrammesLoaders): Promise<ProgrammeHistoryEntry[]> {
    return loaders.programmeHistory.load(programme);
  }

  @ResolveField(() => MyEnrolment, { nullable: true, description: 'The signed-in person’s own enrolment, if any.' })
  myEnrolment(@Parent() programme: Programme, @Context('loaders') loaders: ProgrammesLoaders): Promise<MyEnrolment | null> {
    return loaders.myEnrolments.load(programme);
  }
}

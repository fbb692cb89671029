import { Args, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { PlatformRole, TenantRole, type Principal } from '@lena/domain';
import { CurrentPrincipal, Roles } from '../common/auth.decorators';
import { Programme } from '../programmes/dtos/programme.type';
import { ProgrammeOutcomePlan } from './dtos/outcome-instrument.type';
import { SetProgrammeOutcomePlanInput } from './dtos/outcome.inputs';
import { OutcomePlanService } from './outcome-plan.service';

@Resolver(() => Programme)
export class OutcomePlanResolver {
  constructor(private readonly plans: OutcomePlanService) {}

  @Roles(TenantRole.ORG_ADMIN, PlatformRole.PLATFORM_ADMIN)
  @Mutation(() => ProgrammeOutcomePlan, {
    description: 'Sets what a programme measures and when, until it completes. BAD_USER_INPUT for an instrument whose licence the organisation has not confirmed.',
  })
  setProgrammeOutcomePlan(@CurrentPrincipal() principal: Principal, @Args('input') input: SetProgrammeOutcomePlanInput): Promise<ProgrammeOutcomePlan> {
    return this.plans.set(principal, input);
  }

  // Org admins and platform admins only: participants and facilitators are refused (FORBIDDEN).
  @Roles(TenantRole.ORG_ADMIN, PlatformRole.PLATFORM_ADMIN)
  @ResolveField(() => ProgrammeOutcomePlan, { nullable: true, description: 'What the programme measures and when; null until it has a plan.' })
  outcomePlan(@Parent() programme: Programme): Promise<ProgrammeOutcomePlan | null> {
    return this.plans.read(programme.tenantId, programme.id);
  }
}

import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { PlatformRole, type Principal } from '@lena/domain';
import { CurrentPrincipal, Roles } from '../common/auth.decorators';
import { AvailabilityService } from './availability.service';
import { TimeOffInput, WorkingHoursInput } from './dtos/availability.inputs';
import { FacilitatorAvailability } from './dtos/availability.type';

@Resolver(() => FacilitatorAvailability)
export class AvailabilityResolver {
  constructor(private readonly availabilityService: AvailabilityService) {}

  @Roles(PlatformRole.FACILITATOR)
  @Query(() => FacilitatorAvailability)
  myAvailability(@CurrentPrincipal() principal: Principal): Promise<FacilitatorAvailability> {
    return this.availabilityService.get(principal.userId);
  }

  @Roles(PlatformRole.PLATFORM_ADMIN)
  @Query(() => FacilitatorAvailability)
  facilitatorAvailability(@Args('userId', { type: () => ID }) userId: string): Promise<FacilitatorAvailability> {
    return this.availabilityService.get(userId);
  }

  @Roles(PlatformRole.FACILITATOR)
  @Mutation(() => FacilitatorAvailability)
  setMyWorkingHours(@CurrentPrincipal() principal: Principal, @Args('input') input: WorkingHoursInput): Promise<FacilitatorAvailability> {
    return this.availabilityService.setWorkingHours(principal.userId, input);
  }

  @Roles(PlatformRole.FACILITATOR)
  @Mutation(() => FacilitatorAvailability)
  addMyTimeOff(@CurrentPrincipal() principal: Principal, @Args('input') input: TimeOffInput): Promise<FacilitatorAvailability> {
    return this.availabilityService.addTimeOff(principal.userId, input);
  }

  @Roles(PlatformRole.FACILITATOR)
  @Mutation(() => FacilitatorAvailability)
  removeMyTimeOff(@CurrentPrincipal() principal: Principal, @Args('id', { type: () => ID }) id: string): Promise<FacilitatorAvailability> {
    return this.availabilityService.removeTimeOff(principal.userId, id);
  }
}

import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { PlatformRole, type Principal } from '@lena/domain';
import { CurrentPrincipal, Roles } from '../common/auth.decorators';
import { Facilitator } from './dtos/facilitator.type';
import { FacilitatorProfileInput } from './dtos/facilitator.inputs';
import { FacilitatorService } from './facilitator.service';

@Resolver(() => Facilitator)
export class FacilitatorResolver {
  constructor(private readonly facilitatorService: FacilitatorService) {}

  @Roles(PlatformRole.PLATFORM_ADMIN)
  @Query(() => [Facilitator])
  facilitators(): Promise<Facilitator[]> {
    return this.facilitatorService.list();
  }

  @Roles(PlatformRole.PLATFORM_ADMIN)
  @Mutation(() => Facilitator, { description: 'Deactivating signs the facilitator out everywhere at once.' })
  setFacilitatorActive(@Args('userId', { type: () => ID }) userId: string, @Args('active') active: boolean): Promise<Facilitator> {
    return this.facilitatorService.setActive(userId, active);
  }

  @Roles(PlatformRole.FACILITATOR)
  @Query(() => Facilitator)
  myFacilitatorProfile(@CurrentPrincipal() principal: Principal): Promise<Facilitator> {
    return this.facilitatorService.get(principal.userId);
  }

  @Roles(PlatformRole.FACILITATOR)
  @Mutation(() => Facilitator)
  updateMyFacilitatorProfile(@CurrentPrincipal() principal: Principal, @Args('input') input: FacilitatorProfileInput): Promise<Facilitator> {
    return this.facilitatorService.updateProfile(principal.userId, input);
  }
}

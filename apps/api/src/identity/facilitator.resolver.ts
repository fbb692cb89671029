import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { PlatformRole, type Principal } from '@lena/domain';
import { CurrentPrincipal, Roles } from '../common/auth.decorators';
import { Facilitator } from './dtos/facilitator.type';
import { FacilitatorProfileInput, InviteFacilitatorInput } from './dtos/identity.inputs';
import { Invitation } from './dtos/invitation.type';
import { FacilitatorService } from './facilitator.service';
import { InvitationService } from './invitation.service';

@Resolver(() => Facilitator)
export class FacilitatorResolver {
  constructor(
    private readonly facilitatorService: FacilitatorService,
    private readonly invitationService: InvitationService,
  ) {}

  @Roles(PlatformRole.PLATFORM_ADMIN)
  @Query(() => [Facilitator])
  facilitators(): Promise<Facilitator[]> {
    return this.facilitatorService.list();
  }

  @Roles(PlatformRole.PLATFORM_ADMIN)
  @Query(() => [Invitation], { description: 'Invitations of provider staff.' })
  staffInvitations(): Promise<Invitation[]> {
    return this.invitationService.listPlatform();
  }

  @Roles(PlatformRole.PLATFORM_ADMIN)
  @Mutation(() => Invitation)
  inviteFacilitator(@Args('input') input: InviteFacilitatorInput): Promise<Invitation> {
    return this.invitationService.invite({ ...input, role: PlatformRole.FACILITATOR, tenantId: null });
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

import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { PlatformRole, TenantRole, type Principal } from '@lena/domain';
import { AuthService } from '../auth/auth.service';
import { AuthPayload } from '../auth/dtos/viewer.type';
import { CurrentPrincipal, CurrentTenant, Public, Roles } from '../common/auth.decorators';
import { TeamService } from '../tenancy/team.service';
import { TenantService } from '../tenancy/tenant.service';
import { AcceptInvitationInput, InviteFacilitatorInput, InviteOrgAdminInput, InviteParticipantInput } from './dtos/invitation.inputs';
import { Invitation, InvitationPreview } from './dtos/invitation.type';
import { InvitationService } from './invitation.service';

@Resolver(() => Invitation)
export class InvitationResolver {
  constructor(
    private readonly invitationService: InvitationService,
    private readonly auth: AuthService,
    private readonly teamService: TeamService,
    private readonly tenantService: TenantService,
  ) {}

  @Public()
  @Query(() => InvitationPreview)
  invitationPreview(@Args('token') token: string): Promise<InvitationPreview> {
    return this.invitationService.preview(token);
  }

  @Public()
  @Mutation(() => AuthPayload, { description: 'Accepts an invitation and signs the person in.' })
  async acceptInvitation(@Args('input') input: AcceptInvitationInput): Promise<AuthPayload> {
    const claims = await this.invitationService.accept(input);
    return { viewer: await this.auth.viewer(claims as Principal) };
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
  @Mutation(() => Invitation)
  async inviteOrgAdmin(@CurrentPrincipal() principal: Principal, @Args('input') input: InviteOrgAdminInput): Promise<Invitation> {
    const tenant = await this.tenantService.get(principal, input.tenantId);
    return this.invitationService.invite({ email: input.email, displayName: input.displayName, role: TenantRole.ORG_ADMIN, tenantId: tenant.id });
  }

  @Roles(PlatformRole.PLATFORM_ADMIN)
  @Query(() => [Invitation])
  async tenantInvitations(@CurrentPrincipal() principal: Principal, @Args('tenantId', { type: () => ID }) tenantId: string): Promise<Invitation[]> {
    const tenant = await this.tenantService.get(principal, tenantId);
    return this.invitationService.list(tenant.id);
  }

  @Roles(TenantRole.ORG_ADMIN)
  @Query(() => [Invitation])
  invitations(@CurrentTenant() tenantId: string): Promise<Invitation[]> {
    return this.invitationService.list(tenantId);
  }

  @Roles(TenantRole.ORG_ADMIN)
  @Mutation(() => Invitation)
  async inviteParticipant(@CurrentTenant() tenantId: string, @Args('input') input: InviteParticipantInput): Promise<Invitation> {
    const team = input.teamId ? await this.teamService.getToInviteInto(tenantId, input.teamId) : null;
    return this.invitationService.invite({ email: input.email, displayName: input.displayName, role: TenantRole.PARTICIPANT, tenantId, teamId: team?.id });
  }

  @Roles(TenantRole.ORG_ADMIN, PlatformRole.PLATFORM_ADMIN)
  @Mutation(() => Invitation)
  revokeInvitation(@CurrentPrincipal() principal: Principal, @Args('id', { type: () => ID }) id: string): Promise<Invitation> {
    return this.invitationService.revokeAs(principal, id);
  }

  @Roles(TenantRole.ORG_ADMIN, PlatformRole.PLATFORM_ADMIN)
  @Mutation(() => Invitation, { description: 'Emails a fresh link with a fresh expiry; the earlier link stops working.' })
  resendInvitation(@CurrentPrincipal() principal: Principal, @Args('id', { type: () => ID }) id: string): Promise<Invitation> {
    return this.invitationService.resendAs(principal, id);
  }
}

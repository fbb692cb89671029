import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { PlatformRole, TenantRole, isPlatformAdmin, type Principal } from '@lena/domain';
import { CurrentPrincipal, Roles } from '../common/auth.decorators';
import { Invitation } from '../identity/dtos/invitation.type';
import { InvitationService } from '../identity/invitation.service';
import { ChangeMemberRoleInput, InviteParticipantInput } from './dtos/team.inputs';
import { Member } from './dtos/team.type';
import { MemberService } from './member.service';
import { TeamService } from './team.service';

@Resolver(() => Member)
export class MemberResolver {
  constructor(
    private readonly memberService: MemberService,
    private readonly teamService: TeamService,
    private readonly invitationService: InvitationService,
  ) {}

  @Roles(TenantRole.ORG_ADMIN)
  @Query(() => [Member])
  members(@CurrentPrincipal() principal: Principal): Promise<Member[]> {
    return this.memberService.list(principal.tenantId!);
  }

  @Roles(TenantRole.ORG_ADMIN)
  @Mutation(() => Member, { description: 'Signs the person out of this organisation so the new role applies at once.' })
  changeMemberRole(@CurrentPrincipal() principal: Principal, @Args('input') input: ChangeMemberRoleInput): Promise<Member> {
    return this.memberService.changeRole(principal, principal.tenantId!, input.userId, input.role);
  }

  @Roles(TenantRole.ORG_ADMIN)
  @Mutation(() => Boolean)
  async removeMember(@CurrentPrincipal() principal: Principal, @Args('userId', { type: () => ID }) userId: string): Promise<boolean> {
    await this.memberService.remove(principal, principal.tenantId!, userId);
    return true;
  }

  @Roles(TenantRole.ORG_ADMIN)
  @Query(() => [Invitation])
  invitations(@CurrentPrincipal() principal: Principal): Promise<Invitation[]> {
    return this.invitationService.list(principal.tenantId!);
  }

  @Roles(TenantRole.ORG_ADMIN)
  @Mutation(() => Invitation)
  async inviteParticipant(@CurrentPrincipal() principal: Principal, @Args('input') input: InviteParticipantInput): Promise<Invitation> {
    const team = input.teamId ? await this.teamService.getToInviteInto(principal.tenantId!, input.teamId) : null;
    return this.invitationService.invite({ email: input.email, displayName: input.displayName, role: TenantRole.PARTICIPANT, tenantId: principal.tenantId, teamId: team?.id });
  }

  @Roles(TenantRole.ORG_ADMIN, PlatformRole.PLATFORM_ADMIN)
  @Mutation(() => Invitation)
  revokeInvitation(@CurrentPrincipal() principal: Principal, @Args('id', { type: () => ID }) id: string): Promise<Invitation> {
    return isPlatformAdmin(principal) ? this.invitationService.revokeAnywhere(id) : this.invitationService.revoke(id, principal.tenantId);
  }

  @Roles(TenantRole.ORG_ADMIN, PlatformRole.PLATFORM_ADMIN)
  @Mutation(() => Invitation, { description: 'Emails a fresh link with a fresh expiry; the earlier link stops working.' })
  resendInvitation(@CurrentPrincipal() principal: Principal, @Args('id', { type: () => ID }) id: string): Promise<Invitation> {
    return isPlatformAdmin(principal) ? this.invitationService.resendAnywhere(id) : this.invitationService.resend(id, principal.tenantId);
  }
}

import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { TenantRole, type Principal } from '@lena/domain';
import { CurrentPrincipal, CurrentTenant, Roles } from '../common/auth.decorators';
import { ChangeMemberRoleInput } from './dtos/team.inputs';
import { Member } from './dtos/team.type';
import { MemberService } from './member.service';

@Resolver(() => Member)
export class MemberResolver {
  constructor(private readonly memberService: MemberService) {}

  @Roles(TenantRole.ORG_ADMIN)
  @Query(() => [Member])
  members(@CurrentTenant() tenantId: string): Promise<Member[]> {
    return this.memberService.list(tenantId);
  }

  @Roles(TenantRole.ORG_ADMIN)
  @Mutation(() => Member, { description: 'Signs the person out of this organisation so the new role applies at once.' })
  changeMemberRole(@CurrentPrincipal() principal: Principal, @CurrentTenant() tenantId: string, @Args('input') input: ChangeMemberRoleInput): Promise<Member> {
    return this.memberService.changeRole(principal, tenantId, input.userId, input.role);
  }

  @Roles(TenantRole.ORG_ADMIN)
  @Mutation(() => Boolean)
  async removeMember(@CurrentPrincipal() principal: Principal, @CurrentTenant() tenantId: string, @Args('userId', { type: () => ID }) userId: string): Promise<boolean> {
    await this.memberService.remove(principal, tenantId, userId);
    return true;
  }
}

import { Query, Resolver } from '@nestjs/graphql';
import { TenantRole, type Principal } from '@lena/domain';
import { CurrentPrincipal, CurrentTenant, Roles } from '../common/auth.decorators';
import { SharedActionItem } from './dtos/delivery.types';
import { SharedActionItemRepository } from './shared-action-item.repository';

/** What the people in a group see of its sessions' notes: the action items shared with them, nothing else. */
@Resolver()
export class SharedActionItemResolver {
  constructor(private readonly items: SharedActionItemRepository) {}

  @Roles(TenantRole.PARTICIPANT, TenantRole.ORG_ADMIN)
  @Query(() => [SharedActionItem], { description: 'Action items shared with the groups the signed-in person is enrolled in, in this organisation, latest session first.' })
  sharedActionItems(@CurrentPrincipal() principal: Principal, @CurrentTenant() tenantId: string): Promise<SharedActionItem[]> {
    return this.items.forMember(tenantId, principal.userId);
  }
}

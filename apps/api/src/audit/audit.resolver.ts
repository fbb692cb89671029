import { Args, ID, Int, Query, Resolver } from '@nestjs/graphql';
import { PlatformRole } from '@lena/domain';
import { Roles } from '../common/auth.decorators';
import { AuditQueryService } from './audit-query.service';
import { AuditEventPage } from './dtos/audit-event.type';

@Resolver()
export class AuditResolver {
  constructor(private readonly auditQuery: AuditQueryService) {}

  @Roles(PlatformRole.PLATFORM_ADMIN)
  @Query(() => AuditEventPage)
  auditEvents(
    @Args('tenantId', { type: () => ID, nullable: true }) tenantId?: string,
    @Args('action', { nullable: true }) action?: string,
    @Args('cursor', { nullable: true }) cursor?: string,
    @Args('limit', { type: () => Int, nullable: true, defaultValue: 50 }) limit?: number,
  ): Promise<AuditEventPage> {
    return this.auditQuery.page({ tenantId, action, cursor, limit });
  }
}

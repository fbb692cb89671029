import { Args, ID, Query, Resolver } from '@nestjs/graphql';
import { PlatformRole, TenantRole, type Principal } from '@lena/domain';
import { CurrentPrincipal, CurrentTenant, Roles } from '../common/auth.decorators';
import { OutcomeDashboard, OutcomeDashboardFilterInput, ProgrammeOutcomes } from './dtos/outcome-dashboard.type';
import { OutcomeDashboardService } from './outcome-dashboard.service';

@Resolver()
export class OutcomeDashboardResolver {
  constructor(private readonly dashboards: OutcomeDashboardService) {}

  @Roles(TenantRole.ORG_ADMIN)
  @Query(() => OutcomeDashboard, {
    description:
      'The organisation’s outcomes, per programme and across it, from rollups. A figure about fewer people than the minimum group size, or that would let a smaller group be worked out from another, is withheld with its reason.',
  })
  outcomeDashboard(
    @CurrentTenant() tenantId: string,
    @Args('filter', { type: () => OutcomeDashboardFilterInput, nullable: true }) filter?: OutcomeDashboardFilterInput | null,
  ): Promise<OutcomeDashboard> {
    return this.dashboards.dashboard(tenantId, filter);
  }

  @Roles(TenantRole.ORG_ADMIN, PlatformRole.FACILITATOR)
  @Query(() => ProgrammeOutcomes, {
    description: 'One programme’s outcomes for its page: its organisation’s admins and its assigned facilitators.',
  })
  programmeOutcomes(@CurrentPrincipal() principal: Principal, @Args('programmeId', { type: () => ID }) programmeId: string): Promise<ProgrammeOutcomes> {
    return this.dashboards.programme(principal, programmeId);
  }
}

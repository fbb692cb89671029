import { Args, ID, Query, Resolver } from '@nestjs/graphql';
import { PlatformRole, type Principal } from '@lena/domain';
import { CurrentPrincipal, Roles } from '../common/auth.decorators';
import { FacilitatorDashboard, FeedbackBenchmark, PlatformDashboard, PlatformDashboardPeriodInput } from './dtos/cross-tenant-dashboard.type';
import { CrossTenantDashboardService } from './cross-tenant-dashboard.service';

@Resolver()
export class CrossTenantDashboardResolver {
  constructor(private readonly dashboards: CrossTenantDashboardService) {}

  @Roles(PlatformRole.FACILITATOR)
  @Query(() => FacilitatorDashboard, {
    description: 'The facilitator’s own programmes in every organisation, with the figures each organisation’s dashboard shows for them.',
  })
  facilitatorDashboard(@CurrentPrincipal() principal: Principal): Promise<FacilitatorDashboard> {
    return this.dashboards.facilitator(principal);
  }

  @Roles(PlatformRole.PLATFORM_ADMIN)
  @Query(() => PlatformDashboard, {
    description:
      'Every organisation’s utilisation (sessions bought, delivered, attended) per month and each facilitator’s load, over a period (the last twelve months by default).',
  })
  platformDashboard(@Args('period', { type: () => PlatformDashboardPeriodInput, nullable: true }) period?: PlatformDashboardPeriodInput | null): Promise<PlatformDashboard> {
    return this.dashboards.platform(period);
  }

  @Roles(PlatformRole.PLATFORM_ADMIN)
  @Query(() => FeedbackBenchmark, {
    description: 'One organisation’s feedback item means against the platform median (of the organisations’ published means), never another organisation’s own figures.',
  })
  feedbackBenchmark(@Args('tenantId', { type: () => ID }) tenantId: string): Promise<FeedbackBenchmark> {
    return this.dashboards.benchmark(tenantId);
  }
}

import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { PlatformRole, TenantRole, type Principal } from '@lena/domain';
import { CurrentPrincipal, Roles } from '../common/auth.decorators';
import { OutcomeReport, RequestOutcomeReportInput } from './dtos/outcome-report.type';
import { OutcomeReportService } from './outcome-report.service';

@Resolver(() => OutcomeReport)
export class OutcomeReportResolver {
  constructor(private readonly reports: OutcomeReportService) {}

  @Roles(TenantRole.ORG_ADMIN, PlatformRole.PLATFORM_ADMIN)
  @Mutation(() => OutcomeReport, {
    description:
      'Asks for an outcome report (PDF and CSV) of a programme or the whole organisation over a period; the worker builds it and emails a link when it is ready. Org admins: their organisation. Platform admins: the organisation named.',
  })
  requestOutcomeReport(@CurrentPrincipal() principal: Principal, @Args('input') input: RequestOutcomeReportInput): Promise<OutcomeReport> {
    return this.reports.request(principal, input);
  }

  @Roles(TenantRole.ORG_ADMIN, PlatformRole.PLATFORM_ADMIN)
  @Query(() => [OutcomeReport], { description: 'An organisation’s outcome reports, newest first, with their progress. Platform admins name the organisation.' })
  outcomeReports(@CurrentPrincipal() principal: Principal, @Args('tenantId', { type: () => ID, nullable: true }) tenantId: string | null): Promise<OutcomeReport[]> {
    return this.reports.list(principal, tenantId);
  }

  @Roles(TenantRole.ORG_ADMIN, PlatformRole.PLATFORM_ADMIN)
  @Query(() => OutcomeReport, { description: 'One outcome report with its progress and, once ready, its download links.' })
  outcomeReport(
    @CurrentPrincipal() principal: Principal,
    @Args('id', { type: () => ID }) id: string,
    @Args('tenantId', { type: () => ID, nullable: true }) tenantId: string | null,
  ): Promise<OutcomeReport> {
    return this.reports.one(principal, id, tenantId);
  }
}

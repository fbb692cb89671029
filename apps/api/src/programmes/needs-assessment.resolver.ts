import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { TenantRole, type Principal } from '@lena/domain';
import { CurrentPrincipal, CurrentTenant, Roles } from '../common/auth.decorators';
import { SaveNeedsAssessmentInput } from './dtos/needs-assessment.inputs';
import { NeedsAssessment, NeedsAssessmentQuestionnaire } from './dtos/needs-assessment.type';
import { NeedsAssessmentService } from './needs-assessment.service';

@Resolver(() => NeedsAssessment)
export class NeedsAssessmentResolver {
  constructor(private readonly needsAssessmentService: NeedsAssessmentService) {}

  @Roles(TenantRole.ORG_ADMIN)
  @Query(() => NeedsAssessmentQuestionnaire)
  needsAssessmentQuestionnaire(): NeedsAssessmentQuestionnaire {
    return this.needsAssessmentService.questionnaire();
  }

  @Roles(TenantRole.ORG_ADMIN)
  @Query(() => [NeedsAssessment], { description: 'A team’s assessments, newest first.' })
  needsAssessments(@CurrentTenant() tenantId: string, @Args('teamId', { type: () => ID }) teamId: string): Promise<NeedsAssessment[]> {
    return this.needsAssessmentService.listForTeam(tenantId, teamId);
  }

  @Roles(TenantRole.ORG_ADMIN)
  @Mutation(() => NeedsAssessment, { description: 'Saves the answers about a team with the recommendation they give.' })
  saveNeedsAssessment(@CurrentPrincipal() principal: Principal, @CurrentTenant() tenantId: string, @Args('input') input: SaveNeedsAssessmentInput): Promise<NeedsAssessment> {
    return this.needsAssessmentService.save(principal, tenantId, input);
  }
}

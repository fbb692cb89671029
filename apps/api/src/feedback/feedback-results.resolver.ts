import { Args, ID, Query, Resolver } from '@nestjs/graphql';
import { PlatformRole, TenantRole, type Principal } from '@lena/domain';
import { CurrentPrincipal, Roles } from '../common/auth.decorators';
import { FeedbackResults } from './dtos/feedback-results.type';
import { FeedbackResultsService } from './feedback-results.service';

@Resolver()
export class FeedbackResultsResolver {
  constructor(private readonly results: FeedbackResultsService) {}

  @Roles(PlatformRole.FACILITATOR, TenantRole.ORG_ADMIN)
  @Query(() => FeedbackResults, {
    description:
      'A programme’s anonymous feedback, for its assigned facilitators and its organisation’s admins: figures below the minimum group size (or that would reveal a smaller group) are withheld.',
  })
  feedbackResults(@CurrentPrincipal() principal: Principal, @Args('programmeId', { type: () => ID }) programmeId: string): Promise<FeedbackResults> {
    return this.results.programmeResults(principal, programmeId);
  }
}

import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { TenantRole, type Principal } from '@lena/domain';
import { CurrentPrincipal, CurrentTenant, Roles } from '../common/auth.decorators';
import { FeedbackToGive, OpenedFeedbackLink } from './dtos/feedback-to-give.type';
import { FeedbackToGiveService } from './feedback-to-give.service';

/** Org admins can be enrolled in a group too: they give feedback as anyone in it does. */
const MEMBERS = [TenantRole.PARTICIPANT, TenantRole.ORG_ADMIN] as const;

@Resolver()
export class FeedbackToGiveResolver {
  constructor(private readonly feedback: FeedbackToGiveService) {}

  @Roles(...MEMBERS)
  @Query(() => [FeedbackToGive], { description: 'Sessions the signed-in person can still give feedback on, in this organisation. Never anyone’s answers.' })
  feedbackToGive(@CurrentPrincipal() principal: Principal, @CurrentTenant() tenantId: string): Promise<FeedbackToGive[]> {
    return this.feedback.list(principal, tenantId);
  }

  @Roles(...MEMBERS)
  @Mutation(() => OpenedFeedbackLink, { description: 'A fresh link to give feedback on one of feedbackToGive’s sessions; the emailed link stops working.' })
  openFeedbackLink(
    @CurrentPrincipal() principal: Principal,
    @CurrentTenant() tenantId: string,
    @Args('sessionId', { type: () => ID }) sessionId: string,
  ): Promise<OpenedFeedbackLink> {
    return this.feedback.open(principal, tenantId, sessionId);
  }
}

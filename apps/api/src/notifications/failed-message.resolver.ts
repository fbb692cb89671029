import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { PlatformRole } from '@lena/domain';
import { Roles } from '../common/auth.decorators';
import { FailedMessage } from './dtos/failed-message.type';
import { FailedMessageService } from './failed-message.service';

@Resolver()
export class FailedMessageResolver {
  constructor(private readonly service: FailedMessageService) {}

  @Roles(PlatformRole.PLATFORM_ADMIN)
  @Query(() => [FailedMessage], { description: 'Messages the worker gave up on, most recent first.' })
  failedMessages(@Args('limit', { type: () => Int, nullable: true, defaultValue: 50 }) limit: number): Promise<FailedMessage[]> {
    return this.service.list(limit);
  }

  @Roles(PlatformRole.PLATFORM_ADMIN)
  @Mutation(() => Boolean, { description: 'Tries a failed message again, with a fresh set of attempts.' })
  async retryFailedMessage(@Args('id', { type: () => ID }) id: string): Promise<boolean> {
    await this.service.retry(id);
    return true;
  }
}

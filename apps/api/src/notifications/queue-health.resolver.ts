import { Query, Resolver } from '@nestjs/graphql';
import { PlatformRole } from '@lena/domain';
import { Roles } from '../common/auth.decorators';
import { QueueHealth } from './dtos/queue-health.type';
import { QueueHealthService } from './queue-health.service';

@Resolver()
export class QueueHealthResolver {
  constructor(private readonly service: QueueHealthService) {}

  @Roles(PlatformRole.PLATFORM_ADMIN)
  @Query(() => QueueHealth, { description: 'The job queues and the outbox, read now. Platform admins only.' })
  queueHealth(): Promise<QueueHealth> {
    return this.service.read();
  }
}

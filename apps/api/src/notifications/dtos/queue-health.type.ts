import { Field, Int, ObjectType } from '@nestjs/graphql';
import { QueueState } from '@lena/domain';
import '../../common/graphql-enums';

@ObjectType({ description: 'One job queue: what it holds and whether it is being worked.' })
export class QueueStatus {
  @Field({ description: 'The bounded context the queue serves, e.g. "notifications".' }) name: string;
  @Field(() => QueueState) state: QueueState;
  @Field(() => Int, { description: 'Ready to start.' }) waiting: number;
  @Field(() => Int) active: number;
  @Field(() => Int, { description: 'Waiting for their time: retries in backoff, or scheduled.' }) delayed: number;
  @Field(() => Int, { description: 'Used up their attempts (kept a week).' }) failed: number;
  @Field(() => Int, { description: 'Finished recently: kept a day (recurring jobs an hour, at most 100).' }) completed: number;
  @Field(() => Int, { description: 'Worker connections consuming the queue.' }) workers: number;
  @Field(() => Date, { nullable: true }) oldestWaitingAt: Date | null;
}

@ObjectType({ description: 'Messages written with a change and not yet delivered.' })
export class OutboxHealth {
  @Field(() => Int, { description: 'Undelivered and still being tried.' }) pending: number;
  @Field(() => Date, { nullable: true }) oldestPendingAt: Date | null;
  @Field(() => Int, { description: 'Given up on: they wait for someone to try them again.' }) failed: number;
}

@ObjectType()
export class QueueHealth {
  @Field() checkedAt: Date;
  @Field({ description: 'False when Redis did not answer; the queues are then unknown and the list is empty.' }) queuesReachable: boolean;
  @Field(() => Int, { description: 'A queue whose oldest waiting job has waited longer than this is BACKLOGGED.' }) backlogAfterSeconds: number;
  @Field(() => [QueueStatus]) queues: QueueStatus[];
  @Field(() => OutboxHealth) outbox: OutboxHealth;
}

import { Field, ID, Int, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: 'A message the worker gave up on. Its body is never shown: it may hold a sign-in link.' })
export class FailedMessage {
  @Field(() => ID) id: string;
  @Field({ description: 'What it is, e.g. "email".' }) kind: string;
  @Field(() => String, { nullable: true }) recipient: string | null;
  @Field(() => String, { nullable: true }) subject: string | null;
  @Field(() => ID, { nullable: true }) tenantId: string | null;
  @Field(() => String, { nullable: true }) tenantName: string | null;
  @Field(() => Int) attempts: number;
  @Field(() => String, { nullable: true, description: 'Why the last attempt failed.' }) lastError: string | null;
  @Field() createdAt: Date;
  @Field() failedAt: Date;
}

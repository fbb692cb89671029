import { Field, ID, ObjectType } from '@nestjs/graphql';

@ObjectType()
export class AuditEvent {
  @Field(() => ID) id: string;
  @Field() occurredAt: Date;
  @Field() action: string;
  @Field(() => ID, { nullable: true }) actorUserId: string | null;
  @Field(() => String, { nullable: true }) actorEmail: string | null;
  @Field(() => String, { nullable: true, description: 'The name the actor goes by today.' }) actorName: string | null;
  @Field(() => ID, { nullable: true }) tenantId: string | null;
  @Field(() => String, { nullable: true }) tenantName: string | null;
  @Field(() => String, { nullable: true }) targetType: string | null;
  @Field(() => String, { nullable: true }) targetId: string | null;
  @Field(() => String, {
    nullable: true,
    description: 'What the target is called today: a person’s or session holder’s name, an organisation’s name, an invitation’s email address.',
  })
  targetName: string | null;
  @Field(() => String, { nullable: true }) ipAddress: string | null;
}

@ObjectType()
export class AuditEventPage {
  @Field(() => [AuditEvent]) items: AuditEvent[];
  @Field(() => String, { nullable: true, description: 'Pass back to get the next, older page.' }) nextCursor: string | null;
}

import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { TenantRole } from '@lena/domain';
import '../../common/graphql-enums';

@ObjectType({ description: 'A person in the organisation.' })
export class Member {
  @Field(() => ID) userId: string;
  @Field() displayName: string;
  @Field() email: string;
  @Field(() => TenantRole) role: TenantRole;
  @Field(() => [ID]) teamIds: string[];
  @Field() joinedAt: Date;
}

@ObjectType({ description: 'A team within an organisation; programmes are bought for teams.' })
export class Team {
  @Field(() => ID) id: string;
  @Field() name: string;
  @Field(() => Date, { nullable: true }) archivedAt: Date | null;
  @Field() createdAt: Date;
  @Field(() => Int) memberCount: number;
}

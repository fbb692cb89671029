import { Field, ID, InputType } from '@nestjs/graphql';
import { TenantRole } from '@lena/domain';
import '../../common/graphql-enums';

@InputType()
export class CreateTeamInput {
  @Field() name: string;
}

@InputType()
export class RenameTeamInput {
  @Field(() => ID) id: string;
  @Field() name: string;
}

@InputType()
export class TeamMemberInput {
  @Field(() => ID) teamId: string;
  @Field(() => ID) userId: string;
}

@InputType()
export class ChangeMemberRoleInput {
  @Field(() => ID) userId: string;
  @Field(() => TenantRole) role: TenantRole;
}

import { Field, ID, InputType } from '@nestjs/graphql';

@InputType()
export class AcceptInvitationInput {
  @Field() token: string;
  @Field() displayName: string;
  @Field() password: string;
}

@InputType()
export class InviteFacilitatorInput {
  @Field() email: string;
  @Field({ nullable: true }) displayName?: string;
}

@InputType()
export class InviteParticipantInput {
  @Field() email: string;
  @Field({ nullable: true }) displayName?: string;
  @Field(() => ID, { nullable: true }) teamId?: string;
}

@InputType()
export class InviteOrgAdminInput {
  @Field(() => ID) tenantId: string;
  @Field() email: string;
  @Field({ nullable: true }) displayName?: string;
}

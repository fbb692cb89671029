import { Field, ID, ObjectType } from '@nestjs/graphql';
import { InvitationStatus, Role } from '../../common/graphql-enums';
import type { Role as RoleValue } from '@lena/domain';

@ObjectType()
export class Invitation {
  @Field(() => ID) id: string;
  @Field() email: string;
  @Field(() => String, { nullable: true }) displayName: string | null;
  @Field(() => Role) role: RoleValue;
  @Field(() => ID, { nullable: true }) tenantId: string | null;
  @Field(() => ID, { nullable: true }) teamId: string | null;
  @Field(() => InvitationStatus) status: InvitationStatus;
  @Field() createdAt: Date;
  @Field() expiresAt: Date;
  @Field(() => Date, { nullable: true }) acceptedAt: Date | null;
}

@ObjectType({ description: 'What an invitation link offers, shown before the person accepts.' })
export class InvitationPreview {
  @Field() email: string;
  @Field(() => String, { nullable: true }) displayName: string | null;
  @Field(() => Role) role: RoleValue;
  @Field(() => String, { nullable: true }) organisationName: string | null;
  @Field() expiresAt: Date;
  @Field({ description: 'True when the email already has an account: accept with its current password.' })
  existingAccount: boolean;
}

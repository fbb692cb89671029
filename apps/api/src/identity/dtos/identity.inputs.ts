import { Field, InputType } from '@nestjs/graphql';
import { ServiceType } from '../../common/graphql-enums';
import type { ServiceType as ServiceTypeValue } from '@lena/domain';

@InputType()
export class LoginInput {
  @Field() email: string;
  @Field() password: string;
}

@InputType()
export class AcceptInvitationInput {
  @Field() token: string;
  @Field() displayName: string;
  @Field() password: string;
}

@InputType()
export class ResetPasswordInput {
  @Field() token: string;
  @Field() password: string;
}

@InputType()
export class InviteFacilitatorInput {
  @Field() email: string;
  @Field({ nullable: true }) displayName?: string;
}

@InputType()
export class FacilitatorProfileInput {
  @Field() displayName: string;
  @Field() bio: string;
  @Field(() => [ServiceType]) services: ServiceTypeValue[];
}

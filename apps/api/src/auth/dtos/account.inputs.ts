import { Field, InputType } from '@nestjs/graphql';

@InputType({ description: 'The signed-in person’s own details.' })
export class UpdateMyProfileInput {
  @Field() displayName: string;
}

@InputType()
export class ChangePasswordInput {
  @Field({ description: 'Proves it is the person and not someone at an unattended screen.' }) currentPassword: string;
  @Field() newPassword: string;
}

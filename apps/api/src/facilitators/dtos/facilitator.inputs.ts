import { Field, InputType } from '@nestjs/graphql';
import { ServiceType } from '../../common/graphql-enums';
import type { ServiceType as ServiceTypeValue } from '@lena/domain';

@InputType()
export class FacilitatorProfileInput {
  @Field() displayName: string;
  @Field() bio: string;
  @Field(() => [ServiceType]) services: ServiceTypeValue[];
}

import { Field, ID, ObjectType } from '@nestjs/graphql';
import { ServiceType } from '../../common/graphql-enums';
import type { ServiceType as ServiceTypeValue } from '@lena/domain';

@ObjectType({ description: 'A psychologist or therapist who runs groups, across organisations.' })
export class Facilitator {
  @Field(() => ID) userId: string;
  @Field() displayName: string;
  @Field() email: string;
  @Field() bio: string;
  @Field(() => [ServiceType]) services: ServiceTypeValue[];
  @Field() active: boolean;
}

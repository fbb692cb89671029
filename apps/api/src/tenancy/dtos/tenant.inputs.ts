import { Field, ID, InputType, Int } from '@nestjs/graphql';

@InputType()
export class CreateTenantInput {
  @Field() name: string;
  @Field() slug: string;
  @Field() timeZone: string;
  @Field({ nullable: true }) locale?: string;
  @Field(() => Int, { nullable: true }) minReportingGroupSize?: number;
  @Field({ nullable: true }) orgAdminsSeeIndividualAttendance?: boolean;
  @Field(() => Int, { nullable: true, description: 'How long session note text is kept after its session, in months (1 to 84; 12 unless chosen).' })
  noteRetentionMonths?: number;
}

@InputType()
export class UpdateTenantInput {
  @Field(() => ID) id: string;
  @Field({ nullable: true }) name?: string;
  @Field({ nullable: true }) slug?: string;
  @Field({ nullable: true }) timeZone?: string;
  @Field({ nullable: true }) locale?: string;
  @Field(() => Int, { nullable: true }) minReportingGroupSize?: number;
  @Field({ nullable: true }) orgAdminsSeeIndividualAttendance?: boolean;
  @Field(() => Int, { nullable: true, description: 'How long session note text is kept after its session, in months (1 to 84; 12 unless chosen).' })
  noteRetentionMonths?: number;
}

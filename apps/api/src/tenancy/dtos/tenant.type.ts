import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { TenantStatus } from '@lena/domain';
import '../../common/graphql-enums';

@ObjectType({ description: 'A client organisation.' })
export class Tenant {
  @Field(() => ID) id: string;
  @Field() name: string;
  @Field({ description: 'Unique short name used in addresses.' }) slug: string;
  @Field({ description: 'IANA time zone, e.g. Europe/London.' }) timeZone: string;
  @Field() locale: string;
  @Field(() => Int, { description: 'Aggregates over fewer people than this are never shown.' }) minReportingGroupSize: number;
  @Field() orgAdminsSeeIndividualAttendance: boolean;
  @Field(() => Int, { description: 'How long session note text is kept after its session, in months; the daily purge erases it then.' }) noteRetentionMonths: number;
  @Field(() => [Int], { description: 'Reminders before each session, in minutes, largest first: a day and an hour unless the organisation chooses otherwise.' })
  reminderOffsetsMinutes: number[];
  @Field(() => TenantStatus) status: TenantStatus;
  @Field(() => Date, { nullable: true }) suspendedAt: Date | null;
  @Field() createdAt: Date;
  @Field() updatedAt: Date;
}

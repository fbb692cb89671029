import { Field, InputType, Int } from '@nestjs/graphql';

@InputType()
export class WorkingHoursSpanInput {
  @Field(() => Int) isoWeekday: number;
  @Field() startsLocal: string;
  @Field() endsLocal: string;
}

@InputType({ description: 'The whole week at once: it replaces the spans saved before.' })
export class WorkingHoursInput {
  @Field() timeZone: string;
  @Field(() => [WorkingHoursSpanInput]) spans: WorkingHoursSpanInput[];
}

@InputType()
export class TimeOffInput {
  @Field({ description: 'An ISO 8601 date and time with its offset.' }) startsAt: string;
  @Field({ description: 'An ISO 8601 date and time with its offset.' }) endsAt: string;
  @Field({ nullable: true }) note?: string;
}

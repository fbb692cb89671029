import { Field, ID, Int, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: 'One span of a facilitator’s usual week, in their own time zone.' })
export class WorkingHoursSpan {
  @Field(() => Int, { description: '1 is Monday, 7 is Sunday.' }) isoWeekday: number;
  @Field({ description: 'HH:MM, local to the facilitator’s time zone.' }) startsLocal: string;
  @Field({ description: 'HH:MM, local to the facilitator’s time zone.' }) endsLocal: string;
}

@ObjectType({ description: 'Leave or other time away, when no session may be booked.' })
export class TimeOff {
  @Field(() => ID) id: string;
  @Field() startsAt: Date;
  @Field() endsAt: Date;
  @Field() note: string;
}

@ObjectType({ description: 'When a facilitator can run sessions: their week and their time off to come.' })
export class FacilitatorAvailability {
  @Field(() => ID) userId: string;
  @Field({ description: 'The IANA time zone their working hours are written in.' }) timeZone: string;
  @Field(() => [WorkingHoursSpan]) workingHours: WorkingHoursSpan[];
  @Field(() => [TimeOff], { description: 'Time off that has not yet ended, soonest first.' }) timeOff: TimeOff[];
}

import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { DeliveryMode, GroupSessionStatus, type ServiceType } from '@lena/domain';
import { ServiceType as ServiceTypeEnum } from '../../common/graphql-enums';

@ObjectType({
  description: 'One session on someone’s agenda, with what they need to attend it. It never names the other people in the group.',
})
export class AgendaSession {
  @Field(() => ID) id: string;
  @Field(() => ID) tenantId: string;
  @Field({ description: 'The organisation the session is for.' }) tenantName: string;
  @Field(() => ID) programmeId: string;
  @Field() programmeTitle: string;
  @Field(() => ServiceTypeEnum) serviceType: ServiceType;
  @Field(() => Int, { description: 'Its place in the series: 1 is the first session.' }) sequence: number;
  @Field() startsAt: Date;
  @Field() endsAt: Date;
  @Field(() => GroupSessionStatus) status: GroupSessionStatus;
  @Field(() => String, { nullable: true, description: 'Why it was cancelled or moved, when it was.' }) statusReason: string | null;
  @Field(() => DeliveryMode) deliveryMode: DeliveryMode;
  @Field(() => String, { nullable: true }) videoLink: string | null;
  @Field(() => String, { nullable: true }) location: string | null;
  @Field({ description: 'The programme’s IANA time zone, which its schedule was written in.' }) timeZone: string;
  @Field(() => Int, { description: 'How many people are enrolled in the programme.' }) enrolledCount: number;
  /** iCalendar SEQUENCE; the feed needs it, the screens do not. */
  calendarSequence: number;
}

@ObjectType()
export class AgendaPage {
  @Field(() => [AgendaSession], { description: 'Soonest first.' }) items: AgendaSession[];
  @Field(() => String, { nullable: true, description: 'Pass back as `after` to get the next page; null on the last page.' }) nextCursor: string | null;
}

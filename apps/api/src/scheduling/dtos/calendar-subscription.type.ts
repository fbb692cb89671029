import { Field, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: 'A private calendar subscription. Its address was shown once, when it was made; only a hash of its secret is kept.' })
export class CalendarSubscription {
  @Field() createdAt: Date;
}

@ObjectType({ description: 'A new calendar subscription, with its private address: shown this once.' })
export class NewCalendarSubscription extends CalendarSubscription {
  @Field({ description: 'Paste into a calendar app to subscribe. Anyone with it can see your sessions: keep it private.' }) url: string;
}

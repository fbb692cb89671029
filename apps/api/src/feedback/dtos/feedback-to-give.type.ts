import { Field, ID, Int, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: 'A session the signed-in person attended whose feedback window is open and whose link they have not used.' })
export class FeedbackToGive {
  @Field(() => ID) sessionId: string;
  @Field() programmeTitle: string;
  @Field(() => Int) sequence: number;
  @Field(() => Int) sessionCount: number;
  @Field() startsAt: Date;
  @Field({ description: 'When the link stops working.' }) closesAt: Date;
}

@ObjectType({ description: 'A fresh single-use link to the anonymous feedback page; the one emailed before stops working.' })
export class OpenedFeedbackLink {
  @Field({ description: 'The link’s secret, for the feedback page’s address fragment (feedback.html#<secret>), never sent to a server in an address.' })
  secret: string;
}

import { Field, ID, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: 'One place where the signed-in person is signed in (one sign-in), still live.' })
export class AccountSession {
  @Field(() => ID) id: string;
  @Field({ description: 'Browser and system in words, from the user agent, e.g. "Firefox 133 on Windows 10".' }) device: string;
  @Field(() => String, { nullable: true, description: 'The address it signed in from.' }) ipAddress: string | null;
  @Field() startedAt: Date;
  @Field({ description: 'When it last renewed its tokens, which an open page does every few minutes.' }) lastActiveAt: Date;
  @Field({ description: 'True for the session making this request.' }) current: boolean;
}

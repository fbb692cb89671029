import { Field, ID, InputType, Int } from '@nestjs/graphql';
import { AttendanceStatus } from '@lena/domain';
import './delivery.types';

@InputType()
export class MarkAttendanceInput {
  @Field(() => ID) sessionId: string;
  @Field(() => ID) userId: string;
  @Field(() => AttendanceStatus) status: AttendanceStatus;
}

@InputType()
export class ActionItemInput {
  @Field(() => ID, { nullable: true, description: 'An existing item’s id, to keep it (and its sharing); none for a new one.' }) id?: string | null;
  @Field() text: string;
  @Field(() => Boolean, { nullable: true }) sharedWithGroup?: boolean | null;
}

@InputType({ description: 'A session’s notes: GTS fields or GRP fields, as the programme’s service decides.' })
export class SessionNotesInput {
  @Field(() => ID) sessionId: string;
  @Field(() => String, { nullable: true }) caseSummaries?: string | null;
  @Field(() => String, { nullable: true }) strategies?: string | null;
  @Field(() => [ActionItemInput], { nullable: true }) actionItems?: ActionItemInput[] | null;
  @Field(() => [String], { nullable: true }) themes?: string[] | null;
  @Field(() => String, { nullable: true }) themeLine?: string | null;
}

@InputType()
export class SaveSessionNotesInput extends SessionNotesInput {
  @Field(() => Int, { description: 'The version the notes were read at; 0 when there were none.' }) version: number;
  @Field(() => Boolean, { nullable: true, description: 'Save even though the text looks like it holds personal data (the warnings were shown and checked).' })
  acknowledgeWarnings?: boolean | null;
}

@InputType()
export class ShareActionItemInput {
  @Field(() => ID) sessionId: string;
  @Field(() => ID) actionItemId: string;
  @Field({ description: 'True to share with the group, false to stop sharing.' }) shared: boolean;
}

@InputType()
export class SessionDeliveryInput {
  @Field(() => ID) sessionId: string;
}

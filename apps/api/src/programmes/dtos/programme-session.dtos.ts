import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { GroupSessionStatus, SessionEditScope, type GroupSessionStatus as GroupSessionStatusValue, type SessionEditScope as SessionEditScopeValue } from '@lena/domain';

registerEnumType(SessionEditScope, { name: 'SessionEditScope', description: 'THIS session, this and the FOLLOWING ones, or the whole SERIES (never a session that has begun).' });

@ObjectType({ description: 'One stored session of a programme.' })
export class ProgrammeSession {
  @Field(() => ID) id: string;
  @Field(() => Int, { description: '1 for the first session.' }) sequence: number;
  @Field() startsAt: string;
  @Field() endsAt: string;
  @Field(() => GroupSessionStatus) status: GroupSessionStatusValue;
  @Field(() => String, { nullable: true, description: 'Why it was last moved or cancelled.' }) statusReason: string | null;
  @Field(() => Int, { description: 'Send it back with an edit: an edit made against an older version is refused.' }) version: number;
}

@InputType({ isAbstract: true })
class SessionEditInput {
  @Field(() => ID) programmeId: string;
  @Field(() => ID) sessionId: string;
  @Field(() => Int, { description: 'The version of the session the edit was made against.' }) version: number;
  @Field(() => SessionEditScope) scope: SessionEditScopeValue;
  @Field({ description: 'Told to everyone in the group.' }) reason: string;
}

@InputType({ description: 'Move a session (and perhaps the ones after it, or the series) to a new local time.' })
export class RescheduleSessionInput extends SessionEditInput {
  @Field({ description: 'The session’s new start in the programme’s time zone, without an offset: 2027-03-17T10:00.' }) newStartLocal: string;
  @Field(() => String, { nullable: true, description: 'Move it even though a facilitator has a clash, for this reason (audited).' }) overrideReason?: string | null;
}

@InputType({ description: 'Cancel a session (and perhaps the ones after it, or the series).' })
export class CancelSessionInput extends SessionEditInput {}

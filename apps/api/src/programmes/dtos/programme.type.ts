import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import type {
  Cadence as CadenceValue,
  ConflictKind as ConflictKindValue,
  DeliveryMode as DeliveryModeValue,
  Membership as MembershipValue,
  ProgrammeHistoryEvent as ProgrammeHistoryEventValue,
  ProgrammeHistoryParty as ProgrammeHistoryPartyValue,
  ProgrammeStatus as ProgrammeStatusValue,
  ServiceType as ServiceTypeValue,
  SeriesDraft,
} from '@lena/domain';
import { ServiceType } from '../../common/graphql-enums';
import { Cadence, ConflictKind, DeliveryMode, FacilitatorRole, Membership, ProgrammeHistoryEvent, ProgrammeHistoryParty, ProgrammeStatus } from './programme-enums';

@ObjectType()
export class ProgrammeFacilitator {
  @Field(() => ID) userId: string;
  @Field() displayName: string;
  @Field(() => FacilitatorRole) role: FacilitatorRole;
}

@ObjectType({ description: 'One session of a schedule, as its series gives it (not yet a stored session).' })
export class ScheduledTime {
  @Field(() => Int, { description: '1 for the first session.' }) sequence: number;
  @Field() startsAt: string;
  @Field() endsAt: string;
}

@ObjectType({ description: 'A person enrolled in a programme, for the organisation’s admins.' })
export class Enrolment {
  @Field(() => ID) userId: string;
  @Field() displayName: string;
  @Field() email: string;
  @Field() enrolledAt: Date;
  @Field(() => String, { nullable: true, description: 'The group agreement version they accepted.' }) agreementVersion: string | null;
  @Field(() => Date, { nullable: true }) agreementAcceptedAt: Date | null;
}

@ObjectType({ description: 'The signed-in person’s own enrolment: whether they still need to accept the group agreement.' })
export class MyEnrolment {
  @Field() enrolledAt: Date;
  @Field(() => String, { nullable: true }) agreementVersion: string | null;
  @Field(() => Date, { nullable: true }) agreementAcceptedAt: Date | null;
  @Field({ description: 'False until they accept the current version of the agreement.' }) agreementCurrent: boolean;
}

@ObjectType({ description: 'A programme of group sessions an organisation buys for one of its teams.' })
export class Programme {
  @Field(() => ID) id: string;
  @Field(() => ID) tenantId: string;
  @Field() tenantName: string;
  @Field(() => ID) teamId: string;
  @Field(() => String, { nullable: true, description: 'Null to facilitators, who see no organisation’s teams.' }) teamName: string | null;
  @Field(() => ID, { nullable: true }) needsAssessmentId: string | null;
  @Field(() => ServiceType) serviceType: ServiceTypeValue;
  @Field() title: string;
  @Field(() => ProgrammeStatus) status: ProgrammeStatusValue;
  @Field(() => Int) numberOfSessions: number;
  @Field(() => Cadence, { nullable: true, description: 'The repeat pattern, when the rule came from one.' }) cadence: CadenceValue | null;
  @Field(() => String, { nullable: true, description: 'The rule in words: “Every other Tuesday, 10 sessions”.' }) cadenceSummary: string | null;
  @Field(() => String, { nullable: true, description: 'The RFC 5545 RRULE value.' }) rrule: string | null;
  @Field(() => String, { nullable: true, description: 'The first session’s local date, YYYY-MM-DD.' }) startDate: string | null;
  @Field(() => [String], { description: 'One local start time, or up to three the sessions rotate among (HH:MM).' }) startTimes: string[];
  @Field(() => Int) sessionLengthMinutes: number;
  @Field() timeZone: string;
  @Field(() => DeliveryMode) deliveryMode: DeliveryModeValue;
  @Field(() => String, { nullable: true }) videoLink: string | null;
  @Field(() => String, { nullable: true }) location: string | null;
  @Field(() => Int) minGroupSize: number;
  @Field(() => Int) maxGroupSize: number;
  @Field(() => Membership) membership: MembershipValue;
  @Field(() => String, { nullable: true }) cancelledReason: string | null;
  @Field(() => Int, { description: 'Send it back with a change: a change made against an older version is refused.' }) version: number;
  @Field(() => [ProgrammeFacilitator]) facilitators: ProgrammeFacilitator[];
  @Field(() => Int) enrolledCount: number;
  @Field() createdAt: Date;
  @Field() updatedAt: Date;
  /** The series as stored, for the schedule preview. */
  series: SeriesDraft;
}

@ObjectType({ description: 'What a conflicting session clashes with. Another organisation’s session shows its times alone.' })
export class ConflictClash {
  @Field() startsAt: string;
  @Field() endsAt: string;
  @Field(() => ID, { nullable: true }) sessionId: string | null;
  @Field(() => String, { nullable: true }) tenantName: string | null;
  @Field(() => String, { nullable: true }) programmeTitle: string | null;
}

@ObjectType({ description: 'Why one facilitator cannot take one session of a proposed schedule.' })
export class ProgrammeConflict {
  @Field(() => Int, { description: 'Which session of the schedule (1 for the first).' }) sequence: number;
  @Field() sessionStartsAt: string;
  @Field() sessionEndsAt: string;
  @Field(() => ID) facilitatorId: string;
  @Field() facilitatorName: string;
  @Field(() => ConflictKind) kind: ConflictKindValue;
  @Field() message: string;
  @Field(() => ConflictClash, { nullable: true }) clash: ConflictClash | null;
}

@ObjectType({ description: 'A service’s group agreement: the confidentiality ground rules participants accept.' })
export class GroupAgreement {
  @Field(() => ServiceType) serviceType: ServiceTypeValue;
  @Field() version: string;
  @Field() title: string;
  @Field() introduction: string;
  @Field(() => [String]) rules: string[];
}

@ObjectType({ description: 'One step in a programme’s life: when, who (where the viewer may see their name) and the reason given.' })
export class ProgrammeHistoryEntry {
  @Field(() => ID) id: string;
  @Field() occurredAt: Date;
  @Field(() => ProgrammeHistoryEvent) event: ProgrammeHistoryEventValue;
  @Field(() => ProgrammeHistoryParty) party: ProgrammeHistoryPartyValue;
  @Field(() => String, { nullable: true, description: 'Null where the viewer may not see who it was, and for the system.' }) actorName: string | null;
  @Field(() => String, { nullable: true }) reason: string | null;
}

@ObjectType({ description: 'A programme in the platform admins’ list, with how far through its sessions it is.' })
export class ProgrammeListing {
  @Field(() => Programme) programme: Programme;
  @Field(() => Date, { nullable: true, description: 'When the next scheduled session starts; null when none is still to come.' }) nextSessionStartsAt: Date | null;
  @Field(() => Int, { description: 'Sessions held: scheduled and ended.' }) sessionsHeld: number;
  @Field(() => Int, { description: 'Sessions written and not cancelled (0 until the schedule is written, after acceptance).' }) sessionsPlanned: number;
}

@ObjectType()
export class ProgrammeListPage {
  @Field(() => [ProgrammeListing]) items: ProgrammeListing[];
  @Field(() => String, { nullable: true, description: 'Pass back as `after` for the next page; null on the last.' }) nextCursor: string | null;
}

import { Field, ID, InputType, Int } from '@nestjs/graphql';
import type {
  Cadence as CadenceValue,
  DeliveryMode as DeliveryModeValue,
  Membership as MembershipValue,
  ProgrammeStatus as ProgrammeStatusValue,
  ServiceType as ServiceTypeValue,
} from '@lena/domain';
import { ServiceType } from '../../common/graphql-enums';
import { Cadence, DeliveryMode, Membership, ProgrammeStatus } from './programme-enums';

/** A programme's service, schedule, delivery and group, as requested or proposed. */
@InputType({ isAbstract: true })
export class ProgrammeDetailsInput {
  @Field(() => ServiceType) serviceType: ServiceTypeValue;
  @Field() title: string;
  @Field(() => Int) numberOfSessions: number;
  @Field(() => Cadence) cadence: CadenceValue;
  @Field({ description: 'The first session’s date in the programme’s time zone, YYYY-MM-DD.' }) startDate: string;
  @Field(() => [String], { description: 'One start time (HH:MM), or up to three to rotate among.' }) startTimes: string[];
  @Field(() => Int) sessionLengthMinutes: number;
  @Field() timeZone: string;
  @Field(() => DeliveryMode) deliveryMode: DeliveryModeValue;
  @Field(() => String, { nullable: true }) videoLink?: string | null;
  @Field(() => String, { nullable: true }) location?: string | null;
  @Field(() => Int) minGroupSize: number;
  @Field(() => Int) maxGroupSize: number;
  @Field(() => Membership) membership: MembershipValue;
}

@InputType({ description: 'An organisation admin’s request for a team, perhaps from a needs assessment.' })
export class RequestProgrammeInput extends ProgrammeDetailsInput {
  @Field(() => ID) teamId: string;
  @Field(() => ID, { nullable: true }) needsAssessmentId?: string | null;
}

@InputType({ description: 'A schedule and facilitators for a requested programme, as checked for conflicts.' })
export class ProgrammeProposalInput extends ProgrammeDetailsInput {
  @Field(() => ID) programmeId: string;
  @Field(() => ID) leadFacilitatorId: string;
  @Field(() => [ID], { nullable: true, description: 'None when left out.' }) coFacilitatorIds?: string[] | null;
}

@InputType()
export class ProposeProgrammeInput extends ProgrammeProposalInput {
  @Field(() => Int) version: number;
  @Field(() => String, { nullable: true, description: 'Propose despite the facilitators’ conflicts, for this reason (audited).' })
  overrideReason?: string | null;
}

@InputType()
export class ProgrammeTransitionInput {
  @Field(() => ID) programmeId: string;
  @Field(() => Int) version: number;
}

@InputType()
export class CancelProgrammeInput extends ProgrammeTransitionInput {
  @Field() reason: string;
}

@InputType()
export class ChangeGroupSizeInput extends ProgrammeTransitionInput {
  @Field(() => Int) minGroupSize: number;
  @Field(() => Int) maxGroupSize: number;
}

@InputType()
export class EnrolmentInput {
  @Field(() => ID) programmeId: string;
  @Field(() => ID) userId: string;
}

@InputType({ description: 'Which programmes the platform admins’ list shows. Every part is optional.' })
export class ProgrammeListFilter {
  @Field(() => [ProgrammeStatus], { nullable: true, description: 'None (or an empty list): accepted, active, completed and cancelled programmes.' })
  statuses?: ProgrammeStatusValue[] | null;
  @Field(() => ID, { nullable: true, description: 'One organisation’s programmes.' }) tenantId?: string | null;
  @Field(() => ServiceType, { nullable: true }) serviceType?: ServiceTypeValue | null;
}

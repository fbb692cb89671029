import { Field, Float, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import type { ScoreDirection as ScoreDirectionValue, ServiceType as ServiceTypeValue, SuppressionReason } from '@lena/domain';
import { ServiceType } from '../../common/graphql-enums';
import { FeedbackScores, FeedbackWithheldReason } from '../../feedback/dtos/feedback-results.type';
import { ScoreDirection } from './outcome-instrument.type';

@InputType({ description: 'The dashboard’s filters; all optional. Months are YYYY-MM.' })
export class OutcomeDashboardFilterInput {
  @Field(() => ID, { nullable: true }) teamId?: string | null;
  @Field(() => ID, { nullable: true }) programmeId?: string | null;
  @Field(() => ServiceType, { nullable: true }) serviceType?: ServiceTypeValue | null;
  @Field(() => String, { nullable: true, description: 'The first month of the period (YYYY-MM).' }) from?: string | null;
  @Field(() => String, { nullable: true, description: 'The last month of the period (YYYY-MM).' }) to?: string | null;
}

@ObjectType({ description: 'A 95% confidence interval.' })
export class OutcomeInterval {
  @Field(() => Float) lower: number;
  @Field(() => Float) upper: number;
}

@ObjectType({ description: 'Shares (0–1) of the paired respondents showing reliable improvement, no reliable change, or reliable deterioration (Jacobson–Truax).' })
export class ReliableChangeShares {
  @Field(() => Float) improved: number;
  @Field(() => Float) unchanged: number;
  @Field(() => Float) deteriorated: number;
}

@ObjectType({ description: 'The baseline → final change of one subscale over a group of paired respondents, or why it is withheld (then no number at all).' })
export class OutcomeChange {
  @Field() instrumentKey: string;
  @Field() subscaleKey: string;
  @Field() title: string;
  @Field(() => ScoreDirection) direction: ScoreDirectionValue;
  @Field() shown: boolean;
  @Field(() => FeedbackWithheldReason, { nullable: true }) withheldReason: SuppressionReason | null;
  @Field(() => String, { nullable: true, description: 'What to show instead, e.g. “Fewer than 5 responses”.' }) message: string | null;
  @Field(() => Int, { nullable: true, description: 'Paired respondents.' }) n: number | null;
  @Field(() => Float, { nullable: true }) meanBefore: number | null;
  @Field(() => Float, { nullable: true }) meanAfter: number | null;
  @Field(() => Float, { nullable: true, description: 'Final − baseline, in score points.' }) meanDifference: number | null;
  @Field(() => OutcomeInterval, { nullable: true }) meanDifferenceCi95: OutcomeInterval | null;
  @Field(() => Float, { nullable: true }) cohensDz: number | null;
  @Field(() => Float, { nullable: true }) hedgesG: number | null;
  @Field(() => OutcomeInterval, { nullable: true }) hedgesGCi95: OutcomeInterval | null;
  @Field(() => ReliableChangeShares, { nullable: true }) reliable: ReliableChangeShares | null;
  @Field(() => String, { nullable: true, description: 'The change in words a non-statistician reads.' }) summary: string | null;
}

@ObjectType({ description: 'Attendance at delivered sessions over a group of people, or why it is withheld.' })
export class OutcomeAttendance {
  @Field() shown: boolean;
  @Field(() => FeedbackWithheldReason, { nullable: true }) withheldReason: SuppressionReason | null;
  @Field(() => String, { nullable: true }) message: string | null;
  @Field(() => Int, { nullable: true }) people: number | null;
  @Field(() => Int, { nullable: true, description: 'Registers marked.' }) marked: number | null;
  @Field(() => Int, { nullable: true, description: 'Marked present or late.' }) present: number | null;
  @Field(() => Float, { nullable: true, description: 'present ÷ marked (0–1); null before any register.' }) rate: number | null;
}

@ObjectType({ description: 'Sessions bought, still to come, delivered and cancelled (counts of sessions, not of people).' })
export class OutcomeSessionCounts {
  @Field(() => Int) bought: number;
  @Field(() => Int) planned: number;
  @Field(() => Int) delivered: number;
  @Field(() => Int) cancelled: number;
}

@ObjectType()
export class OutcomeSessionMonth {
  @Field({ description: 'YYYY-MM' }) month: string;
  @Field(() => Int) planned: number;
  @Field(() => Int) delivered: number;
  @Field(() => Int) cancelled: number;
}

@ObjectType()
export class OutcomeTrendPoint {
  @Field({ description: 'YYYY-MM: programmes whose last session falls in it.' }) month: string;
  @Field(() => OutcomeChange) change: OutcomeChange;
}

@ObjectType({ description: 'One subscale’s change, month by month of the programmes’ last sessions.' })
export class OutcomeTrend {
  @Field() instrumentKey: string;
  @Field() subscaleKey: string;
  @Field() title: string;
  @Field(() => [OutcomeTrendPoint]) points: OutcomeTrendPoint[];
}

@ObjectType({ description: 'One programme’s figures.' })
export class ProgrammeOutcomes {
  @Field(() => ID) programmeId: string;
  @Field() title: string;
  @Field(() => ID) teamId: string;
  @Field() teamName: string;
  @Field(() => ServiceType) serviceType: ServiceTypeValue;
  @Field(() => Int) minGroupSize: number;
  @Field(() => OutcomeSessionCounts) sessions: OutcomeSessionCounts;
  @Field(() => OutcomeAttendance) attendance: OutcomeAttendance;
  @Field(() => [OutcomeChange]) changes: OutcomeChange[];
  @Field(() => FeedbackScores, { nullable: true, description: 'The programme’s feedback, from the feedback context (withheld as it decides).' }) feedback: FeedbackScores | null;
  @Field(() => String, { nullable: true, description: 'When its rollup was computed (ISO); null before the first (nothing counted yet). Set on a programme’s page only.' })
  computedAt: string | null;
}

@ObjectType()
export class OutcomeFilterOption {
  @Field(() => ID) id: string;
  @Field() name: string;
}

@ObjectType()
export class OutcomeDashboardTotal {
  @Field(() => Int) programmes: number;
  @Field(() => OutcomeSessionCounts) sessions: OutcomeSessionCounts;
  @Field(() => OutcomeAttendance) attendance: OutcomeAttendance;
  @Field(() => [OutcomeChange]) changes: OutcomeChange[];
}

@ObjectType({ description: 'An organisation’s outcomes, read from rollups, every figure about people through the suppression rule.' })
export class OutcomeDashboard {
  @Field(() => Int) minGroupSize: number;
  @Field(() => OutcomeDashboardTotal) total: OutcomeDashboardTotal;
  @Field(() => [ProgrammeOutcomes]) programmes: ProgrammeOutcomes[];
  @Field(() => [OutcomeSessionMonth]) sessionsByMonth: OutcomeSessionMonth[];
  @Field(() => [OutcomeTrend]) changeTrends: OutcomeTrend[];
  @Field(() => [OutcomeFilterOption]) teams: OutcomeFilterOption[];
  @Field(() => [OutcomeFilterOption]) programmeOptions: OutcomeFilterOption[];
  @Field(() => String, { nullable: true, description: 'When the oldest rollup shown was computed (ISO).' }) computedAt: string | null;
}

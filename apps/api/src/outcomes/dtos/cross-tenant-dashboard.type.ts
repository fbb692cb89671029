import { Field, Float, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { ProgrammeOutcomes } from './outcome-dashboard.type';

@ObjectType({ description: 'One organisation in a facilitator’s dashboard: the programmes of theirs in it.' })
export class FacilitatorDashboardOrganisation {
  @Field(() => ID) tenantId: string;
  @Field() name: string;
  @Field(() => Int, { description: 'The organisation’s own minimum group size, below which its figures are withheld.' }) minGroupSize: number;
  @Field(() => [ProgrammeOutcomes]) programmes: ProgrammeOutcomes[];
}

@ObjectType({
  description:
    'A facilitator’s programmes in every organisation, each with the figures its organisation’s dashboard shows for it (decided with that organisation’s minimum group size): sessions, attendance, feedback and outcome change.',
})
export class FacilitatorDashboard {
  @Field(() => [FacilitatorDashboardOrganisation]) organisations: FacilitatorDashboardOrganisation[];
}

@InputType({ description: 'The platform dashboard’s period (months YYYY-MM, at most 24); the last twelve months when omitted.' })
export class PlatformDashboardPeriodInput {
  @Field(() => String) from: string;
  @Field(() => String) to: string;
}

@ObjectType({ description: 'Attendances (registers marked present or late), or why they are withheld (then no number).' })
export class AttendancesFigure {
  @Field() shown: boolean;
  @Field(() => String, { nullable: true, description: 'What to show instead, e.g. “Fewer than 5 responses”.' }) message: string | null;
  @Field(() => Int, { nullable: true }) attendances: number | null;
}

@ObjectType({ description: 'An organisation’s sessions in one month (or over the period): bought, scheduled and delivered as they are; attendances through the suppression rule.' })
export class UtilisationFigures {
  @Field(() => String, { nullable: true, description: 'YYYY-MM; null for the whole period.' }) month: string | null;
  @Field(() => Int, { description: 'Sessions of the programmes whose first session falls in the month.' }) bought: number;
  @Field(() => Int, { description: 'Sessions in the month not cancelled.' }) scheduled: number;
  @Field(() => Int) delivered: number;
  @Field(() => AttendancesFigure) attended: AttendancesFigure;
}

@ObjectType()
export class OrganisationUtilisation {
  @Field(() => ID) tenantId: string;
  @Field() name: string;
  @Field(() => [UtilisationFigures]) months: UtilisationFigures[];
  @Field(() => UtilisationFigures) total: UtilisationFigures;
}

@ObjectType()
export class FacilitatorMonthLoad {
  @Field() month: string;
  @Field(() => Int) sessions: number;
}

@ObjectType({ description: 'Sessions (not cancelled) a facilitator runs per month, in every organisation.' })
export class FacilitatorLoadEntry {
  @Field(() => ID) userId: string;
  @Field() displayName: string;
  @Field(() => [FacilitatorMonthLoad]) months: FacilitatorMonthLoad[];
  @Field(() => Int) total: number;
  @Field(() => String, { nullable: true }) busiestMonth: string | null;
}

@ObjectType({ description: 'Utilisation per organisation and facilitator load across the platform, over a period.' })
export class PlatformDashboard {
  @Field() from: string;
  @Field() to: string;
  @Field(() => [String], { description: 'Every month of the period, in order.' }) months: string[];
  @Field(() => [OrganisationUtilisation]) utilisation: OrganisationUtilisation[];
  @Field(() => [FacilitatorLoadEntry]) facilitatorLoad: FacilitatorLoadEntry[];
}

@ObjectType({ description: 'A figure of the benchmark, or why it is withheld (then no number).' })
export class BenchmarkFigure {
  @Field() shown: boolean;
  @Field(() => String, { nullable: true }) message: string | null;
  @Field(() => Float, { nullable: true, description: 'A mean on the 1–5 scale, to two decimal places.' }) value: number | null;
}

@ObjectType()
export class BenchmarkItem {
  @Field() itemId: string;
  @Field() prompt: string;
  @Field(() => BenchmarkFigure, { description: 'This organisation’s own mean.' }) organisation: BenchmarkFigure;
  @Field(() => BenchmarkFigure, { description: 'The median of every organisation’s published mean; organisations below their threshold do not feed it.' })
  platformMedian: BenchmarkFigure;
  @Field(() => Int, { description: 'How many organisations’ published means the median is over.' }) organisations: number;
}

@ObjectType({ description: 'One organisation’s feedback item means against the platform median, never another organisation’s own figures.' })
export class FeedbackBenchmark {
  @Field(() => ID) tenantId: string;
  @Field() name: string;
  @Field(() => String, { nullable: true, description: 'The feedback form the means are over; null when no organisation has published feedback.' }) instrumentTitle: string | null;
  @Field(() => [BenchmarkItem]) items: BenchmarkItem[];
}

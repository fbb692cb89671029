import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import type { SuppressionReason } from '@lena/domain';

export const FeedbackWithheldReason = {
  TOO_FEW_RESPONSES: 'TOO_FEW_RESPONSES',
  PROTECTS_ANOTHER_GROUP: 'PROTECTS_ANOTHER_GROUP',
  COMMENTS_OFF: 'COMMENTS_OFF',
} as const satisfies Record<SuppressionReason, SuppressionReason>;

registerEnumType(FeedbackWithheldReason, {
  name: 'FeedbackWithheldReason',
  description:
    'Why a figure is withheld: TOO_FEW_RESPONSES (below the minimum group size), PROTECTS_ANOTHER_GROUP (showing it would let a smaller group be worked out from other figures), COMMENTS_OFF.',
});

@ObjectType({ description: 'How many chose one point of a scale.' })
export class FeedbackScaleCount {
  @Field(() => Int) value: number;
  @Field() label: string;
  @Field(() => Int) count: number;
}

@ObjectType({ description: 'One scale item over a group of responses.' })
export class FeedbackItemSummary {
  @Field() itemId: string;
  @Field() prompt: string;
  @Field(() => Int) answered: number;
  @Field(() => Float, { nullable: true, description: 'Mean on the 1–5 scale, to two decimal places.' }) mean: number | null;
  @Field(() => [FeedbackScaleCount]) distribution: FeedbackScaleCount[];
}

@ObjectType({ description: 'Means and distributions of a group of responses, or why they are withheld (then no number at all).' })
export class FeedbackScores {
  @Field() shown: boolean;
  @Field(() => FeedbackWithheldReason, { nullable: true }) withheldReason: SuppressionReason | null;
  @Field(() => String, { nullable: true, description: 'What to show instead, e.g. “Fewer than 5 responses”.' }) message: string | null;
  @Field(() => Int, { nullable: true }) responses: number | null;
  @Field(() => [FeedbackItemSummary], { nullable: true }) items: FeedbackItemSummary[] | null;
}

@ObjectType({ description: 'Free-text answers of a group of responses (sorted, so their order says nothing), or why they are withheld.' })
export class FeedbackComments {
  @Field() shown: boolean;
  @Field(() => FeedbackWithheldReason, { nullable: true }) withheldReason: SuppressionReason | null;
  @Field(() => String, { nullable: true }) message: string | null;
  @Field(() => [String], { nullable: true }) comments: string[] | null;
}

@ObjectType({ description: 'The figures of one group of responses: a programme or one of its sessions.' })
export class FeedbackFigure {
  @Field(() => FeedbackScores) scores: FeedbackScores;
  @Field(() => FeedbackComments) comments: FeedbackComments;
}

@ObjectType()
export class SessionFeedback {
  @Field(() => ID) sessionId: string;
  @Field(() => Int) sequence: number;
  @Field() startsAt: string;
  @Field(() => FeedbackFigure) figure: FeedbackFigure;
}

@ObjectType({ description: 'The feedback form the figures are over.' })
export class FeedbackInstrumentInfo {
  @Field() key: string;
  @Field(() => Int) version: number;
  @Field() title: string;
  @Field({ description: 'SPDX identifier of the wording’s licence.' }) licence: string;
}

@ObjectType({ description: 'A programme’s anonymous feedback: the programme’s figures and each session’s, suppressed together.' })
export class FeedbackResults {
  @Field(() => ID) programmeId: string;
  @Field(() => FeedbackInstrumentInfo, { nullable: true, description: 'Null until a session has had a feedback request.' }) instrument: FeedbackInstrumentInfo | null;
  @Field(() => Int, { description: 'The organisation’s minimum group size: results are published again only after this many new responses.' }) minGroupSize: number;
  @Field(() => String, {
    nullable: true,
    description: 'The date (YYYY-MM-DD) the results shown were last published; null until a session first reaches the minimum group size.',
  })
  updatedOn: string | null;
  @Field(() => FeedbackFigure) programme: FeedbackFigure;
  @Field(() => [SessionFeedback]) sessions: SessionFeedback[];
}

import { Field, ID, ObjectType } from '@nestjs/graphql';
import type { RecommendedPlan as RecommendedPlanValue, ServiceType as ServiceTypeValue } from '@lena/domain';
import { ServiceType } from '../../common/graphql-enums';
import { QuestionKind, RecommendedPlan } from './programme-enums';

@ObjectType()
export class QuestionOption {
  @Field() value: string;
  @Field() label: string;
}

@ObjectType()
export class NeedsAssessmentQuestion {
  @Field({ description: 'The answer’s field name in NeedsAssessmentAnswersInput.' }) id: string;
  @Field(() => QuestionKind) kind: 'SINGLE' | 'MULTIPLE';
  @Field() prompt: string;
  @Field(() => String, { nullable: true }) hint: string | null;
  @Field(() => [QuestionOption]) options: QuestionOption[];
}

@ObjectType({ description: 'The “which suits best?” questions, with the version to send back with the answers.' })
export class NeedsAssessmentQuestionnaire {
  @Field() version: string;
  @Field(() => [NeedsAssessmentQuestion]) questions: NeedsAssessmentQuestion[];
}

@ObjectType()
export class NeedsAssessmentAnswers {
  @Field() primaryConcern: string;
  @Field() distressingMaterial: string;
  @Field() strainSigns: string;
  @Field(() => [String]) workingPatterns: string[];
  @Field() teamCohesion: string;
  @Field() groupSupervision: string;
}

@ObjectType({ description: 'GRP, GTS or both, in the order to start them, with the reasons in plain English.' })
export class ServiceRecommendation {
  @Field(() => RecommendedPlan) plan: RecommendedPlanValue;
  @Field(() => [ServiceType]) services: ServiceTypeValue[];
  @Field() headline: string;
  @Field(() => [String]) reasons: string[];
  @Field() questionnaireVersion: string;
}

@ObjectType({ description: 'One answered questionnaire about a team, with the recommendation it gave.' })
export class NeedsAssessment {
  @Field(() => ID) id: string;
  @Field(() => ID) teamId: string;
  @Field() questionnaireVersion: string;
  @Field(() => NeedsAssessmentAnswers) answers: NeedsAssessmentAnswers;
  @Field(() => ServiceRecommendation) recommendation: ServiceRecommendation;
  @Field(() => String, { nullable: true }) assessedByName: string | null;
  @Field() createdAt: Date;
}

import { Field, ID, InputType } from '@nestjs/graphql';

/** Plain strings: the questionnaire's options are data, and the domain names a wrong answer in words. */
@InputType()
export class NeedsAssessmentAnswersInput {
  @Field() primaryConcern: string;
  @Field() distressingMaterial: string;
  @Field() strainSigns: string;
  @Field(() => [String]) workingPatterns: string[];
  @Field() teamCohesion: string;
  @Field() groupSupervision: string;
}

@InputType()
export class SaveNeedsAssessmentInput {
  @Field(() => ID) teamId: string;
  @Field({ description: 'The questionnaire version the answers were given to.' }) questionnaireVersion: string;
  @Field(() => NeedsAssessmentAnswersInput) answers: NeedsAssessmentAnswersInput;
}

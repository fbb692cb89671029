import { Field, InputType, Int, ObjectType } from '@nestjs/graphql';

@ObjectType({ description: 'What an organisation’s admins choose for feedback and the keeping of session notes.' })
export class OrganisationSettings {
  @Field(() => Int, { description: 'Days a feedback request stays open after its session (1 to 30).' }) feedbackWindowDays: number;
  @Field(() => Int, { description: 'Hours after a request opens that those who have not answered are reminded (before the window closes).' })
  feedbackReminderAfterHours: number;
  @Field({ description: 'Whether comments on Group Reflective Practice are shown at all (those on GTS always may be).' }) grpCommentsEnabled: boolean;
  @Field(() => Int, { description: 'Comments are shown only past this many responses (10 to 100).' }) commentThreshold: number;
  @Field(() => Int, { description: 'How long session note text is kept after its session, in months (1 to 84).' }) noteRetentionMonths: number;
  @Field(() => Int, { description: 'The minimum group size (set by the provider, never below 5): results are shown and updated only in steps of this many people.' })
  minGroupSize: number;
}

@InputType()
export class OrganisationSettingsInput {
  @Field(() => Int) feedbackWindowDays: number;
  @Field(() => Int) feedbackReminderAfterHours: number;
  @Field() grpCommentsEnabled: boolean;
  @Field(() => Int) commentThreshold: number;
  @Field(() => Int) noteRetentionMonths: number;
}

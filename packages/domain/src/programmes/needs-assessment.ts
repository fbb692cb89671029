import { z } from 'zod';
import { ServiceType } from './service-type.js';

/**
 * The "which suits best?" questionnaire an organisation admin answers about a team. Saved
 * assessments keep the version they were answered under; any change to a question or its options
 * gets a new version, so an old assessment is always read against the questions it answered.
 */
export const NEEDS_ASSESSMENT_VERSION = '2026-12';

export const PrimaryConcern = {
  PRACTICAL_SKILLS: 'PRACTICAL_SKILLS',
  EMOTIONAL_WELLBEING: 'EMOTIONAL_WELLBEING',
  BOTH: 'BOTH',
} as const;
export type PrimaryConcern = (typeof PrimaryConcern)[keyof typeof PrimaryConcern];

export const DistressingMaterial = { RARELY: 'RARELY', SOMETIMES: 'SOMETIMES', REGULARLY: 'REGULARLY' } as const;
export type DistressingMaterial = (typeof DistressingMaterial)[keyof typeof DistressingMaterial];

export const StrainSigns = { NONE: 'NONE', SOME: 'SOME', WIDESPREAD: 'WIDESPREAD' } as const;
export type StrainSigns = (typeof StrainSigns)[keyof typeof StrainSigns];

export const WorkingPattern = { SHIFT_WORK: 'SHIFT_WORK', LONE_WORKING: 'LONE_WORKING', HOME_WORKING: 'HOME_WORKING' } as const;
export type WorkingPattern = (typeof WorkingPattern)[keyof typeof WorkingPattern];

export const TeamCohesion = { STRONG: 'STRONG', MIXED: 'MIXED', WEAK: 'WEAK' } as const;
export type TeamCohesion = (typeof TeamCohesion)[keyof typeof TeamCohesion];

export const GroupSupervision = { CURRENT: 'CURRENT', PAST: 'PAST', NEVER: 'NEVER' } as const;
export type GroupSupervision = (typeof GroupSupervision)[keyof typeof GroupSupervision];

export interface QuestionOption<V extends string = string> {
  value: V;
  label: string;
}

export interface Question<V extends string = string> {
  id: keyof NeedsAssessmentAnswers;
  /** SINGLE: exactly one option; MULTIPLE: any number of them, none included. */
  kind: 'SINGLE' | 'MULTIPLE';
  prompt: string;
  hint?: string;
  options: readonly QuestionOption<V>[];
  /** The message when it is left unanswered or answered with something not on the list. */
  missing: string;
}

export interface NeedsAssessmentQuestionnaire {
  version: string;
  questions: readonly Question[];
}

const question = <V extends string>(definition: Question<V>): Question<V> => definition;

const primaryConcern = question<PrimaryConcern>({
  id: 'primaryConcern',
  kind: 'SINGLE',
  prompt: 'What does the organisation most want for this team?',
  options: [
    { value: 'PRACTICAL_SKILLS', label: 'Practical coping skills and better ways of working with clients and cases' },
    { value: 'EMOTIONAL_WELLBEING', label: 'Staff wellbeing: room to reflect on how the work affects them' },
    { value: 'BOTH', label: 'Both, equally' },
  ],
  missing: 'Choose what the organisation most wants for this team.',
});

const distressingMaterial = question<DistressingMaterial>({
  id: 'distressingMaterial',
  kind: 'SINGLE',
  prompt: 'How often do staff come across traumatic events or distressing material, first-hand or second-hand?',
  hint: 'For example incidents, disclosures, case files, images or calls.',
  options: [
    { value: 'RARELY', label: 'Rarely or never' },
    { value: 'SOMETIMES', label: 'Now and then' },
    { value: 'REGULARLY', label: 'Regularly: it is part of the job' },
  ],
  missing: 'Choose how often staff come across traumatic events or distressing material.',
});

const strainSigns = question<StrainSigns>({
  id: 'strainSigns',
  kind: 'SINGLE',
  prompt: 'Do you see signs of strain building up in the team: burnout, exhaustion or compassion fatigue?',
  options: [
    { value: 'NONE', label: 'None that we know of' },
    { value: 'SOME', label: 'Some signs' },
    { value: 'WIDESPREAD', label: 'Yes, clearly and across the team' },
  ],
  missing: 'Choose whether you see signs of strain in the team.',
});

const workingPatterns = question<WorkingPattern>({
  id: 'workingPatterns',
  kind: 'MULTIPLE',
  prompt: 'Which of these apply to many people in the team?',
  hint: 'Choose all that apply, or none.',
  options: [
    { value: 'SHIFT_WORK', label: 'Shift work' },
    { value: 'LONE_WORKING', label: 'Working alone' },
    { value: 'HOME_WORKING', label: 'Working from home' },
  ],
  missing: 'Choose the working patterns that apply, or none.',
});

const teamCohesion = question<TeamCohesion>({
  id: 'teamCohesion',
  kind: 'SINGLE',
  prompt: 'How well does the team pull together?',
  options: [
    { value: 'STRONG', label: 'Well: people support each other and share the same values' },
    { value: 'MIXED', label: 'Reasonably, with some gaps' },
    { value: 'WEAK', label: 'Not well: people work in silos, or there is friction' },
  ],
  missing: 'Choose how well the team pulls together.',
});

const groupSupervision = question<GroupSupervision>({
  id: 'groupSupervision',
  kind: 'SINGLE',
  prompt: 'Does the team have group supervision?',
  options: [
    { value: 'CURRENT', label: 'Yes, it has it now' },
    { value: 'PAST', label: 'It has had it in the past' },
    { value: 'NEVER', label: 'No, never' },
  ],
  missing: 'Choose whether the team has group supervision.',
});

export const NEEDS_ASSESSMENT_QUESTIONNAIRE: NeedsAssessmentQuestionnaire = {
  version: NEEDS_ASSESSMENT_VERSION,
  questions: [primaryConcern, distressingMaterial, strainSigns, workingPatterns, teamCohesion, groupSupervision],
};

/** One answer from the question's own options; its message when missing or not one of them. */
const answer = <V extends string>(definition: Question<V>) => z.enum(definition.options.map((option) => option.value) as [V, ...V[]], { error: definition.missing });

export const needsAssessmentAnswersSchema = z.object({
  primaryConcern: answer(primaryConcern),
  distressingMaterial: answer(distressingMaterial),
  strainSigns: answer(strainSigns),
  workingPatterns: z
    .array(answer(workingPatterns), { error: workingPatterns.missing })
    .refine((patterns) => new Set(patterns).size === patterns.length, { error: 'Choose each working pattern once.' }),
  teamCohesion: answer(teamCohesion),
  groupSupervision: answer(groupSupervision),
});
export interface NeedsAssessmentAnswers {
  primaryConcern: PrimaryConcern;
  distressingMaterial: DistressingMaterial;
  strainSigns: StrainSigns;
  workingPatterns: WorkingPattern[];
  teamCohesion: TeamCohesion;
  groupSupervision: GroupSupervision;
}

/** What the portal sends: the answers and the version of the questions it showed. */
export const needsAssessmentSubmissionSchema = z.object({
  questionnaireVersion: z.literal(NEEDS_ASSESSMENT_VERSION, {
    error: 'The questions have changed since this page was opened. Reload it and answer again.',
  }),
  answers: needsAssessmentAnswersSchema,
});

export const RecommendedPlan = {
  GRP: 'GRP',
  GTS: 'GTS',
  /** Skills and a working group first, then the reflective work builds on them. */
  GTS_THEN_GRP: 'GTS_THEN_GRP',
  /** Both at once, when the emotional side should not wait. */
  GTS_AND_GRP_TOGETHER: 'GTS_AND_GRP_TOGETHER',
} as const;
export type RecommendedPlan = (typeof RecommendedPlan)[keyof typeof RecommendedPlan];

export interface ServiceRecommendation {
  plan: RecommendedPlan;
  /** The programmes to request, in the order to start them. */
  services: ServiceType[];
  /** One sentence to show first. */
  headline: string;
  /** Why, one sentence or two each, in the order they weigh. */
  reasons: string[];
  questionnaireVersion: string;
}

const HEADLINES: Record<RecommendedPlan, string> = {
  GRP: 'We recommend Group Reflective Practice.',
  GTS: 'We recommend Group Therapeutic Support.',
  GTS_THEN_GRP: 'We recommend Group Therapeutic Support first, followed by Group Reflective Practice.',
  GTS_AND_GRP_TOGETHER: 'We recommend Group Therapeutic Support and Group Reflective Practice side by side, starting together.',
};

const SERVICES: Record<RecommendedPlan, ServiceType[]> = {
  GRP: [ServiceType.GRP],
  GTS: [ServiceType.GTS],
  GTS_THEN_GRP: [ServiceType.GTS, ServiceType.GRP],
  GTS_AND_GRP_TOGETHER: [ServiceType.GTS, ServiceType.GRP],
};

const PATTERN_WORDS: Record<WorkingPattern, string> = { SHIFT_WORK: 'shifts', LONE_WORKING: 'alone', HOME_WORKING: 'from home' };

function joinWords(words: string[]): string {
  const last = words.at(-1) ?? '';
  return words.length <= 1 ? last : `${words.slice(0, -1).join(', ')} and ${last}`;
}

/** What in the answers points to Group Therapeutic Support, each with its reason. */
function reasonsForGts(answers: NeedsAssessmentAnswers): string[] {
  const reasons: string[] = [];
  if (answers.primaryConcern === PrimaryConcern.PRACTICAL_SKILLS) {
    reasons.push(
      'You most want the team to build practical coping skills and better ways of working with clients. Group Therapeutic Support is structured and goal-focused: the group works through real cases with a facilitator and learns from each other’s experience.',
    );
  }
  if (answers.workingPatterns.length > 0) {
    // In the questionnaire's order, whatever order they were ticked in.
    const patterns = Object.values(WorkingPattern).filter((pattern) => answers.workingPatterns.includes(pattern));
    reasons.push(
      `Many of the team work ${joinWords(patterns.map((pattern) => PATTERN_WORDS[pattern]))}, which can leave people isolated. Meeting regularly to solve problems together is one of the best ways to reduce that isolation.`,
    );
  }
  if (answers.teamCohesion === TeamCohesion.WEAK) {
    reasons.push('The team does not pull together well at the moment. Working through shared cases as a group builds cohesion and shared values.');
  }
  return reasons;
}

/** What in the answers points to Group Reflective Practice, each with its reason. */
function reasonsForGrp(answers: NeedsAssessmentAnswers): string[] {
  const reasons: string[] = [];
  if (answers.primaryConcern === PrimaryConcern.EMOTIONAL_WELLBEING) {
    reasons.push(
      'You most want to look after staff wellbeing and self-awareness. Group Reflective Practice gives a safe, confidential space to reflect on the work and the toll it takes.',
    );
  }
  if (answers.distressingMaterial === DistressingMaterial.REGULARLY) {
    reasons.push('Staff regularly come across traumatic events or distressing material. Reflective practice helps people make sense of its emotional impact before it builds up.');
  }
  if (answers.strainSigns === StrainSigns.SOME) {
    reasons.push('You see some signs of strain, burnout or compassion fatigue. Reflecting together helps people notice that strain early and work through it.');
  }
  if (answers.strainSigns === StrainSigns.WIDESPREAD) {
    reasons.push('Signs of strain, burnout or compassion fatigue are clear across the team. Reflective practice gives people protected time to process what they are carrying.');
  }
  return reasons;
}

/**
 * Turns a needs assessment into GRP, GTS or both, in order, with its reasons, following the
 * provider's guidance: GTS where the aim is practical skills and client management, or where staff
 * are isolated or the team lacks cohesion; GRP where the aim is emotional wellbeing, or staff meet
 * distressing material regularly, or show strain; GRP often alongside or after GTS.
 *
 * - A team that has (or has had) group supervision and shows a need for GRP gets GRP, to run
 *   alongside (or follow) what it has; with no such need it gets GTS.
 * - Otherwise, needs for both give GTS then GRP, or both together when the strain is widespread
 *   or wellbeing is what the organisation most wants (the emotional work should not wait).
 * - "Both, equally" as the main aim counts towards both services.
 */
export function recommendService(answers: NeedsAssessmentAnswers): ServiceRecommendation {
  const bothWanted = answers.primaryConcern === PrimaryConcern.BOTH;
  const gts = reasonsForGts(answers);
  const grp = reasonsForGrp(answers);
  const reasons: string[] = bothWanted
    ? [
        'You want both practical skills and staff wellbeing for this team. The two services are designed to complement each other: one sharpens practice, the other looks after the people doing it.',
      ]
    : [];
  const needsGts = bothWanted || gts.length > 0;
  const needsGrp = bothWanted || grp.length > 0;
  let plan: RecommendedPlan;

  if (answers.groupSupervision !== GroupSupervision.NEVER) {
    const has = answers.groupSupervision === GroupSupervision.CURRENT;
    if (needsGrp) {
      plan = RecommendedPlan.GRP;
      reasons.push(
        ...grp,
        has
          ? 'The team already has group supervision. Group Reflective Practice works well alongside it, adding a deeper look at the emotional side of the work.'
          : 'The team has had group supervision before. Group Reflective Practice often follows it, building on those practice skills with a deeper look at the emotional side of the work.',
      );
    } else {
      plan = RecommendedPlan.GTS;
      reasons.push(
        ...gts,
        has
          ? 'The team already has group supervision: a Group Therapeutic Support programme can take it over or add to it.'
          : 'The team has had group supervision before: a new Group Therapeutic Support programme can build on what it learned.',
      );
    }
  } else if (needsGts && needsGrp) {
    reasons.push(...gts, ...grp);
    if (answers.strainSigns === StrainSigns.WIDESPREAD) {
      plan = RecommendedPlan.GTS_AND_GRP_TOGETHER;
      reasons.push('Because the strain is widespread, reflective practice should not wait for the skills work: start both together.');
    } else if (answers.primaryConcern === PrimaryConcern.EMOTIONAL_WELLBEING) {
      plan = RecommendedPlan.GTS_AND_GRP_TOGETHER;
      reasons.push('Wellbeing matters most to you, so reflective practice should not wait for the skills work: start both together.');
    } else {
      plan = RecommendedPlan.GTS_THEN_GRP;
      reasons.push(
        'Group Reflective Practice often follows Group Therapeutic Support: once the team has practical tools and trusts the group, it can go deeper into the emotional side of the work.',
      );
    }
  } else if (needsGts) {
    plan = RecommendedPlan.GTS;
    reasons.push(...gts);
  } else {
    plan = RecommendedPlan.GRP;
    reasons.push(...grp);
  }

  return { plan, services: SERVICES[plan], headline: HEADLINES[plan], reasons, questionnaireVersion: NEEDS_ASSESSMENT_VERSION };
}

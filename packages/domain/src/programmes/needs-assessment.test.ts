import {
  NEEDS_ASSESSMENT_QUESTIONNAIRE,
  NEEDS_ASSESSMENT_VERSION,
  needsAssessmentAnswersSchema,
  needsAssessmentSubmissionSchema,
  RecommendedPlan,
  recommendService,
  type NeedsAssessmentAnswers,
} from './needs-assessment.js';
import { ServiceType } from './service-type.js';

/** A team with no particular need beyond its main aim: practical skills. */
const calm: NeedsAssessmentAnswers = {
  primaryConcern: 'PRACTICAL_SKILLS',
  distressingMaterial: 'RARELY',
  strainSigns: 'NONE',
  workingPatterns: [],
  teamCohesion: 'STRONG',
  groupSupervision: 'NEVER',
};

const answers = (changes: Partial<NeedsAssessmentAnswers>): NeedsAssessmentAnswers => ({ ...calm, ...changes });

describe('recommendService', () => {
  it.each([
    // [why, answers, plan, services, a phrase the last reason has]
    ['practical skills alone', {}, RecommendedPlan.GTS, [ServiceType.GTS], /structured and goal-focused/],
    ['wellbeing alone', { primaryConcern: 'EMOTIONAL_WELLBEING' }, RecommendedPlan.GRP, [ServiceType.GRP], /safe, confidential space/],
    ['both aims, nothing else', { primaryConcern: 'BOTH' }, RecommendedPlan.GTS_THEN_GRP, [ServiceType.GTS, ServiceType.GRP], /often follows Group Therapeutic Support/],
    ['skills, with regular distressing material', { distressingMaterial: 'REGULARLY' }, RecommendedPlan.GTS_THEN_GRP, [ServiceType.GTS, ServiceType.GRP], /often follows/],
    ['skills, with some strain', { strainSigns: 'SOME' }, RecommendedPlan.GTS_THEN_GRP, [ServiceType.GTS, ServiceType.GRP], /often follows/],
    ['skills, with widespread strain', { strainSigns: 'WIDESPREAD' }, RecommendedPlan.GTS_AND_GRP_TOGETHER, [ServiceType.GTS, ServiceType.GRP], /strain is widespread/],
    [
      'wellbeing, with isolated staff',
      { primaryConcern: 'EMOTIONAL_WELLBEING', workingPatterns: ['LONE_WORKING'] },
      RecommendedPlan.GTS_AND_GRP_TOGETHER,
      [ServiceType.GTS, ServiceType.GRP],
      /Wellbeing matters most/,
    ],
    [
      'wellbeing, with a team that does not pull together',
      { primaryConcern: 'EMOTIONAL_WELLBEING', teamCohesion: 'WEAK' },
      RecommendedPlan.GTS_AND_GRP_TOGETHER,
      [ServiceType.GTS, ServiceType.GRP],
      /Wellbeing matters most/,
    ],
    [
      'wellbeing, with widespread strain and isolation',
      { primaryConcern: 'EMOTIONAL_WELLBEING', strainSigns: 'WIDESPREAD', workingPatterns: ['SHIFT_WORK'] },
      RecommendedPlan.GTS_AND_GRP_TOGETHER,
      [ServiceType.GTS, ServiceType.GRP],
      /strain is widespread/,
    ],
    [
      'supervision now, and a need for reflection',
      { groupSupervision: 'CURRENT', strainSigns: 'SOME' },
      RecommendedPlan.GRP,
      [ServiceType.GRP],
      /already has group supervision\. Group Reflective Practice works well alongside it/,
    ],
    [
      'supervision in the past, and a need for reflection',
      { groupSupervision: 'PAST', distressingMaterial: 'REGULARLY' },
      RecommendedPlan.GRP,
      [ServiceType.GRP],
      /has had group supervision before\. Group Reflective Practice often follows it/,
    ],
    ['supervision now, both aims', { groupSupervision: 'CURRENT', primaryConcern: 'BOTH' }, RecommendedPlan.GRP, [ServiceType.GRP], /works well alongside it/],
    ['supervision now, skills only', { groupSupervision: 'CURRENT', workingPatterns: ['SHIFT_WORK'] }, RecommendedPlan.GTS, [ServiceType.GTS], /can take it over or add to it/],
    ['supervision in the past, skills only', { groupSupervision: 'PAST' }, RecommendedPlan.GTS, [ServiceType.GTS], /build on what it learned/],
  ] as const)('%s', (_why, changes, plan, services, lastReason) => {
    const recommendation = recommendService(answers(changes as Partial<NeedsAssessmentAnswers>));
    expect(recommendation.plan).toBe(plan);
    expect(recommendation.services).toEqual(services);
    expect(recommendation.reasons[recommendation.reasons.length - 1]).toMatch(lastReason);
    expect(recommendation.questionnaireVersion).toBe(NEEDS_ASSESSMENT_VERSION);
  });

  it('gives a headline for each plan', () => {
    expect(recommendService(calm).headline).toBe('We recommend Group Therapeutic Support.');
    expect(recommendService(answers({ primaryConcern: 'EMOTIONAL_WELLBEING' })).headline).toBe('We recommend Group Reflective Practice.');
    expect(recommendService(answers({ primaryConcern: 'BOTH' })).headline).toBe('We recommend Group Therapeutic Support first, followed by Group Reflective Practice.');
    expect(recommendService(answers({ strainSigns: 'WIDESPREAD' })).headline).toBe(
      'We recommend Group Therapeutic Support and Group Reflective Practice side by side, starting together.',
    );
  });

  it('gives every reason that applies, skills first, then wellbeing, then the order', () => {
    const { reasons } = recommendService(
      answers({ workingPatterns: ['HOME_WORKING', 'SHIFT_WORK', 'LONE_WORKING'], teamCohesion: 'WEAK', distressingMaterial: 'REGULARLY', strainSigns: 'SOME' }),
    );
    expect(reasons).toEqual([
      expect.stringMatching(/^You most want the team to build practical coping skills/),
      'Many of the team work shifts, alone and from home, which can leave people isolated. Meeting regularly to solve problems together is one of the best ways to reduce that isolation.',
      expect.stringMatching(/^The team does not pull together well/),
      expect.stringMatching(/^Staff regularly come across traumatic events or distressing material/),
      expect.stringMatching(/^You see some signs of strain/),
      expect.stringMatching(/^Group Reflective Practice often follows Group Therapeutic Support/),
    ]);
  });

  it.each([
    [['SHIFT_WORK'], 'work shifts, which'],
    [['HOME_WORKING', 'LONE_WORKING'], 'work alone and from home, which'],
  ] as const)('names the working patterns %j in plain words', (workingPatterns, phrase) => {
    expect(recommendService(answers({ workingPatterns: [...workingPatterns] })).reasons.join(' ')).toContain(phrase);
  });

  it('starts with the "both" reason when both aims were chosen', () => {
    expect(recommendService(answers({ primaryConcern: 'BOTH' })).reasons[0]).toMatch(/^You want both practical skills and staff wellbeing/);
  });

  it.each([
    ['distressing material now and then', { primaryConcern: 'EMOTIONAL_WELLBEING', distressingMaterial: 'SOMETIMES' }, RecommendedPlan.GRP],
    ['a team that pulls together reasonably', { primaryConcern: 'EMOTIONAL_WELLBEING', teamCohesion: 'MIXED' }, RecommendedPlan.GRP],
    ['no working patterns', { primaryConcern: 'EMOTIONAL_WELLBEING', workingPatterns: [] }, RecommendedPlan.GRP],
    ['no strain and rare distressing material', { distressingMaterial: 'RARELY', strainSigns: 'NONE' }, RecommendedPlan.GTS],
  ] as const)('does not count %s as a need for the other service', (_label, changes, plan) => {
    expect(recommendService(answers(changes as Partial<NeedsAssessmentAnswers>)).plan).toBe(plan);
  });

  it('writes every reason and headline as full sentences in plain British English', () => {
    const everyCombination: NeedsAssessmentAnswers[] = [];
    for (const primaryConcern of ['PRACTICAL_SKILLS', 'EMOTIONAL_WELLBEING', 'BOTH'] as const)
      for (const strainSigns of ['NONE', 'SOME', 'WIDESPREAD'] as const)
        for (const groupSupervision of ['CURRENT', 'PAST', 'NEVER'] as const)
          for (const teamCohesion of ['STRONG', 'WEAK'] as const)
            everyCombination.push(answers({ primaryConcern, strainSigns, groupSupervision, teamCohesion, workingPatterns: ['LONE_WORKING'] }));
    for (const combination of everyCombination) {
      const { headline, reasons, services } = recommendService(combination);
      expect(reasons.length).toBeGreaterThan(0);
      expect(services.length).toBeGreaterThan(0);
      for (const sentence of [headline, ...reasons]) {
        expect(sentence).toMatch(/^[A-Z].+\.$/);
        expect(sentence).not.toMatch(/\b(organization|behavior|color|center)\b/);
      }
    }
  });
});

describe('the questionnaire', () => {
  it('has a version and six questions, each with options the answer schema accepts', () => {
    expect(NEEDS_ASSESSMENT_QUESTIONNAIRE.version).toBe(NEEDS_ASSESSMENT_VERSION);
    const ids = NEEDS_ASSESSMENT_QUESTIONNAIRE.questions.map((question) => question.id);
    expect(ids).toEqual(Object.keys(needsAssessmentAnswersSchema.shape));
    for (const question of NEEDS_ASSESSMENT_QUESTIONNAIRE.questions) {
      expect(new Set(question.options.map((option) => option.value)).size).toBe(question.options.length);
      for (const option of question.options) {
        const value = question.kind === 'MULTIPLE' ? [option.value] : option.value;
        expect(needsAssessmentAnswersSchema.shape[question.id].safeParse(value).success).toBe(true);
        expect(option.label.trim()).not.toBe('');
      }
      expect(needsAssessmentAnswersSchema.shape[question.id].safeParse('NOT_AN_OPTION').success).toBe(false);
    }
  });

  it('accepts a full set of answers', () => {
    expect(needsAssessmentAnswersSchema.parse(calm)).toEqual(calm);
  });

  it('names each unanswered question with its own message', () => {
    const result = needsAssessmentAnswersSchema.safeParse({});
    expect(result.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual(
      NEEDS_ASSESSMENT_QUESTIONNAIRE.questions.map((question) => [question.id, question.missing]),
    );
  });

  it.each([
    ['an answer that is not an option', { strainSigns: 'A_LOT' }, 'strainSigns', 'Choose whether you see signs of strain in the team.'],
    ['a working pattern that is not an option', { workingPatterns: ['NIGHTS'] }, 'workingPatterns.0', 'Choose the working patterns that apply, or none.'],
    ['a working pattern twice', { workingPatterns: ['SHIFT_WORK', 'SHIFT_WORK'] }, 'workingPatterns', 'Choose each working pattern once.'],
    ['working patterns that are not a list', { workingPatterns: 'SHIFT_WORK' }, 'workingPatterns', 'Choose the working patterns that apply, or none.'],
  ])('refuses %s', (_label, changes, field, message) => {
    const result = needsAssessmentAnswersSchema.safeParse({ ...calm, ...changes });
    expect(result.error?.issues.map((issue) => ({ field: issue.path.join('.'), message: issue.message }))).toEqual([{ field, message }]);
  });

  it('refuses answers given to another version of the questions', () => {
    expect(needsAssessmentSubmissionSchema.safeParse({ questionnaireVersion: NEEDS_ASSESSMENT_VERSION, answers: calm }).success).toBe(true);
    expect(needsAssessmentSubmissionSchema.safeParse({ questionnaireVersion: '2025-01', answers: calm }).error?.issues[0]).toMatchObject({
      path: ['questionnaireVersion'],
      message: 'The questions have changed since this page was opened. Reload it and answer again.',
    });
  });
});

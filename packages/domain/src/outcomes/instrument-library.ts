import { ScoreDirection, type OutcomeInstrument, type InstrumentLicence, type ResponseScale } from './instrument.js';

/**
 * The instruments the platform ships. Our own forms are written for this product; the Copenhagen
 * Burnout Inventory is reproduced as published; ProQOL is a licence entry only, because its terms
 * ask each organisation to agree to them (unaltered wording, attribution shown) before use.
 */

const LENA_LICENCE: InstrumentLicence = {
  holder: 'Lena',
  terms: 'Written for this platform; free for every organisation using it.',
  attribution: null,
  wordingMayChange: true,
  tenantMustConfirm: false,
  url: null,
};

const AGREEMENT: ResponseScale = {
  key: 'agreement',
  options: [
    { value: 1, label: 'Strongly disagree' },
    { value: 2, label: 'Disagree' },
    { value: 3, label: 'Neither agree nor disagree' },
    { value: 4, label: 'Agree' },
    { value: 5, label: 'Strongly agree' },
  ],
};

/** Our short outcome form for Group Reflective Practice: space to reflect, self-awareness, support. */
export const LENA_GRP_OUTCOME: OutcomeInstrument = {
  key: 'lena-grp-outcome',
  version: 1,
  title: 'Reflective practice outcome (Lena, 6 items)',
  instructions: 'Thinking about the last month at work, how far do you agree with each statement?',
  licence: LENA_LICENCE,
  scales: [AGREEMENT],
  items: [
    { key: 'space', text: 'I have time and space to reflect on how my work affects me.', scale: 'agreement' },
    { key: 'notice', text: 'I can notice and name my own reactions to distressing work.', scale: 'agreement' },
    { key: 'understood', text: 'I feel understood by colleagues who know what this work is like.', scale: 'agreement' },
    { key: 'self-care', text: 'I know what helps me recover after a hard day.', scale: 'agreement' },
    { key: 'carry', text: 'I carry the hardest parts of my work home with me.', scale: 'agreement', reversed: true },
    { key: 'sustain', text: 'I feel able to keep doing this work well.', scale: 'agreement' },
  ],
  subscales: [
    {
      key: 'reflective-wellbeing',
      title: 'Reflective wellbeing',
      items: ['space', 'notice', 'understood', 'self-care', 'carry', 'sustain'],
      method: 'MEAN',
      minimumAnswered: 5,
      direction: ScoreDirection.HIGHER_IS_BETTER,
    },
  ],
};

/** Our short outcome form for Group Therapeutic Support: coping skills, problem solving, cohesion. */
export const LENA_GTS_OUTCOME: OutcomeInstrument = {
  key: 'lena-gts-outcome',
  version: 1,
  title: 'Therapeutic support outcome (Lena, 6 items)',
  instructions: 'Thinking about the last month at work, how far do you agree with each statement?',
  licence: LENA_LICENCE,
  scales: [AGREEMENT],
  items: [
    { key: 'strategies', text: 'I have practical strategies for difficult situations with the people I support.', scale: 'agreement' },
    { key: 'complex-cases', text: 'I feel confident working out what to do in a complex case.', scale: 'agreement' },
    { key: 'team-problem-solving', text: 'My team solves hard work problems together.', scale: 'agreement' },
    { key: 'alone', text: 'I feel alone with the difficult parts of my work.', scale: 'agreement', reversed: true },
    { key: 'use-learning', text: 'I use what I learn from colleagues in my own practice.', scale: 'agreement' },
    { key: 'coping', text: 'I cope well with the demands of my role.', scale: 'agreement' },
  ],
  subscales: [
    {
      key: 'practice-confidence',
      title: 'Practice confidence and support',
      items: ['strategies', 'complex-cases', 'team-problem-solving', 'alone', 'use-learning', 'coping'],
      method: 'MEAN',
      minimumAnswered: 5,
      direction: ScoreDirection.HIGHER_IS_BETTER,
    },
  ],
};

const CBI_FREQUENCY: ResponseScale = {
  key: 'cbi-frequency',
  options: [
    { value: 100, label: 'Always' },
    { value: 75, label: 'Often' },
    { value: 50, label: 'Sometimes' },
    { value: 25, label: 'Seldom' },
    { value: 0, label: 'Never or almost never' },
  ],
};

const CBI_DEGREE: ResponseScale = {
  key: 'cbi-degree',
  options: [
    { value: 100, label: 'To a very high degree' },
    { value: 75, label: 'To a high degree' },
    { value: 50, label: 'Somewhat' },
    { value: 25, label: 'To a low degree' },
    { value: 0, label: 'To a very low degree' },
  ],
};

/**
 * The Copenhagen Burnout Inventory (Kristensen, Borritz, Villadsen and Christensen, 2005): three
 * subscales scored 0–100 as the mean of their items, one work item reversed. Its authors put it in
 * the public domain; the wording is kept as published. Reliabilities are the published Cronbach's
 * alphas (0.87, 0.87 and 0.85), which the reliable-change index uses.
 */
export const COPENHAGEN_BURNOUT_INVENTORY: OutcomeInstrument = {
  key: 'cbi',
  version: 1,
  title: 'Copenhagen Burnout Inventory',
  instructions: 'Please answer each question about how you have felt recently.',
  licence: {
    holder: 'National Research Centre for the Working Environment, Copenhagen',
    terms: 'Free to use without permission; the authors ask that the wording is not changed and the source is cited.',
    attribution: 'Copenhagen Burnout Inventory: Kristensen TS, Borritz M, Villadsen E, Christensen KB (2005), Work & Stress 19(3), 192–207.',
    wordingMayChange: false,
    tenantMustConfirm: false,
    url: null,
  },
  scales: [CBI_FREQUENCY, CBI_DEGREE],
  items: [
    { key: 'personal-1', text: 'How often do you feel tired?', scale: 'cbi-frequency' },
    { key: 'personal-2', text: 'How often are you physically exhausted?', scale: 'cbi-frequency' },
    { key: 'personal-3', text: 'How often are you emotionally exhausted?', scale: 'cbi-frequency' },
    { key: 'personal-4', text: 'How often do you think: “I can’t take it anymore”?', scale: 'cbi-frequency' },
    { key: 'personal-5', text: 'How often do you feel worn out?', scale: 'cbi-frequency' },
    { key: 'personal-6', text: 'How often do you feel weak and susceptible to illness?', scale: 'cbi-frequency' },
    { key: 'work-1', text: 'Is your work emotionally exhausting?', scale: 'cbi-degree' },
    { key: 'work-2', text: 'Do you feel burnt out because of your work?', scale: 'cbi-degree' },
    { key: 'work-3', text: 'Does your work frustrate you?', scale: 'cbi-degree' },
    { key: 'work-4', text: 'Do you feel worn out at the end of the working day?', scale: 'cbi-frequency' },
    { key: 'work-5', text: 'Are you exhausted in the morning at the thought of another day at work?', scale: 'cbi-frequency' },
    { key: 'work-6', text: 'Do you feel that every working hour is tiring for you?', scale: 'cbi-frequency' },
    { key: 'work-7', text: 'Do you have enough energy for family and friends during leisure time?', scale: 'cbi-frequency', reversed: true },
    { key: 'client-1', text: 'Do you find it hard to work with clients?', scale: 'cbi-degree' },
    { key: 'client-2', text: 'Do you find it frustrating to work with clients?', scale: 'cbi-degree' },
    { key: 'client-3', text: 'Does it drain your energy to work with clients?', scale: 'cbi-degree' },
    { key: 'client-4', text: 'Do you feel that you give more than you get back when you work with clients?', scale: 'cbi-degree' },
    { key: 'client-5', text: 'Are you tired of working with clients?', scale: 'cbi-frequency' },
    { key: 'client-6', text: 'Do you sometimes wonder how long you will be able to continue working with clients?', scale: 'cbi-frequency' },
  ],
  subscales: [
    {
      key: 'personal',
      title: 'Personal burnout',
      items: ['personal-1', 'personal-2', 'personal-3', 'personal-4', 'personal-5', 'personal-6'],
      method: 'MEAN',
      minimumAnswered: 3,
      direction: ScoreDirection.HIGHER_IS_WORSE,
      reliability: 0.87,
    },
    {
      key: 'work',
      title: 'Work-related burnout',
      items: ['work-1', 'work-2', 'work-3', 'work-4', 'work-5', 'work-6', 'work-7'],
      method: 'MEAN',
      minimumAnswered: 3,
      direction: ScoreDirection.HIGHER_IS_WORSE,
      reliability: 0.87,
    },
    {
      key: 'client',
      title: 'Client-related burnout',
      items: ['client-1', 'client-2', 'client-3', 'client-4', 'client-5', 'client-6'],
      method: 'MEAN',
      minimumAnswered: 3,
      direction: ScoreDirection.HIGHER_IS_WORSE,
      reliability: 0.85,
    },
  ],
};

/** An instrument we may not ship the wording of until an organisation accepts its licence. */
export interface LicenceOnlyInstrument {
  key: string;
  title: string;
  licence: InstrumentLicence;
}

/** ProQOL 5: free to copy if unaltered, credited and not sold; each organisation confirms this. */
export const PROQOL_LICENCE_ENTRY: LicenceOnlyInstrument = {
  key: 'proqol-5',
  title: 'Professional Quality of Life Scale (ProQOL 5)',
  licence: {
    holder: 'ProQOL.org',
    terms: 'May be copied and used free of charge if the author is credited, no wording is changed and it is not sold.',
    attribution: 'B. Hudnall Stamm, 2009–2012. Professional Quality of Life: Compassion Satisfaction and Fatigue Version 5 (ProQOL). www.proqol.org',
    wordingMayChange: false,
    tenantMustConfirm: true,
    url: 'https://proqol.org',
  },
};

export const SHIPPED_OUTCOME_INSTRUMENTS: readonly OutcomeInstrument[] = [LENA_GRP_OUTCOME, LENA_GTS_OUTCOME, COPENHAGEN_BURNOUT_INVENTORY];

/**
 * Whether an organisation may use an instrument: its licence needs no confirmation, or the
 * organisation has confirmed it (the set holds the keys of the licences it accepted).
 */
export function instrumentUsable(licence: InstrumentLicence, key: string, confirmedByTenant: ReadonlySet<string>): boolean {
  return !licence.tenantMustConfirm || confirmedByTenant.has(key);
}

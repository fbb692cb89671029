import { DomainError } from '../errors/domain-error.js';
import { COPENHAGEN_BURNOUT_INVENTORY, LENA_GRP_OUTCOME, PROQOL_LICENCE_ENTRY } from './instrument-library.js';
import { ScoreDirection } from './instrument.js';
import {
  askableInstruments,
  formatOutcomeScore,
  measurementsToOpen,
  outcomeLinkState,
  ownScoreReading,
  reliableChangeThreshold,
  scoreOutcomeSubmission,
  subscaleRange,
} from './measurement-requests.js';
import type { MeasurementWindow } from './measurement-schedule.js';

const WINDOWS: MeasurementWindow[] = [
  { point: 'BASELINE', opensAt: '2027-01-01T10:00:00Z', closesAt: '2027-01-08T10:00:00Z' },
  { point: 'FINAL', opensAt: '2027-02-10T12:00:00Z', closesAt: '2027-02-24T12:00:00Z' },
];

describe('measurementsToOpen', () => {
  it('opens a point once its window has opened, with the reminder halfway through', () => {
    expect(measurementsToOpen(WINDOWS, new Date('2027-01-03T00:00:00Z'), new Set())).toEqual([
      { point: 'BASELINE', opensAt: '2027-01-01T10:00:00Z', remindAt: '2027-01-04T22:00:00.000Z', closesAt: '2027-01-08T10:00:00Z' },
    ]);
  });

  it('never opens a point twice, early, or after its window closed', () => {
    expect(measurementsToOpen(WINDOWS, new Date('2027-01-03T00:00:00Z'), new Set(['BASELINE']))).toEqual([]);
    expect(measurementsToOpen(WINDOWS, new Date('2026-12-31T23:59:59Z'), new Set())).toEqual([]);
    expect(measurementsToOpen(WINDOWS, new Date('2027-01-08T10:00:00Z'), new Set())).toEqual([]);
    expect(measurementsToOpen(WINDOWS, new Date('2027-02-10T12:00:00Z'), new Set()).map((open) => open.point)).toEqual(['FINAL']);
    expect(measurementsToOpen(null, new Date(), new Set())).toEqual([]);
  });
});

describe('askableInstruments', () => {
  const cbi = { key: 'cbi', licence: COPENHAGEN_BURNOUT_INVENTORY.licence, definition: COPENHAGEN_BURNOUT_INVENTORY };
  const mustConfirm = { key: 'own', licence: { ...LENA_GRP_OUTCOME.licence, tenantMustConfirm: true }, definition: { ...LENA_GRP_OUTCOME, key: 'own' } };
  const licenceOnly = { key: PROQOL_LICENCE_ENTRY.key, licence: PROQOL_LICENCE_ENTRY.licence, definition: null };

  it('never asks an instrument whose licence the organisation has not confirmed, nor one with no wording', () => {
    expect(askableInstruments([cbi, mustConfirm, licenceOnly], new Set()).map((instrument) => instrument.key)).toEqual(['cbi']);
    expect(askableInstruments([cbi, mustConfirm, licenceOnly], new Set(['own', 'proqol-5'])).map((instrument) => instrument.key)).toEqual(['cbi', 'own']);
  });
});

describe('outcomeLinkState', () => {
  const closesAt = new Date('2027-01-08T10:00:00Z');
  it('tells unknown, spent, expired and open links apart', () => {
    expect(outcomeLinkState(null, new Date('2027-01-01'))).toBe('UNKNOWN');
    expect(outcomeLinkState({ spent: true, closesAt }, new Date('2027-01-01'))).toBe('SPENT');
    expect(outcomeLinkState({ spent: false, closesAt }, closesAt)).toBe('EXPIRED');
    expect(outcomeLinkState({ spent: false, closesAt }, new Date('2027-01-01'))).toBe('OPEN');
  });
});

describe('scoreOutcomeSubmission', () => {
  const allWork = { 'work-1': 75, 'work-2': 50, 'work-3': 50, 'work-4': 75, 'work-5': 50, 'work-6': 25, 'work-7': 25 };

  it('scores each instrument by its published rules (the reversed CBI item flipped), null where too few were answered', () => {
    const [scored] = scoreOutcomeSubmission([COPENHAGEN_BURNOUT_INVENTORY], { cbi: allWork });
    // work-7 is reversed: 25 counts as 75. Mean of 75, 50, 50, 75, 50, 25, 75 = 400 / 7.
    expect(scored).toEqual({ instrumentKey: 'cbi', instrumentVersion: 1, scores: { personal: null, work: 400 / 7, client: null } });
  });

  it('refuses, naming every problem by instrument and item, an answer not offered, an unknown questionnaire and one with too few answers', () => {
    let error: unknown;
    try {
      scoreOutcomeSubmission([COPENHAGEN_BURNOUT_INVENTORY, LENA_GRP_OUTCOME], {
        cbi: { ...allWork, 'work-1': 60 },
        'lena-grp-outcome': { [LENA_GRP_OUTCOME.items[0]!.key]: 1 },
        other: {},
      });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(DomainError);
    const problems = (error as DomainError).fieldProblems.map((problem) => problem.field);
    expect(problems).toEqual(expect.arrayContaining(['other', 'cbi.work-1', 'lena-grp-outcome']));
    expect((error as DomainError).code).toBe('BAD_USER_INPUT');
  });

  it('asks for every instrument the link asks', () => {
    expect(() => scoreOutcomeSubmission([COPENHAGEN_BURNOUT_INVENTORY], {})).toThrow('Answer the questions in “Copenhagen Burnout Inventory”.');
    expect(() => scoreOutcomeSubmission([COPENHAGEN_BURNOUT_INVENTORY], { cbi: { 'work-1': 'often' } })).toThrow('Choose one of the answers offered.');
  });
});

describe('ownScoreReading', () => {
  const work = { title: 'Work-related burnout', direction: ScoreDirection.HIGHER_IS_WORSE };
  // The CBI work scale's published alpha 0.87 with a group SD of 15: S_diff = √2 · 15 · √0.13 ≈ 7.65, threshold ≈ 14.99.
  const threshold = reliableChangeThreshold(15, 0.87)!;

  it('computes the reliable-change threshold as Jacobson and Truax do, and none without a spread or a reliability', () => {
    expect(threshold).toBeCloseTo(1.96 * Math.SQRT2 * 15 * Math.sqrt(0.13), 2);
    expect(reliableChangeThreshold(0, 0.87)).toBeNull();
    expect(reliableChangeThreshold(15, 1)).toBeNull();
  });

  it('reads a fall in burnout larger than the noise as a real improvement', () => {
    expect(
      ownScoreReading({
        ...work,
        scores: [
          { point: 'BASELINE', score: 62.1 },
          { point: 'FINAL', score: 45 },
        ],
        reliableChange: threshold,
      }),
    ).toBe('Work-related burnout 62 → 45: lower is better; a fall is an improvement, and a fall of this size is more than the measure’s own noise.');
  });

  it('says when a change is within the noise, when it went the wrong way, and when noise cannot yet be judged', () => {
    expect(
      ownScoreReading({
        ...work,
        scores: [
          { point: 'BASELINE', score: 50 },
          { point: 'FINAL', score: 54 },
        ],
        reliableChange: threshold,
      }),
    ).toBe(
      'Work-related burnout 50 → 54: lower is better; a rise means things have been harder, but a rise of this size is within the measure’s own noise, so it may not be a real change.',
    );
    expect(
      ownScoreReading({
        ...work,
        scores: [
          { point: 'BASELINE', score: 50 },
          { point: 'FINAL', score: 40 },
        ],
        reliableChange: null,
      }),
    ).toMatch(/a fall is an improvement\. There are not yet enough answers in your group/);
  });

  it('reads a single answer and a short scale plainly', () => {
    expect(ownScoreReading({ title: 'Feeling supported', direction: ScoreDirection.HIGHER_IS_BETTER, scores: [{ point: 'BASELINE', score: 3.25 }], reliableChange: null })).toBe(
      'Feeling supported 3.3 at the start: higher is better. Your next answers will show any change.',
    );
    expect(formatOutcomeScore(3.04)).toBe('3');
    expect(formatOutcomeScore(62.5)).toBe('63');
  });
});

describe('subscaleRange', () => {
  it('gives a mean scale its options’ range and a sum scale that range times its items', () => {
    expect(subscaleRange(COPENHAGEN_BURNOUT_INVENTORY, 'work')).toEqual({ minimum: 0, maximum: 100 });
    const summed = { ...COPENHAGEN_BURNOUT_INVENTORY, subscales: [{ ...COPENHAGEN_BURNOUT_INVENTORY.subscales[0]!, method: 'SUM' as const }] };
    expect(subscaleRange(summed, 'personal')).toEqual({ minimum: 0, maximum: 600 });
  });
});

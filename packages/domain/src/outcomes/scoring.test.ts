import { DomainError } from '../errors/domain-error.js';
import { outcomeInstrumentProblems, ScoreDirection, type OutcomeInstrument } from './instrument.js';
import { COPENHAGEN_BURNOUT_INVENTORY, instrumentUsable, LENA_GRP_OUTCOME, PROQOL_LICENCE_ENTRY, SHIPPED_OUTCOME_INSTRUMENTS } from './instrument-library.js';
import { scoreOutcome } from './scoring.js';

const cbi = (answers: Record<string, number>) => Object.fromEntries(scoreOutcome(COPENHAGEN_BURNOUT_INVENTORY, answers).map((subscale) => [subscale.key, subscale.score]));

describe('scoreOutcome: the Copenhagen Burnout Inventory’s published scoring', () => {
  // Kristensen et al. (2005): answers score 100, 75, 50, 25 and 0; a subscale is the mean of its
  // items; "enough energy for family and friends" is reversed; too few answers and there is no score.
  it.each([
    ['every personal item “Always”', { 'personal-1': 100, 'personal-2': 100, 'personal-3': 100, 'personal-4': 100, 'personal-5': 100, 'personal-6': 100 }, 100],
    ['every personal item “Never”', { 'personal-1': 0, 'personal-2': 0, 'personal-3': 0, 'personal-4': 0, 'personal-5': 0, 'personal-6': 0 }, 0],
    ['one of each answer, and “Sometimes”', { 'personal-1': 100, 'personal-2': 75, 'personal-3': 50, 'personal-4': 25, 'personal-5': 0, 'personal-6': 50 }, 50],
    ['three of six answered (the fewest that count)', { 'personal-1': 75, 'personal-2': 75, 'personal-3': 25 }, (75 + 75 + 25) / 3],
    ['two of six answered', { 'personal-1': 75, 'personal-2': 75 }, null],
  ])('personal burnout: %s', (_, answers, expected) => {
    expect(cbi(answers).personal).toBe(expected);
  });

  it('reverses the energy-for-family item: “Always” having enough energy scores 0', () => {
    const allOften = { 'work-1': 75, 'work-2': 75, 'work-3': 75, 'work-4': 75, 'work-5': 75, 'work-6': 75 };
    expect(cbi({ ...allOften, 'work-7': 100 }).work).toBeCloseTo((75 * 6 + 0) / 7, 12);
    expect(cbi({ ...allOften, 'work-7': 0 }).work).toBeCloseTo((75 * 6 + 100) / 7, 12);
  });

  it('scores each subscale on its own items only', () => {
    const scores = cbi({ 'client-1': 25, 'client-2': 25, 'client-3': 25, 'personal-1': 100 });
    expect(scores).toEqual({ personal: null, work: null, client: 25 });
  });

  it('refuses an answer that is not one of the item’s options, or a question the instrument lacks', () => {
    const attempt = (answers: Record<string, number>) => () => scoreOutcome(COPENHAGEN_BURNOUT_INVENTORY, answers);
    expect(attempt({ 'personal-1': 60 })).toThrow(DomainError);
    expect(attempt({ 'personal-1': 60 })).toThrow(/Choose one of the answers offered for “How often do you feel tired\?”/);
    try {
      attempt({ 'no-such-item': 50, 'personal-2': 50 })();
      throw new Error('expected a refusal');
    } catch (error) {
      expect((error as DomainError).code).toBe('BAD_USER_INPUT');
      expect((error as DomainError).fieldProblems.map((problem) => problem.field)).toEqual(['no-such-item']);
    }
  });
});

describe('scoreOutcome: our own forms and sums', () => {
  it('flips the reversed item within a 1–5 agreement scale', () => {
    const agreeing = { space: 5, notice: 5, understood: 5, 'self-care': 5, sustain: 5 };
    const [carryingHome] = scoreOutcome(LENA_GRP_OUTCOME, { ...agreeing, carry: 5 });
    const [notCarrying] = scoreOutcome(LENA_GRP_OUTCOME, { ...agreeing, carry: 1 });
    expect(carryingHome!.score).toBeCloseTo((5 * 5 + 1) / 6, 12);
    expect(notCarrying!.score).toBe(5);
  });

  it('prorates a sum from the mean of the items answered', () => {
    const summed: OutcomeInstrument = {
      ...LENA_GRP_OUTCOME,
      subscales: [
        { key: 'total', title: 'Total', items: ['space', 'notice', 'understood', 'sustain'], method: 'SUM', minimumAnswered: 3, direction: ScoreDirection.HIGHER_IS_BETTER },
      ],
    };
    expect(scoreOutcome(summed, { space: 4, notice: 2, understood: 3, sustain: 3 })[0]).toEqual({ key: 'total', score: 12, answered: 4 });
    expect(scoreOutcome(summed, { space: 4, notice: 2, understood: 3 })[0]).toEqual({ key: 'total', score: 12, answered: 3 });
  });
});

describe('instrument definitions and licences', () => {
  it('ships only sound definitions', () => {
    for (const instrument of SHIPPED_OUTCOME_INSTRUMENTS) expect(outcomeInstrumentProblems(instrument)).toEqual([]);
  });

  it('names what is wrong with a broken tenant-specific definition', () => {
    const broken: OutcomeInstrument = {
      ...LENA_GRP_OUTCOME,
      scales: [{ key: 'agreement', options: [{ value: 1, label: 'Yes' }] }],
      items: [...LENA_GRP_OUTCOME.items, { key: 'space', text: 'Again', scale: 'missing' }],
      subscales: [{ key: 'total', title: 'Total', items: ['space', 'ghost'], method: 'MEAN', minimumAnswered: 3, direction: ScoreDirection.HIGHER_IS_BETTER, reliability: 1.2 }],
    };
    expect(outcomeInstrumentProblems(broken)).toEqual([
      'Response scale “agreement” needs at least two options.',
      'Item “space” appears twice.',
      'Item “space” uses a response scale, “missing”, that the instrument does not define.',
      'Score “total” combines an item, “ghost”, that the instrument does not have.',
      'Score “total” needs between 1 and 2 answered items to count.',
      'Score “total” gives a reliability outside 0 to 1.',
    ]);
  });

  it('lets an organisation use ProQOL only once it has confirmed the licence', () => {
    expect(instrumentUsable(PROQOL_LICENCE_ENTRY.licence, PROQOL_LICENCE_ENTRY.key, new Set())).toBe(false);
    expect(instrumentUsable(PROQOL_LICENCE_ENTRY.licence, PROQOL_LICENCE_ENTRY.key, new Set(['proqol-5']))).toBe(true);
    expect(instrumentUsable(COPENHAGEN_BURNOUT_INVENTORY.licence, COPENHAGEN_BURNOUT_INVENTORY.key, new Set())).toBe(true);
    expect(PROQOL_LICENCE_ENTRY.licence).toMatchObject({ wordingMayChange: false, attribution: expect.stringContaining('Stamm') });
  });
});

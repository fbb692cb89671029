import { parseInput } from '../errors/parse-input.js';
import { outcomeInstrumentProblems } from './instrument.js';
import { programmeOutcomePlanSchema, tenantInstrumentSchema, tenantOutcomeInstrument, type TenantInstrumentInput } from './outcome-inputs.js';

const valid: TenantInstrumentInput = {
  key: 'team-climate',
  title: 'Team climate (4 items)',
  instructions: 'Thinking about the last month, how far do you agree?',
  licence: { holder: 'Northshire Council', terms: 'Written by the organisation for its own use.', attribution: '', wordingMayChange: true },
  scales: [
    {
      key: 'agree',
      options: [
        { value: 1, label: 'Disagree' },
        { value: 2, label: 'Neutral' },
        { value: 3, label: 'Agree' },
      ],
    },
  ],
  items: [
    { key: 'heard', text: 'I feel heard in my team.', scale: 'agree', reversed: false },
    { key: 'alone', text: 'I feel alone at work.', scale: 'agree', reversed: true },
  ],
  subscales: [{ key: 'climate', title: 'Team climate', items: ['heard', 'alone'], method: 'MEAN', minimumAnswered: 2, direction: 'HIGHER_IS_BETTER', reliability: null }],
};

describe('an organisation’s own instrument', () => {
  it('becomes a sound instrument at the given version, its licence never asking the organisation to confirm', () => {
    const instrument = tenantOutcomeInstrument(parseInput(tenantInstrumentSchema, valid), 2);
    expect(outcomeInstrumentProblems(instrument)).toEqual([]);
    expect(instrument.version).toBe(2);
    expect(instrument.licence).toEqual({
      holder: 'Northshire Council',
      terms: 'Written by the organisation for its own use.',
      attribution: null,
      wordingMayChange: true,
      tenantMustConfirm: false,
      url: null,
    });
    expect(instrument.items[1]).toEqual({ key: 'alone', text: 'I feel alone at work.', scale: 'agree', reversed: true });
    expect(instrument.items[0]).not.toHaveProperty('reversed');
    expect(instrument.subscales[0]).not.toHaveProperty('reliability');
  });

  it('may not take the key of one of the platform’s instruments', () => {
    for (const key of ['cbi', 'proqol-5', 'lena-grp-outcome']) {
      expect(() => parseInput(tenantInstrumentSchema, { ...valid, key })).toThrow('That key belongs to one of the platform’s own instruments: choose another.');
    }
  });

  it('names each shape problem by field', () => {
    expect(() => parseInput(tenantInstrumentSchema, { ...valid, key: 'Team Climate', title: ' ' })).toThrow(
      expect.objectContaining({ fieldProblems: [expect.objectContaining({ field: 'key' }), { field: 'title', message: 'Give a title.' }] }),
    );
  });

  it('leaves the instrument’s coherence to outcomeInstrumentProblems: an item on a scale it lacks', () => {
    const parsed = parseInput(tenantInstrumentSchema, { ...valid, items: [{ ...valid.items[0], scale: 'frequency' }, valid.items[1]] });
    expect(outcomeInstrumentProblems(tenantOutcomeInstrument(parsed, 1))).toEqual(['Item “heard” uses a response scale, “frequency”, that the instrument does not define.']);
  });
});

describe('a programme’s outcome plan', () => {
  it.each([
    [{ instrumentKeys: [], midpoint: false, followUpMonths: null }, 'Choose at least one instrument.'],
    [{ instrumentKeys: ['cbi', 'cbi'], midpoint: false, followUpMonths: null }, 'Choose each instrument once.'],
    [{ instrumentKeys: ['a', 'b', 'c', 'd'], midpoint: false, followUpMonths: null }, 'Choose at most 3 instruments: each adds to what everyone answers.'],
    [{ instrumentKeys: ['cbi'], midpoint: true, followUpMonths: 13 }, 'A follow-up comes at most 12 months after the last session.'],
  ])('refuses %j: %s', (input, message) => {
    expect(() => parseInput(programmeOutcomePlanSchema, input)).toThrow(message);
  });

  it('accepts one to three distinct instruments with an optional midpoint and follow-up', () => {
    expect(parseInput(programmeOutcomePlanSchema, { instrumentKeys: ['cbi', 'lena-grp-outcome'], midpoint: true, followUpMonths: 3 })).toEqual({
      instrumentKeys: ['cbi', 'lena-grp-outcome'],
      midpoint: true,
      followUpMonths: 3,
    });
  });
});

import { describe, expect, it } from 'vitest';
import { instrumentInput, type InstrumentDraft } from './instrument-draft.js';

const draft: InstrumentDraft = {
  key: 'team-climate',
  title: 'Team climate',
  instructions: 'Thinking about the last month…',
  holder: 'Northshire Council',
  terms: 'Its own.',
  attribution: '',
  wordingMayChange: true,
  choices: 'Disagree\nNeither\n\nAgree',
  items: 'I feel heard.\n(R) I feel alone.\nI feel valued.',
  scores: '',
  direction: 'HIGHER_IS_BETTER',
};

describe('instrumentInput', () => {
  it('scores the choices 1, 2, 3 in order, reverses “(R)” items, and makes one score over every item when none is given', () => {
    const result = instrumentInput('t1', draft);
    expect(result).toEqual({
      input: {
        tenantId: 't1',
        key: 'team-climate',
        title: 'Team climate',
        instructions: 'Thinking about the last month…',
        licence: { holder: 'Northshire Council', terms: 'Its own.', attribution: null, wordingMayChange: true },
        scales: [
          {
            key: 'answers',
            options: [
              { value: 1, label: 'Disagree' },
              { value: 2, label: 'Neither' },
              { value: 3, label: 'Agree' },
            ],
          },
        ],
        items: [
          { key: 'item-1', text: 'I feel heard.', scale: 'answers', reversed: false },
          { key: 'item-2', text: 'I feel alone.', scale: 'answers', reversed: true },
          { key: 'item-3', text: 'I feel valued.', scale: 'answers', reversed: false },
        ],
        subscales: [
          {
            key: 'team-climate',
            title: 'Team climate',
            items: ['item-1', 'item-2', 'item-3'],
            method: 'MEAN',
            minimumAnswered: 2,
            direction: 'HIGHER_IS_BETTER',
            reliability: null,
          },
        ],
      },
    });
  });

  it('reads scores as “Title: item numbers”', () => {
    const result = instrumentInput('t1', { ...draft, scores: 'Belonging: 1, 2\nWorth: 3' });
    expect('input' in result && result.input.subscales.map((score) => [score.key, score.items, score.minimumAnswered])).toEqual([
      ['belonging', ['item-1', 'item-2'], 1],
      ['worth', ['item-3'], 1],
    ]);
  });

  it('names each problem by field before anything is sent', () => {
    expect(instrumentInput('t1', { ...draft, choices: 'Only one', items: 'One item', scores: 'Nothing: 2' })).toEqual({
      problems: [
        { field: 'choices', message: 'Give at least two answer choices, one a line.' },
        { field: 'scores', message: 'Write the score “Nothing: 2” as its title, a colon and its item numbers from 1 to 1, like “Support: 1, 2, 4”.' },
      ],
    });
  });
});

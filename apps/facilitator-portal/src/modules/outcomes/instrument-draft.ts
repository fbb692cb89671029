import type { TenantInstrumentInput } from '@lena/graphql-client';

/** What the "Add an instrument" form holds: plain text, one thing a line, as a person writes it. */
export interface InstrumentDraft {
  key: string;
  title: string;
  instructions: string;
  holder: string;
  terms: string;
  attribution: string;
  wordingMayChange: boolean;
  /** Answer choices, lowest first, one a line: scored 1, 2, 3… in that order. */
  choices: string;
  /** Items, one a line; a line starting "(R)" is scored the other way round. */
  items: string;
  /** Scores, one a line: "Title: 1, 2, 4" (item numbers); none means one score over every item. */
  scores: string;
  direction: 'HIGHER_IS_BETTER' | 'HIGHER_IS_WORSE';
}

export interface FieldProblem {
  field: string;
  message: string;
}

const lines = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

/** "Team climate" → "team-climate": keys people never have to type. */
export function keyFrom(text: string): string {
  return (
    text
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40) || 'score'
  );
}

/**
 * The API's input from the form, or the problems that stop it being sent. A score's items are
 * given by number; a score counts when at least all but one of its items are answered. What
 * remains to check (an instrument that hangs together) the API checks and words.
 */
export function instrumentInput(tenantId: string, draft: InstrumentDraft): { input: TenantInstrumentInput } | { problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const choices = lines(draft.choices);
  const itemLines = lines(draft.items);
  if (choices.length < 2) problems.push({ field: 'choices', message: 'Give at least two answer choices, one a line.' });
  if (itemLines.length === 0) problems.push({ field: 'items', message: 'Give at least one item, one a line.' });
  const items = itemLines.map((line, index) => {
    const reversed = /^\(R\)\s*/i.test(line);
    return { key: `item-${index + 1}`, text: line.replace(/^\(R\)\s*/i, ''), scale: 'answers', reversed };
  });
  const scoreLines = lines(draft.scores);
  const scores = (scoreLines.length > 0 ? scoreLines : [`${draft.title.trim() || 'Score'}: ${items.map((_, index) => index + 1).join(', ')}`]).map((line) => {
    const [title = '', numbers = ''] = line.split(/:(?=[^:]*$)/);
    const picked = numbers
      .split(',')
      .map((number) => number.trim())
      .filter(Boolean);
    if (!title.trim() || picked.length === 0 || picked.some((number) => !/^\d+$/.test(number) || Number(number) < 1 || Number(number) > items.length)) {
      problems.push({ field: 'scores', message: `Write the score “${line}” as its title, a colon and its item numbers from 1 to ${items.length}, like “Support: 1, 2, 4”.` });
    }
    const itemKeys = [...new Set(picked.map((number) => `item-${Number(number)}`))];
    return {
      key: keyFrom(title),
      title: title.trim(),
      items: itemKeys,
      method: 'MEAN',
      minimumAnswered: Math.max(1, itemKeys.length - 1),
      direction: draft.direction,
      reliability: null,
    };
  });
  if (problems.length > 0) return { problems };
  return {
    input: {
      tenantId,
      key: draft.key.trim(),
      title: draft.title.trim(),
      instructions: draft.instructions.trim(),
      licence: { holder: draft.holder.trim(), terms: draft.terms.trim(), attribution: draft.attribution.trim() || null, wordingMayChange: draft.wordingMayChange },
      scales: [{ key: 'answers', options: choices.map((label, index) => ({ value: index + 1, label })) }],
      items,
      subscales: scores,
    },
  };
}

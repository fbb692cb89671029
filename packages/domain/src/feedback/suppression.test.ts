import { decideFilteredSuppression, decideSuppression, suppressionMessage, type FigureDecision, type FigureRequest, type SuppressionThresholds } from './suppression.js';

const DEFAULTS: SuppressionThresholds = { minGroupSize: 5, minCommentGroupSize: 10, commentsEnabled: true };

function scores(key: string, cells: string[]): FigureRequest {
  return { key, kind: 'SCORES', cells };
}

function shownKeys(decisions: FigureDecision[]): string[] {
  return decisions.filter((decision) => decision.shown).map((decision) => decision.key);
}

function byKey(decisions: FigureDecision[]): Record<string, FigureDecision> {
  return Object.fromEntries(decisions.map((decision) => [decision.key, decision]));
}

/**
 * The attacker: everything derivable from the shown figures' counts is a linear combination of
 * them (sums and differences, any number of them). For every group of cells, check whether its
 * indicator lies in the span of the shown figures' indicators (Gaussian elimination), and if it
 * does and covers 1 to threshold − 1 people, that group has been isolated. Brute force over every
 * subset of cells, so only for small examples, which is what it is for.
 */
function isolatedGroups(figures: readonly FigureRequest[], decisions: readonly FigureDecision[], counts: Record<string, number>, threshold: number): string[][] {
  const cells = [...new Set(figures.flatMap((figure) => figure.cells))].sort();
  const shownVectors = figures.filter((_, index) => decisions[index]!.shown).map((figure) => cells.map((cell) => (figure.cells.includes(cell) ? 1 : 0)));
  const baseRank = rank(shownVectors);
  const leaks: string[][] = [];
  for (let mask = 1; mask < 1 << cells.length; mask += 1) {
    const group = cells.filter((_, index) => mask & (1 << index));
    const count = group.reduce((sum, cell) => sum + (counts[cell] ?? 0), 0);
    if (count === 0 || count >= threshold) continue;
    const vector = cells.map((_, index) => (mask & (1 << index) ? 1 : 0));
    if (rank([...shownVectors, vector]) === baseRank) leaks.push(group);
  }
  return leaks;
}

function rank(rows: number[][]): number {
  const matrix = rows.map((row) => [...row]);
  let rankSoFar = 0;
  const width = matrix[0]?.length ?? 0;
  for (let column = 0; column < width && rankSoFar < matrix.length; column += 1) {
    const pivot = matrix.findIndex((row, index) => index >= rankSoFar && Math.abs(row[column]!) > 1e-9);
    if (pivot === -1) continue;
    [matrix[rankSoFar], matrix[pivot]] = [matrix[pivot]!, matrix[rankSoFar]!];
    const pivotRow = matrix[rankSoFar]!;
    for (let index = 0; index < matrix.length; index += 1) {
      if (index === rankSoFar) continue;
      const factor = matrix[index]![column]! / pivotRow[column]!;
      if (factor !== 0) matrix[index] = matrix[index]!.map((value, at) => value - factor * pivotRow[at]!);
    }
    rankSoFar += 1;
  }
  return rankSoFar;
}

describe('decideSuppression: one figure on its own', () => {
  it.each([
    { count: 0, shown: false },
    { count: 1, shown: false },
    { count: 4, shown: false },
    { count: 5, shown: true },
    { count: 12, shown: true },
  ])('a group of $count is shown: $shown', ({ count, shown }) => {
    const [decision] = decideSuppression([scores('session', ['s1'])], { s1: count }, DEFAULTS);
    expect(decision).toEqual(shown ? { key: 'session', shown: true, count } : { key: 'session', shown: false, reason: 'TOO_FEW_RESPONSES', threshold: 5 });
  });

  it('follows the organisation’s own minimum group size', () => {
    const [decision] = decideSuppression([scores('session', ['s1'])], { s1: 7 }, { ...DEFAULTS, minGroupSize: 8 });
    expect(decision).toMatchObject({ shown: false, reason: 'TOO_FEW_RESPONSES', threshold: 8 });
    expect(suppressionMessage(decision as Extract<FigureDecision, { shown: false }>)).toBe('Fewer than 8 responses');
  });

  it('says "Fewer than 5 responses" by default', () => {
    const [decision] = decideSuppression([scores('session', ['s1'])], { s1: 3 }, DEFAULTS);
    expect(decision!.shown).toBe(false);
    expect(suppressionMessage(decision as Extract<FigureDecision, { shown: false }>)).toBe('Fewer than 5 responses');
  });
});

describe('decideSuppression: comments', () => {
  const figures: FigureRequest[] = [{ key: 'comments', kind: 'COMMENTS', cells: ['s1'] }];

  it.each([
    { count: 9, enabled: true, expected: { shown: false, reason: 'TOO_FEW_RESPONSES', threshold: 10 } },
    { count: 10, enabled: true, expected: { shown: true, count: 10 } },
    { count: 40, enabled: false, expected: { shown: false, reason: 'COMMENTS_OFF' } },
  ])('$count responses, comments on: $enabled', ({ count, enabled, expected }) => {
    const [decision] = decideSuppression(figures, { s1: count }, { ...DEFAULTS, commentsEnabled: enabled });
    expect(decision).toMatchObject(expected);
  });

  it('never asks less of comments than of any other figure', () => {
    const [decision] = decideSuppression(figures, { s1: 10 }, { ...DEFAULTS, minGroupSize: 12, minCommentGroupSize: 10 });
    expect(decision).toMatchObject({ shown: false, threshold: 12 });
  });

  it('decides comments and scores apart: comment lists hide each other, not scores', () => {
    const figures: FigureRequest[] = [
      { key: 'programme-comments', kind: 'COMMENTS', cells: ['s1', 's2'] },
      { key: 's1-comments', kind: 'COMMENTS', cells: ['s1'] },
      { key: 's2-comments', kind: 'COMMENTS', cells: ['s2'] },
      scores('programme', ['s1', 's2']),
      scores('s1', ['s1']),
      scores('s2', ['s2']),
    ];
    const decisions = byKey(decideSuppression(figures, { s1: 12, s2: 6 }, DEFAULTS));
    // s2's six comments are too few; with the programme's and s1's lists both shown, the
    // programme's less s1's would be exactly s2's, so s1's list goes too.
    expect(decisions['s2-comments']).toMatchObject({ shown: false, reason: 'TOO_FEW_RESPONSES' });
    expect(decisions['s1-comments']).toMatchObject({ shown: false, reason: 'PROTECTS_ANOTHER_GROUP' });
    expect(decisions['programme-comments']).toMatchObject({ shown: true, count: 18 });
    expect([decisions.programme, decisions.s1, decisions.s2].every((decision) => decision!.shown)).toBe(true);
  });
});

describe('decideSuppression: complementary suppression (the subtraction attack)', () => {
  it('a total and its parts: hiding one small part hides another, so the total less the shown parts is no one person', () => {
    const figures = [scores('programme', ['s1', 's2']), scores('s1', ['s1']), scores('s2', ['s2'])];
    const counts = { s1: 6, s2: 3 };
    const naive = figures.map((figure) => figure.cells.reduce((sum, cell) => sum + counts[cell as keyof typeof counts], 0));
    // The attack on a screen that hid only the small session: programme (9) less s1 (6) = s2 (3).
    expect(naive[0]! - naive[1]!).toBe(3);

    const decisions = decideSuppression(figures, counts, DEFAULTS);
    expect(byKey(decisions)).toEqual({
      programme: { key: 'programme', shown: true, count: 9 },
      s1: { key: 's1', shown: false, reason: 'PROTECTS_ANOTHER_GROUP', threshold: 5 },
      s2: { key: 's2', shown: false, reason: 'TOO_FEW_RESPONSES', threshold: 5 },
    });
    expect(isolatedGroups(figures, decisions, counts, 5)).toEqual([]);
  });

  it('hides the smallest further part only, when that leaves enough people unaccounted for', () => {
    const figures = [scores('programme', ['s1', 's2', 's3', 's4']), scores('s1', ['s1']), scores('s2', ['s2']), scores('s3', ['s3']), scores('s4', ['s4'])];
    const counts = { s1: 8, s2: 6, s3: 2, s4: 9 };
    const decisions = decideSuppression(figures, counts, DEFAULTS);
    expect(shownKeys(decisions)).toEqual(['programme', 's1', 's4']);
    expect(byKey(decisions).s2).toMatchObject({ shown: false, reason: 'PROTECTS_ANOTHER_GROUP' });
    expect(isolatedGroups(figures, decisions, counts, 5)).toEqual([]);
  });

  it('leaves everything shown when every part is big enough', () => {
    const figures = [scores('programme', ['s1', 's2']), scores('s1', ['s1']), scores('s2', ['s2'])];
    expect(shownKeys(decideSuppression(figures, { s1: 5, s2: 7 }, DEFAULTS))).toEqual(['programme', 's1', 's2']);
  });

  it('a session with no responses at all gives nothing away and hides nothing else', () => {
    const figures = [scores('programme', ['s1', 's2', 's3']), scores('s1', ['s1']), scores('s2', ['s2']), scores('s3', ['s3'])];
    const decisions = decideSuppression(figures, { s1: 5, s2: 6, s3: 0 }, DEFAULTS);
    expect(shownKeys(decisions)).toEqual(['programme', 's1', 's2']);
  });

  it('two nested aggregates (a filter and a narrower one) whose difference is below the threshold: the narrower is hidden', () => {
    const figures = [scores('all-teams', ['a', 'b', 'c']), scores('without-nights', ['a', 'b'])];
    const counts = { a: 6, b: 5, c: 2 };
    const decisions = decideSuppression(figures, counts, DEFAULTS);
    expect(byKey(decisions)['without-nights']).toMatchObject({ shown: false, reason: 'PROTECTS_ANOTHER_GROUP' });
    expect(byKey(decisions)['all-teams']).toMatchObject({ shown: true, count: 13 });
    expect(isolatedGroups(figures, decisions, counts, 5)).toEqual([]);
  });

  it('two overlapping aggregates and one around both: the sum less the whole would isolate the overlap', () => {
    const figures = [scores('whole', ['x', 'y', 'z']), scores('left', ['x', 'y']), scores('right', ['y', 'z'])];
    const counts = { x: 5, y: 1, z: 5 };
    // left (6) + right (6) − whole (11) = the one person in y.
    expect(6 + 6 - 11).toBe(1);
    const decisions = decideSuppression(figures, counts, DEFAULTS);
    expect(shownKeys(decisions)).toEqual(['whole', 'left']);
    expect(isolatedGroups(figures, decisions, counts, 5)).toEqual([]);
  });

  it('finds no isolated small group in hundreds of random programmes, filters and overlaps (the brute-force attacker)', () => {
    let seed = 20261207;
    const random = (): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    let checked = 0;
    for (let round = 0; round < 400; round += 1) {
      const cellNames = ['a', 'b', 'c', 'd', 'e'].slice(0, 2 + Math.floor(random() * 4));
      const counts = Object.fromEntries(cellNames.map((cell) => [cell, Math.floor(random() * 9)]));
      const figures: FigureRequest[] = [scores('total', cellNames), ...cellNames.map((cell) => scores(`cell-${cell}`, [cell]))];
      const extra = Math.floor(random() * 3);
      for (let index = 0; index < extra; index += 1) {
        const cells = cellNames.filter(() => random() < 0.5);
        if (cells.length > 0) figures.push(scores(`filter-${index}`, cells));
      }
      const decisions = decideSuppression(figures, counts, DEFAULTS);
      for (const decision of decisions) if (decision.shown) expect(decision.count).toBeGreaterThanOrEqual(5);
      expect({ counts, figures: figures.map((figure) => figure.cells.join('')), leaks: isolatedGroups(figures, decisions, counts, 5) }).toMatchObject({ leaks: [] });
      checked += 1;
    }
    expect(checked).toBe(400);
  });
});

describe('decideFilteredSuppression: figures behind filters', () => {
  const thresholds: SuppressionThresholds = { minGroupSize: 5, minCommentGroupSize: 10, commentsEnabled: false };
  // Programmes A (6 people) and B (4) in team X, C (7) in team Y.
  const counts = { A: 6, B: 4, C: 7 };
  const published: FigureRequest[] = [
    { key: 'org', kind: 'SCORES', cells: ['A', 'B', 'C'] },
    { key: 'A', kind: 'SCORES', cells: ['A'] },
    { key: 'B', kind: 'SCORES', cells: ['B'] },
    { key: 'C', kind: 'SCORES', cells: ['C'] },
  ];

  it('withholds a filter whose total with another filter’s would isolate the small programme', () => {
    const teamX = decideFilteredSuppression(published, [{ key: 'team-x', kind: 'SCORES', cells: ['A', 'B'] }], counts, thresholds);
    const onlyA = decideFilteredSuppression(published, [{ key: 'only-a', kind: 'SCORES', cells: ['A'] }], counts, thresholds);
    // B alone is too few; A and C cannot both show beside the total (total − A − C = B).
    expect(teamX.published.find((decision) => decision.key === 'B')).toMatchObject({ shown: false, reason: 'TOO_FEW_RESPONSES' });
    const shownTotals = [...teamX.filtered, ...onlyA.filtered].filter((decision) => decision.shown);
    // At most one of "team X" (10) and "A" (6) is ever shown, so their difference (B, 4) is never available.
    expect(shownTotals.length).toBeLessThanOrEqual(1);
    const publishedShown = teamX.published.filter((decision) => decision.shown).map((decision) => decision.key);
    expect(publishedShown).toContain('org');
    expect(publishedShown.filter((key) => key === 'A' || key === 'C')).toHaveLength(1);
  });

  it('shows a filtered total that the published figures already give', () => {
    const { filtered } = decideFilteredSuppression(published, [{ key: 'all', kind: 'SCORES', cells: ['A', 'B', 'C'] }], counts, thresholds);
    expect(filtered).toEqual([{ key: 'all', shown: true, count: 17 }]);
  });

  it('withholds a filtered figure below the threshold, or whose complement is', () => {
    const { filtered } = decideFilteredSuppression(
      [{ key: 'org', kind: 'SCORES', cells: ['A', 'B', 'C'] }, ...published.slice(1)],
      [
        { key: 'b', kind: 'SCORES', cells: ['B'] },
        { key: 'a-c', kind: 'SCORES', cells: ['A', 'C'] },
      ],
      counts,
      thresholds,
    );
    expect(filtered[0]).toMatchObject({ shown: false, reason: 'TOO_FEW_RESPONSES' });
    expect(filtered[1]).toMatchObject({ shown: false, reason: 'PROTECTS_ANOTHER_GROUP' });
  });
});

/**
 * Small-group suppression: the one rule every channel (API, portals, exports) applies before it
 * shows a figure computed from feedback, so that no figure, and no difference between figures,
 * describes fewer people than the organisation's minimum group size.
 *
 * The model. Responses fall into disjoint *cells* (a session's responses, say), each with a count.
 * A *figure* is something a screen could show (a count, means, a distribution, a list of comments)
 * computed over a union of cells: a session is one cell, a programme all of its sessions' cells, a
 * filtered view some of them. A figure is shown only when
 *
 * 1. it covers at least the threshold (the minimum group size; for comments, the comment threshold,
 *    and only if comments are on at all); and
 * 2. nothing it leaves beside another shown figure can be worked out by subtraction:
 *    - two shown figures, one inside the other, whose difference covers 1 to threshold − 1 people
 *      (a total and a filtered total, two overlapping filters): the smaller is hidden;
 *    - a shown total whose shown parts leave a remainder of 1 to threshold − 1 people (total minus
 *      the parts shown = the parts hidden): another part is hidden, the smallest, until the
 *      remainder is empty or big enough;
 *    - two shown figures that overlap, neither inside the other, where the overlap or either
 *      side's rest covers 1 to threshold − 1 people: the smaller is hidden (with any figure around
 *      both, sums and differences would isolate that piece).
 *
 * The remainder is reckoned conservatively (every cell of the total not inside some shown part),
 * so overlapping parts can only make it hide more, never less. After these named rules, an
 * exhaustive check tries every small group against everything the shown figures let one compute
 * (any sum or difference of them), within a budget that covers programmes of dozens of sessions. Figures of different kinds are
 * decided separately, each against its own threshold, because comments cannot be subtracted from
 * means (and vice versa).
 */

export type FigureKind = 'SCORES' | 'COMMENTS';

export interface SuppressionThresholds {
  /** The organisation's minimum group size for any figure (default 5). */
  minGroupSize: number;
  /** The minimum for free-text comments (default 10). */
  minCommentGroupSize: number;
  /** Whether comments may be shown at all (off by default for GRP). */
  commentsEnabled: boolean;
}

export const DEFAULT_MIN_GROUP_SIZE = 5;
export const DEFAULT_MIN_COMMENT_GROUP_SIZE = 10;

export interface FigureRequest {
  key: string;
  kind: FigureKind;
  /** The cells it is computed over. */
  cells: readonly string[];
}

export type SuppressionReason =
  /** Fewer respondents than the threshold. */
  | 'TOO_FEW_RESPONSES'
  /** Enough respondents, but showing it would let a smaller group be worked out from other figures. */
  | 'PROTECTS_ANOTHER_GROUP'
  /** Comments are turned off for this kind of programme. */
  | 'COMMENTS_OFF';

export type FigureDecision = { key: string; shown: true; count: number } | { key: string; shown: false; reason: SuppressionReason; threshold: number };

interface Candidate {
  key: string;
  cells: ReadonlySet<string>;
  count: number;
}

/**
 * Decides, for each requested figure, whether it may be shown. `cellCounts` are the respondents
 * in each cell (a cell missing from it counts 0). Decisions come back in the order requested.
 */
export function decideSuppression(figures: readonly FigureRequest[], cellCounts: Readonly<Record<string, number>>, thresholds: SuppressionThresholds): FigureDecision[] {
  const decisions = new Map<string, FigureDecision>();
  for (const kind of ['SCORES', 'COMMENTS'] as const) {
    const ofKind = figures.filter((figure) => figure.kind === kind);
    if (ofKind.length === 0) continue;
    const threshold = kind === 'SCORES' ? thresholds.minGroupSize : Math.max(thresholds.minCommentGroupSize, thresholds.minGroupSize);
    if (kind === 'COMMENTS' && !thresholds.commentsEnabled) {
      for (const figure of ofKind) decisions.set(figure.key, { key: figure.key, shown: false, reason: 'COMMENTS_OFF', threshold });
      continue;
    }
    for (const decision of decideKind(ofKind, cellCounts, threshold)) decisions.set(decision.key, decision);
  }
  return figures.map((figure) => decisions.get(figure.key)!);
}

function decideKind(figures: readonly FigureRequest[], cellCounts: Readonly<Record<string, number>>, threshold: number): FigureDecision[] {
  const countOf = (cells: Iterable<string>): number => {
    let total = 0;
    for (const cell of cells) total += Math.max(0, cellCounts[cell] ?? 0);
    return total;
  };
  const candidates: Candidate[] = figures.map((figure) => {
    const cells = new Set(figure.cells);
    return { key: figure.key, cells, count: countOf(cells) };
  });
  const reasons = new Map<string, SuppressionReason>();
  // Primary suppression: too few people in the figure itself.
  for (const candidate of candidates) if (candidate.count < threshold) reasons.set(candidate.key, 'TOO_FEW_RESPONSES');

  const risky = (count: number): boolean => count > 0 && count < threshold;
  const shown = (): Candidate[] => candidates.filter((candidate) => !reasons.has(candidate.key));
  const hide = (candidate: Candidate): void => {
    reasons.set(candidate.key, 'PROTECTS_ANOTHER_GROUP');
  };

  // Complementary suppression, to a fixed point: each hiding can expose another remainder. Every
  // round hides one more figure or stops, so it ends. The named rules first (they explain most
  // cases and scale to any size), then the exhaustive check of every small group.
  for (;;) {
    const visible = shown();
    const exposure = findExposure(visible, countOf, risky) ?? findDerivableSmallGroup(visible, cellCounts, threshold);
    if (!exposure) break;
    hide(exposure);
  }

  return candidates.map((candidate) => {
    const reason = reasons.get(candidate.key);
    return reason ? { key: candidate.key, shown: false, reason, threshold } : { key: candidate.key, shown: true, count: candidate.count };
  });
}

/** A shown figure that must be hidden so no small group can be derived, or undefined if none. */
function findExposure(visible: readonly Candidate[], countOf: (cells: Iterable<string>) => number, risky: (count: number) => boolean): Candidate | undefined {
  const byPrecedence = [...visible].sort((a, b) => a.count - b.count || a.key.localeCompare(b.key));
  for (const total of visible) {
    const parts = byPrecedence.filter((part) => part !== total && isSubset(part.cells, total.cells));
    // A figure inside another, over a different set of people: their difference is one group.
    for (const part of parts) {
      if (risky(total.count - part.count)) return part;
    }
    // Two figures that overlap, neither inside the other: with a third around both, their sum less
    // that third isolates the overlap (and each less the overlap isolates the rest), so any small
    // piece of the pair hides the smaller of them. Conservative: it does not wait for the third.
    for (const other of byPrecedence) {
      if (other === total || isSubset(other.cells, total.cells) || isSubset(total.cells, other.cells)) continue;
      const shared = [...total.cells].filter((cell) => other.cells.has(cell));
      if (shared.length === 0) continue;
      const onlyTotal = [...total.cells].filter((cell) => !other.cells.has(cell));
      const onlyOther = [...other.cells].filter((cell) => !total.cells.has(cell));
      if ([shared, onlyTotal, onlyOther].some((piece) => risky(countOf(piece))))
        return total.count < other.count || (total.count === other.count && total.key > other.key) ? total : other;
    }
    if (parts.length < 2) continue;
    // A total beside several of its parts: the total minus the parts is what they leave out.
    const covered = new Set<string>();
    for (const part of parts) for (const cell of part.cells) covered.add(cell);
    const remainder = [...total.cells].filter((cell) => !covered.has(cell));
    if (risky(countOf(remainder))) return parts.find((part) => part.count > 0);
  }
  return undefined;
}

/** How many candidate groups the exhaustive check examines per round before it leaves the rest to the named rules. */
const EXHAUSTIVE_BUDGET = 50_000;

/**
 * The exhaustive check. Whatever can be worked out from shown counts (and the sums, means and
 * distributions behind them) is a linear combination of the shown figures. A small group is any
 * set of cells covering 1 to threshold − 1 people, so it has fewer than `threshold` non-empty
 * cells: enumerate those (empty cells add nobody, so they are left free) and test each against
 * the span of the shown figures. For a group that can be derived, hide the smallest shown figure
 * that covers any of it (every way of deriving it uses one). Beyond the budget the named rules
 * alone decide.
 */
function findDerivableSmallGroup(visible: readonly Candidate[], cellCounts: Readonly<Record<string, number>>, threshold: number): Candidate | undefined {
  if (visible.length === 0) return undefined;
  const occupied = [...new Set(visible.flatMap((candidate) => [...candidate.cells]))].filter((cell) => (cellCounts[cell] ?? 0) > 0).sort();
  const basis = reducedBasis(visible.map((candidate) => occupied.map((cell) => (candidate.cells.has(cell) ? 1 : 0))));
  const byPrecedence = [...visible].sort((a, b) => a.count - b.count || a.key.localeCompare(b.key));
  let examined = 0;
  let found: Candidate | undefined;
  const choose = (start: number, chosen: number[], total: number): boolean => {
    if (chosen.length > 0) {
      examined += 1;
      if (examined > EXHAUSTIVE_BUDGET) return true;
      const vector = occupied.map((_, index) => (chosen.includes(index) ? 1 : 0));
      if (inSpan(basis, vector)) {
        const group = new Set(chosen.map((index) => occupied[index]!));
        found = byPrecedence.find((candidate) => [...candidate.cells].some((cell) => group.has(cell)));
        return true;
      }
    }
    for (let index = start; index < occupied.length; index += 1) {
      const next = total + (cellCounts[occupied[index]!] ?? 0);
      if (next >= threshold) continue;
      if (choose(index + 1, [...chosen, index], next)) return true;
    }
    return false;
  };
  choose(0, [], 0);
  return found;
}

/**
 * Figures behind filters. A dashboard lets its reader choose filters, one request at a time, so a
 * figure shown for one filter can be set beside a figure shown for another: deciding each
 * request's figures alone would let two filters' totals differ by a small group. So the figures
 * are decided in two tiers:
 *
 * - `published`: a fixed family the same for every request (the organisation's total and each
 *   of its groups, say), decided together by `decideSuppression`;
 * - `filtered`: the figures this request adds (a filtered total, a month of a trend). Each is shown
 *   only if it covers at least the threshold, its complement within everything published covers
 *   none or at least the threshold, and it can already be worked out from the shown published
 *   figures (it lies in their span). Then nothing any request shows, alone or with any other, tells
 *   more than the published figures do, and those reveal no small group.
 */
export function decideFilteredSuppression(
  published: readonly FigureRequest[],
  filtered: readonly FigureRequest[],
  cellCounts: Readonly<Record<string, number>>,
  thresholds: SuppressionThresholds,
): { published: FigureDecision[]; filtered: FigureDecision[] } {
  const publishedDecisions = decideSuppression(published, cellCounts, thresholds);
  const shownByKind = new Map<FigureKind, FigureRequest[]>();
  published.forEach((figure, index) => {
    if (!publishedDecisions[index]!.shown) return;
    shownByKind.set(figure.kind, [...(shownByKind.get(figure.kind) ?? []), figure]);
  });
  const everyCell = new Map<FigureKind, Set<string>>();
  for (const figure of published) {
    const cells = everyCell.get(figure.kind) ?? new Set<string>();
    for (const cell of figure.cells) cells.add(cell);
    everyCell.set(figure.kind, cells);
  }
  const countOf = (cells: Iterable<string>): number => {
    let total = 0;
    for (const cell of new Set(cells)) total += Math.max(0, cellCounts[cell] ?? 0);
    return total;
  };
  const filteredDecisions = filtered.map((figure): FigureDecision => {
    const threshold = figure.kind === 'SCORES' ? thresholds.minGroupSize : Math.max(thresholds.minCommentGroupSize, thresholds.minGroupSize);
    if (figure.kind === 'COMMENTS' && !thresholds.commentsEnabled) return { key: figure.key, shown: false, reason: 'COMMENTS_OFF', threshold };
    const count = countOf(figure.cells);
    if (count < threshold) return { key: figure.key, shown: false, reason: 'TOO_FEW_RESPONSES', threshold };
    const inside = new Set(figure.cells);
    const complement = countOf([...(everyCell.get(figure.kind) ?? [])].filter((cell) => !inside.has(cell)));
    const shown = shownByKind.get(figure.kind) ?? [];
    const occupied = [...new Set([...shown.flatMap((candidate) => candidate.cells), ...figure.cells])].filter((cell) => (cellCounts[cell] ?? 0) > 0).sort();
    const basis = reducedBasis(shown.map((candidate) => occupied.map((cell) => (candidate.cells.includes(cell) ? 1 : 0))));
    const derivable = inSpan(
      basis,
      occupied.map((cell) => (inside.has(cell) ? 1 : 0)),
    );
    if ((complement > 0 && complement < threshold) || !derivable) return { key: figure.key, shown: false, reason: 'PROTECTS_ANOTHER_GROUP', threshold };
    return { key: figure.key, shown: true, count };
  });
  return { published: publishedDecisions, filtered: filteredDecisions };
}

/** Rows in reduced row echelon form (pivot column with each), for membership tests. */
function reducedBasis(rows: number[][]): Array<{ pivot: number; row: number[] }> {
  const basis: Array<{ pivot: number; row: number[] }> = [];
  for (const original of rows) {
    const row = reduce(basis, original);
    const pivot = row.findIndex((value) => Math.abs(value) > 1e-9);
    if (pivot === -1) continue;
    const scaled = row.map((value) => value / row[pivot]!);
    for (const entry of basis) {
      const factor = entry.row[pivot]!;
      if (factor !== 0) entry.row = entry.row.map((value, index) => value - factor * scaled[index]!);
    }
    basis.push({ pivot, row: scaled });
  }
  return basis;
}

function reduce(basis: ReadonlyArray<{ pivot: number; row: number[] }>, vector: readonly number[]): number[] {
  let result = [...vector];
  for (const { pivot, row } of basis) {
    const factor = result[pivot]!;
    if (Math.abs(factor) > 1e-9) result = result.map((value, index) => value - factor * row[index]!);
  }
  return result;
}

function inSpan(basis: ReadonlyArray<{ pivot: number; row: number[] }>, vector: readonly number[]): boolean {
  return reduce(basis, vector).every((value) => Math.abs(value) < 1e-9);
}

function isSubset(inner: ReadonlySet<string>, outer: ReadonlySet<string>): boolean {
  if (inner.size > outer.size) return false;
  for (const cell of inner) if (!outer.has(cell)) return false;
  return true;
}

/** What a screen says in place of a suppressed figure. */
export function suppressionMessage(decision: Extract<FigureDecision, { shown: false }>): string {
  switch (decision.reason) {
    case 'TOO_FEW_RESPONSES':
      return `Fewer than ${decision.threshold} responses`;
    case 'PROTECTS_ANOTHER_GROUP':
      return 'Hidden so that a smaller group’s answers cannot be worked out from the other figures';
    case 'COMMENTS_OFF':
      return 'Comments are not shown for this programme';
  }
}

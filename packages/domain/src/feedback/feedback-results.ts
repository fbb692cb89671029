import { scaleItems, textItems, type Instrument } from './instrument.js';
import { decideSuppression, suppressionMessage, type FigureDecision, type SuppressionReason, type SuppressionThresholds } from './suppression.js';

/** What one cell (a session's responses) holds: how many responded, each scale item's answers by value, its comments. */
export interface CellTally {
  responses: number;
  /** Item id → the number of answers of each value, index 0 for value 1 … index 4 for value 5. */
  histograms: Readonly<Record<string, readonly number[]>>;
  /** Free-text answers, any order. */
  comments: readonly string[];
  /**
   * How many responded when `comments` were taken, if not `responses`: comments are published on
   * their own threshold, so a snapshot's comments may be older than its scores.
   */
  commentResponses?: number;
}

export interface ItemSummary {
  itemId: string;
  prompt: string;
  answered: number;
  /** Mean on the 1–5 scale, to two decimal places; null when nobody answered the item. */
  mean: number | null;
  distribution: Array<{ value: number; label: string; count: number }>;
}

export type Withheld = { shown: false; reason: SuppressionReason; message: string };

export type ScoresResult = { shown: true; responses: number; items: ItemSummary[] } | Withheld;
export type CommentsResult = { shown: true; comments: string[] } | Withheld;

export interface FigureResult {
  key: string;
  scores: ScoresResult;
  comments: CommentsResult;
}

/**
 * The figures a results screen asks for (a programme, each of its sessions…), each over its cells,
 * with every figure and every comment list passed through `decideSuppression` together: a figure
 * that is withheld carries no number at all, only why. Ask for every figure a viewer could see of
 * the same responses (the programme and all its sessions), even to show one, or subtraction
 * between two separate requests would go unchecked.
 */
export function summariseFeedback(
  instrument: Instrument,
  figures: ReadonlyArray<{ key: string; cells: readonly string[] }>,
  tallies: Readonly<Record<string, CellTally>>,
  thresholds: SuppressionThresholds,
): FigureResult[] {
  const counts = Object.fromEntries(Object.entries(tallies).map(([cell, tally]) => [cell, tally.responses]));
  const commentCounts = Object.fromEntries(Object.entries(tallies).map(([cell, tally]) => [cell, tally.commentResponses ?? tally.responses]));
  // Each kind is decided over the counts its figures were taken at (one rule, applied to both).
  const decisions = [
    ...decideSuppression(
      figures.map((figure) => ({ key: `scores:${figure.key}`, kind: 'SCORES' as const, cells: figure.cells })),
      counts,
      thresholds,
    ),
    ...decideSuppression(
      figures.map((figure) => ({ key: `comments:${figure.key}`, kind: 'COMMENTS' as const, cells: figure.cells })),
      commentCounts,
      thresholds,
    ),
  ];
  const decisionOf = new Map(decisions.map((decision) => [decision.key, decision]));
  return figures.map((figure) => {
    const cells = figure.cells.map((cell) => tallies[cell]).filter((tally): tally is CellTally => tally !== undefined);
    const scoresDecision = decisionOf.get(`scores:${figure.key}`)!;
    const commentsDecision = decisionOf.get(`comments:${figure.key}`)!;
    return {
      key: figure.key,
      scores: scoresDecision.shown ? { shown: true, responses: scoresDecision.count, items: summariseItems(instrument, cells) } : withheld(scoresDecision),
      comments: commentsDecision.shown ? { shown: true, comments: collectComments(instrument, cells) } : withheld(commentsDecision),
    };
  });
}

function withheld(decision: Extract<FigureDecision, { shown: false }>): Withheld {
  return { shown: false, reason: decision.reason, message: suppressionMessage(decision) };
}

function summariseItems(instrument: Instrument, cells: readonly CellTally[]): ItemSummary[] {
  return scaleItems(instrument).map((item) => {
    const distribution = item.options.map((option) => ({
      value: option.value,
      label: option.label,
      count: cells.reduce((sum, cell) => sum + (cell.histograms[item.id]?.[option.value - 1] ?? 0), 0),
    }));
    const answered = distribution.reduce((sum, entry) => sum + entry.count, 0);
    const total = distribution.reduce((sum, entry) => sum + entry.value * entry.count, 0);
    return { itemId: item.id, prompt: item.prompt, answered, mean: answered === 0 ? null : Math.round((total / answered) * 100) / 100, distribution };
  });
}

function collectComments(instrument: Instrument, cells: readonly CellTally[]): string[] {
  // Sorted, so their order says nothing about who wrote which or when.
  return textItems(instrument).length === 0 ? [] : cells.flatMap((cell) => cell.comments).sort((a, b) => a.localeCompare(b));
}

/**
 * The sessions whose answers a programme's figures are over: those asked the wording its latest
 * session was asked (two wordings' answers never share a figure). `sessions` in the order held;
 * null when none has been asked yet.
 */
export function latestWording<S extends { instrumentId: string }>(sessions: readonly S[]): { instrumentId: string; sessions: S[] } | null {
  const instrumentId = sessions.at(-1)?.instrumentId;
  return instrumentId === undefined ? null : { instrumentId, sessions: sessions.filter((session) => session.instrumentId === instrumentId) };
}

/** A programme's feedback figures: the programme's own, and each of its sessions' by session id. */
export interface ProgrammeFeedback {
  programme: FigureResult;
  sessions: ReadonlyMap<string, FigureResult>;
}

/**
 * A programme's feedback as every channel shows it (its results screen, the dashboards, the
 * reports): the programme's figure over its sessions (those of `latestWording`) and each
 * session's own, decided together, so that no session's figure can be taken from the programme's.
 */
export function summariseProgrammeFeedback(
  instrument: Instrument,
  sessionIds: readonly string[],
  tallies: Readonly<Record<string, CellTally>>,
  thresholds: SuppressionThresholds,
): ProgrammeFeedback {
  const [programme, ...sessions] = summariseFeedback(
    instrument,
    [{ key: PROGRAMME_FIGURE, cells: sessionIds }, ...sessionIds.map((sessionId) => ({ key: sessionId, cells: [sessionId] }))],
    tallies,
    thresholds,
  );
  return { programme: programme!, sessions: new Map(sessions.map((figure) => [figure.key, figure])) };
}

/** The programme figure's key among its sessions' (theirs are UUIDs: no clash). */
const PROGRAMME_FIGURE = 'programme';

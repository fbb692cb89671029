import { latestWording, summariseFeedback, summariseProgrammeFeedback, type CellTally, type FigureResult } from './feedback-results.js';
import { DEFAULT_SESSION_FEEDBACK } from './instrument.js';

const THRESHOLDS = { minGroupSize: 5, minCommentGroupSize: 10, commentsEnabled: true };

/** A session's tally where everyone gave every scale item `value`, with `comments`. */
function tally(responses: number, value: number, comments: string[] = []): CellTally {
  const histogram = [0, 0, 0, 0, 0];
  histogram[value - 1] = responses;
  const items = ['safe_to_share', 'useful_for_practice', 'held_well', 'protected_time', 'feel_about_work'];
  return { responses, histograms: Object.fromEntries(items.map((item) => [item, histogram])), comments };
}

function meanOf(result: FigureResult, itemId: string): number | null {
  return result.scores.shown ? result.scores.items.find((item) => item.itemId === itemId)!.mean : null;
}

describe('summariseFeedback', () => {
  it('gives means and distributions over the cells of each figure', () => {
    const tallies = { s1: tally(5, 4), s2: tally(5, 2) };
    const [programme] = summariseFeedback(DEFAULT_SESSION_FEEDBACK, [{ key: 'programme', cells: ['s1', 's2'] }], tallies, THRESHOLDS);
    expect(programme!.scores).toMatchObject({ shown: true, responses: 10 });
    expect(meanOf(programme!, 'held_well')).toBe(3);
    const item = programme!.scores.shown ? programme!.scores.items.find((entry) => entry.itemId === 'held_well') : undefined;
    expect(item?.distribution.map((entry) => entry.count)).toEqual([0, 5, 0, 5, 0]);
    expect(item?.distribution[4]).toEqual({ value: 5, label: 'Strongly agree', count: 0 });
  });

  it('withholds every number below the threshold, with the words a screen shows instead', () => {
    const [session] = summariseFeedback(DEFAULT_SESSION_FEEDBACK, [{ key: 's1', cells: ['s1'] }], { s1: tally(4, 5, ['Kind words']) }, THRESHOLDS);
    expect(session).toEqual({
      key: 's1',
      scores: { shown: false, reason: 'TOO_FEW_RESPONSES', message: 'Fewer than 5 responses' },
      comments: { shown: false, reason: 'TOO_FEW_RESPONSES', message: 'Fewer than 10 responses' },
    });
    expect(JSON.stringify(session)).not.toMatch(/\b4\b|Kind words/);
  });

  it('defeats the subtraction attack on means: the programme less one session never yields the other', () => {
    const tallies = { s1: tally(6, 5), s2: tally(3, 1) };
    const figures = [
      { key: 'programme', cells: ['s1', 's2'] },
      { key: 's1', cells: ['s1'] },
      { key: 's2', cells: ['s2'] },
    ];
    // What the attacker would do with a programme's and a session's figures: the other session's
    // mean = (programme mean × n − s1 mean × n1) / (n − n1). On unsuppressed figures it works:
    expect((((6 * 5 + 3 * 1) / 9) * 9 - 5 * 6) / (9 - 6)).toBeCloseTo(1);

    const results = Object.fromEntries(summariseFeedback(DEFAULT_SESSION_FEEDBACK, figures, tallies, THRESHOLDS).map((result) => [result.key, result]));
    expect(results.programme!.scores).toMatchObject({ shown: true, responses: 9 });
    // With s2 too small, s1 is withheld as well, so the attacker lacks its n and mean.
    expect(results.s1!.scores).toEqual({ shown: false, reason: 'PROTECTS_ANOTHER_GROUP', message: expect.any(String) });
    expect(results.s2!.scores).toMatchObject({ shown: false, reason: 'TOO_FEW_RESPONSES' });
  });

  it('shows comments sorted (so their order gives nothing away) only past the comment threshold', () => {
    const tallies = { s1: tally(6, 4, ['Zebra crossing', 'Apples']), s2: tally(6, 4, ['Middle']) };
    const [programme, s1] = summariseFeedback(
      DEFAULT_SESSION_FEEDBACK,
      [
        { key: 'programme', cells: ['s1', 's2'] },
        { key: 's1', cells: ['s1'] },
      ],
      tallies,
      THRESHOLDS,
    );
    expect(programme!.comments).toEqual({ shown: true, comments: ['Apples', 'Middle', 'Zebra crossing'] });
    expect(s1!.comments).toMatchObject({ shown: false, reason: 'TOO_FEW_RESPONSES' });
    expect(s1!.scores).toMatchObject({ shown: true, responses: 6 });
  });

  it('keeps comments back when they are turned off, however many there are', () => {
    const [programme] = summariseFeedback(DEFAULT_SESSION_FEEDBACK, [{ key: 'programme', cells: ['s1'] }], { s1: tally(30, 3, ['A']) }, { ...THRESHOLDS, commentsEnabled: false });
    expect(programme!.comments).toEqual({ shown: false, reason: 'COMMENTS_OFF', message: 'Comments are not shown for this programme' });
  });

  it('decides comments over the count they were published at, not the scores’ newer one', () => {
    // Scores published at 12, comments last published at 8 (never, on a threshold of 10): withheld.
    const stale = { ...tally(12, 4, []), commentResponses: 0 };
    const fresh = { ...tally(12, 4, ['Kept']), commentResponses: 10 };
    const [withheldComments] = summariseFeedback(DEFAULT_SESSION_FEEDBACK, [{ key: 's1', cells: ['s1'] }], { s1: stale }, THRESHOLDS);
    expect(withheldComments!.scores).toMatchObject({ shown: true, responses: 12 });
    expect(withheldComments!.comments).toMatchObject({ shown: false, reason: 'TOO_FEW_RESPONSES' });
    const [shownComments] = summariseFeedback(DEFAULT_SESSION_FEEDBACK, [{ key: 's1', cells: ['s1'] }], { s1: fresh }, THRESHOLDS);
    expect(shownComments!.comments).toEqual({ shown: true, comments: ['Kept'] });
  });
});

describe('latestWording', () => {
  it('keeps the sessions asked the wording the latest session was asked', () => {
    const sessions = [
      { sessionId: 's1', instrumentId: 'form-v1' },
      { sessionId: 's2', instrumentId: 'form-v2' },
      { sessionId: 's3', instrumentId: 'form-v1' },
      { sessionId: 's4', instrumentId: 'form-v2' },
    ];
    expect(latestWording(sessions)).toEqual({ instrumentId: 'form-v2', sessions: [sessions[1], sessions[3]] });
  });

  it('is null for a programme no session of which has been asked', () => {
    expect(latestWording([])).toBeNull();
  });
});

describe('summariseProgrammeFeedback', () => {
  it('gives the programme over all its sessions and each session its own figure', () => {
    const { programme, sessions } = summariseProgrammeFeedback(DEFAULT_SESSION_FEEDBACK, ['s1', 's2'], { s1: tally(5, 4), s2: tally(5, 2) }, THRESHOLDS);
    expect(programme.scores).toMatchObject({ shown: true, responses: 10 });
    expect(meanOf(programme, 'held_well')).toBe(3);
    expect(meanOf(sessions.get('s1')!, 'held_well')).toBe(4);
    expect(meanOf(sessions.get('s2')!, 'held_well')).toBe(2);
  });

  it('withholds a session beside a small one, so that the small one cannot be taken from the programme', () => {
    const { programme, sessions } = summariseProgrammeFeedback(DEFAULT_SESSION_FEEDBACK, ['s1', 's2'], { s1: tally(8, 4), s2: tally(3, 1) }, THRESHOLDS);
    expect(programme.scores).toMatchObject({ shown: true, responses: 11 });
    expect(sessions.get('s2')!.scores.shown).toBe(false);
    // Shown, s1 (8) subtracted from the programme (11) would give the three answers of s2.
    expect(sessions.get('s1')!.scores.shown).toBe(false);
  });
});

import { commentThreshold, decidePublication, publicationDue, type PublishedCounts } from './publication.js';

const ON = { minGroupSize: 5, minCommentGroupSize: 10, commentsEnabled: true };
const OFF = { ...ON, commentsEnabled: false };
const never: PublishedCounts = { scores: null, comments: null };

describe('decidePublication', () => {
  it.each([
    // responses, last published (scores, comments), thresholds, publish scores?, publish comments?
    [0, never, ON, false, false],
    [4, never, ON, false, false],
    [5, never, ON, true, false],
    [6, never, ON, true, false],
    [9, never, ON, true, false],
    [10, never, ON, true, true],
    [10, never, OFF, true, false],
    [6, { scores: 5, comments: null }, ON, false, false],
    [9, { scores: 5, comments: null }, ON, false, false],
    [10, { scores: 5, comments: null }, ON, true, true],
    [14, { scores: 10, comments: 10 }, ON, false, false],
    [15, { scores: 10, comments: 10 }, ON, true, false],
    [19, { scores: 15, comments: 10 }, ON, false, false],
    [20, { scores: 15, comments: 10 }, ON, true, true],
    [20, { scores: 15, comments: 10 }, OFF, true, false],
    // Nothing new, or fewer than before (a session removed its answers): never a publication.
    [5, { scores: 5, comments: null }, ON, false, false],
    [3, { scores: 5, comments: null }, ON, false, false],
    // An organisation with a bigger minimum group size waits for that many, each time.
    [7, never, { ...ON, minGroupSize: 8 }, false, false],
    [8, never, { ...ON, minGroupSize: 8 }, true, false],
    [15, { scores: 8, comments: null }, { ...ON, minGroupSize: 8 }, false, true],
    [16, { scores: 8, comments: 15 }, { ...ON, minGroupSize: 8 }, true, false],
  ] as const)('%i responses, last published %o, %o: scores %s, comments %s', (responses, published, thresholds, scores, comments) => {
    expect(decidePublication(responses, published, thresholds)).toEqual({ scores, comments });
  });

  it('never lets two publications of the same figure differ by fewer than the threshold, however responses arrive', () => {
    for (const minGroupSize of [5, 6, 8]) {
      const thresholds = { minGroupSize, minCommentGroupSize: 10, commentsEnabled: true };
      const published: PublishedCounts = { scores: null, comments: null };
      const scores: number[] = [];
      const comments: number[] = [];
      for (let responses = 0; responses <= 60; responses += 1) {
        const decision = decidePublication(responses, published, thresholds);
        if (decision.scores) scores.push((published.scores = responses));
        if (decision.comments) comments.push((published.comments = responses));
      }
      expect(scores[0]).toBe(minGroupSize);
      for (const [list, threshold] of [
        [scores, minGroupSize],
        [comments, commentThreshold(thresholds)],
      ] as const) {
        for (let index = 1; index < list.length; index += 1) expect(list[index]! - list[index - 1]!).toBeGreaterThanOrEqual(threshold);
      }
      expect(comments[0]).toBe(Math.max(10, minGroupSize));
    }
  });
});

describe('publicationDue', () => {
  it('is due when the count first reaches the threshold, then only at the threshold more than the last publication', () => {
    expect([4, 5].map((count) => publicationDue(count, null, 5))).toEqual([false, true]);
    expect([5, 9, 10, 3].map((count) => publicationDue(count, 5, 5))).toEqual([false, false, true, false]);
  });
});

describe('commentThreshold', () => {
  it('is the comment threshold, never below the minimum group size', () => {
    expect(commentThreshold({ minGroupSize: 5, minCommentGroupSize: 10 })).toBe(10);
    expect(commentThreshold({ minGroupSize: 12, minCommentGroupSize: 10 })).toBe(12);
  });
});

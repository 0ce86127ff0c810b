import { describe, expect, it } from 'vitest';
import type { Target } from '../../eval/datasets/dataset.js';
import {
  dcg,
  fileRecallAt,
  firstHitRank,
  hits,
  ndcgAt,
  percentile,
  reciprocalRank,
  scoreQuery,
  type RetrievedChunk,
} from '../../eval/metrics.js';

const chunk = (path: string, startLine: number, endLine: number): RetrievedChunk => ({
  path,
  startLine,
  endLine,
});
const range = (path: string, start_line: number, end_line: number): Target => ({
  path,
  start_line,
  end_line,
});

describe('line-overlap rule', () => {
  const target = range('src/a.ts', 10, 20);

  it('counts a chunk that overlaps the range, including one shared boundary line', () => {
    expect(hits(chunk('src/a.ts', 12, 15), target)).toBe(true);
    expect(hits(chunk('src/a.ts', 1, 100), target)).toBe(true);
    expect(hits(chunk('src/a.ts', 20, 25), target)).toBe(true);
    expect(hits(chunk('src/a.ts', 5, 10), target)).toBe(true);
  });

  it('does not count a chunk that ends before or starts after the range', () => {
    expect(hits(chunk('src/a.ts', 1, 9), target)).toBe(false);
    expect(hits(chunk('src/a.ts', 21, 30), target)).toBe(false);
  });

  it('does not count the same lines in another file', () => {
    expect(hits(chunk('src/b.ts', 10, 20), target)).toBe(false);
    expect(hits(chunk('lib/src/a.ts', 10, 20), target)).toBe(false);
  });

  it('counts any chunk of the file for a whole-file target', () => {
    expect(hits(chunk('src/a.ts', 500, 510), 'src/a.ts')).toBe(true);
    expect(hits(chunk('src/b.ts', 1, 1), 'src/a.ts')).toBe(false);
  });
});

describe('first-chunk-in-file rule', () => {
  it('ranks a range target at the first chunk of its file that overlaps it, not the first chunk of the file', () => {
    const results = [chunk('x.ts', 1, 5), chunk('a.ts', 100, 120), chunk('a.ts', 15, 18)];
    expect(firstHitRank(results, range('a.ts', 10, 20))).toBe(3);
  });

  it('ranks a file target at the first chunk of its file', () => {
    const results = [chunk('x.ts', 1, 5), chunk('a.ts', 100, 120), chunk('a.ts', 1, 5)];
    expect(firstHitRank(results, 'a.ts')).toBe(2);
  });

  it('returns null when no result hits the target', () => {
    expect(firstHitRank([chunk('a.ts', 1, 5)], range('a.ts', 10, 20))).toBeNull();
  });
});

describe('nDCG', () => {
  // Relevant: a.ts lines 10–20 and the whole of b.ts.
  const judgement = { relevant: [range('a.ts', 10, 20), 'b.ts'] };
  const results = [
    chunk('c.ts', 1, 5), // 1: nothing
    chunk('a.ts', 1, 9), // 2: right file, wrong lines
    chunk('a.ts', 15, 30), // 3: hits a.ts 10–20
    chunk('b.ts', 1, 3), // 4: hits b.ts
    chunk('b.ts', 5, 9), // 5: b.ts again: already counted
  ];

  it('matches a hand-computed value: hits at ranks 3 and 4 of two relevant targets', () => {
    // DCG = 1/log2(4) + 1/log2(5) = 0.5 + 0.430677 = 0.930677
    // IDCG = 1/log2(2) + 1/log2(3) = 1 + 0.630930 = 1.630930
    expect(dcg([0, 0, 1, 1, 0])).toBeCloseTo(0.930677, 6);
    expect(ndcgAt(results, judgement, 10)).toBeCloseTo(0.930677 / 1.63093, 6);
    expect(ndcgAt(results, judgement, 5)).toBeCloseTo(0.570642, 6);
  });

  it('cuts the list at k: only the hit at rank 3 counts for nDCG@3', () => {
    // DCG@3 = 0.5; IDCG@3 = 1.630930
    expect(ndcgAt(results, judgement, 3)).toBeCloseTo(0.5 / 1.63093, 6);
  });

  it('is 1 for a perfect list and 0 for a list without hits', () => {
    expect(ndcgAt([chunk('a.ts', 10, 12), chunk('b.ts', 1, 1)], judgement, 10)).toBeCloseTo(1, 9);
    expect(ndcgAt([chunk('c.ts', 1, 1)], judgement, 10)).toBe(0);
    expect(ndcgAt([], judgement, 10)).toBe(0);
  });

  it('counts each target once, at its first hit: repeating the same chunk earns nothing', () => {
    const once = ndcgAt([chunk('a.ts', 10, 12)], judgement, 10);
    const repeated = ndcgAt(
      [chunk('a.ts', 10, 12), chunk('a.ts', 10, 12), chunk('a.ts', 11, 11)],
      judgement,
      10,
    );
    expect(repeated).toBeCloseTo(once, 9);
    expect(once).toBeCloseTo(1 / 1.63093, 6);
  });

  it('gives one gain to a chunk that covers two relevant ranges at once', () => {
    const two = { relevant: [range('a.ts', 10, 20), range('a.ts', 30, 40)] };
    expect(ndcgAt([chunk('a.ts', 1, 50)], two, 10)).toBeCloseTo(1 / 1.63093, 6);
  });

  it('ignores secondary targets by default and gives them half a gain when graded', () => {
    const graded = { relevant: [range('a.ts', 10, 20)], secondary: [range('s.ts', 1, 5)] };
    const list = [chunk('s.ts', 2, 3), chunk('a.ts', 10, 11)];
    // binary: DCG = 1/log2(3) = 0.630930, IDCG = 1
    expect(ndcgAt(list, graded, 10)).toBeCloseTo(0.63093, 5);
    // graded: DCG = 0.5 + 1/log2(3) = 1.130930; IDCG = 1 + 0.5/log2(3) = 1.315465
    expect(ndcgAt(list, graded, 10, { secondaryGain: 0.5 })).toBeCloseTo(1.13093 / 1.315465, 5);
  });
});

describe('recall at file level', () => {
  const relevant = [range('a.ts', 1, 5), range('a.ts', 50, 60), 'b.ts'];

  it('is the share of distinct relevant files found, whatever the lines', () => {
    expect(fileRecallAt([chunk('a.ts', 200, 210)], relevant, 10)).toBe(0.5);
    expect(fileRecallAt([chunk('b.ts', 1, 1), chunk('a.ts', 3, 3)], relevant, 10)).toBe(1);
    expect(fileRecallAt([chunk('c.ts', 1, 1)], relevant, 10)).toBe(0);
  });

  it('only looks at the top k results', () => {
    const list = [...Array.from({ length: 10 }, (_, i) => chunk(`x${i}.ts`, 1, 1)), chunk('b.ts', 1, 1)];
    expect(fileRecallAt(list, relevant, 10)).toBe(0);
    expect(fileRecallAt(list, relevant, 11)).toBe(0.5);
  });
});

describe('reciprocal rank', () => {
  it('is 1 / rank of the first result that hits a relevant target', () => {
    const list = [chunk('x.ts', 1, 1), chunk('a.ts', 90, 99), chunk('a.ts', 5, 6), chunk('b.ts', 1, 1)];
    expect(reciprocalRank(list, [range('a.ts', 1, 10), 'b.ts'])).toBeCloseTo(1 / 3, 9);
  });

  it('is 0 when only secondary places or nothing relevant is found', () => {
    expect(reciprocalRank([chunk('s.ts', 1, 1)], ['a.ts'])).toBe(0);
  });
});

describe('scoreQuery', () => {
  it('reports every metric and the rank of each relevant target', () => {
    const s = scoreQuery([chunk('x.ts', 1, 1), chunk('a.ts', 80, 90), chunk('b.ts', 4, 4)], {
      relevant: [range('a.ts', 10, 20), 'b.ts'],
    });
    expect(s.ranks).toEqual([null, 3]);
    expect(s.rr).toBeCloseTo(1 / 3, 9);
    expect(s.recall10).toBe(1);
    // file level: a.ts at rank 2 and b.ts at rank 3 both count
    expect(s.fileNdcg10).toBeCloseTo((1 / Math.log2(3) + 1 / Math.log2(4)) / 1.63093, 5);
    expect(s.ndcg10).toBeCloseTo(0.5 / 1.63093, 5);
  });
});

describe('percentile', () => {
  it('uses the nearest rank', () => {
    expect(percentile([5, 1, 3, 2, 4], 50)).toBe(3);
    expect(percentile([1, 2, 3, 4], 50)).toBe(2);
    expect(
      percentile(
        Array.from({ length: 20 }, (_, i) => i + 1),
        95,
      ),
    ).toBe(19);
    expect(percentile([], 50)).toBe(0);
  });
});

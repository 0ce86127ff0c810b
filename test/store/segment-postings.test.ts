import { describe, expect, it } from 'vitest';
import { groupPostings } from '../../src/store/sql/segment-postings.js';
import { termHash, termVector, termVectors, termVectorBuffers } from '../../src/store/index.js';

describe('term vectors', () => {
  it('hold each term as its termHash with its frequency, in order', () => {
    const v = termVector([
      { term: 'router', tf: 3 },
      { term: 'handle', tf: 1 },
    ]);
    expect([...v.hashes]).toEqual([termHash('router'), termHash('handle')]);
    expect([...v.tfs]).toEqual([3, 1]);
  });

  it('of one file share one pair of buffers, so a worker transfers them in one step', () => {
    const vs = termVectors([
      [{ term: 'a', tf: 1 }],
      [],
      [
        { term: 'b', tf: 2 },
        { term: 'c', tf: 5 },
      ],
    ]);
    expect(vs.map((v) => v.hashes.length)).toEqual([1, 0, 2]);
    expect([...vs[2]!.tfs]).toEqual([2, 5]);
    expect(termVectorBuffers(vs)).toHaveLength(2);
  });
});

describe('groupPostings', () => {
  it('puts every posting in its term run, in chunk order, as a map of arrays would', () => {
    let seed = 7;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) % n) | 0;
    const words = Array.from({ length: 3000 }, (_, i) => `w${i}`);
    const chunks = Array.from({ length: 400 }, () => {
      const terms = new Map<string, number>();
      for (let k = rand(60); k >= 0; k--) terms.set(words[rand(rand(2) ? 50 : words.length)]!, 1 + rand(4));
      return [...terms].map(([term, tf]) => ({ term, tf }));
    });
    const ids = chunks.map((_, i) => 1000 + i);
    const fileIds = chunks.map((_, i) => 1 + Math.floor(i / 5));
    const lengths = chunks.map((c) => c.reduce((n, t) => n + t.tf, 0));
    const grouped = groupPostings({ terms: termVectors(chunks), ids, fileIds, lengths });

    const expected = new Map<number, number[][]>();
    chunks.forEach((c, i) => {
      for (const { term, tf } of c) {
        const key = termHash(term);
        if (!expected.has(key)) expected.set(key, []);
        expected.get(key)!.push([ids[i]!, tf, lengths[i]!, fileIds[i]!]);
      }
    });
    const actual = new Map<number, number[][]>();
    for (let t = 0; t < grouped.terms.length; t++) {
      const rows: number[][] = [];
      for (let p = grouped.starts[t]!; p < grouped.starts[t + 1]!; p++)
        rows.push([grouped.chunkIds[p]!, grouped.tfs[p]!, grouped.dls[p]!, grouped.fileIds[p]!]);
      actual.set(grouped.terms[t]!, rows);
    }
    expect([...actual.keys()]).toEqual([...expected.keys()]); // terms in order of first appearance
    expect(actual).toEqual(expected);
  });

  it('grows its term table past its first size (more distinct terms than 16,384)', () => {
    // 600 chunks × 60 terms, 50,000 words: ~30,000 distinct terms, several doublings.
    const chunks = Array.from({ length: 600 }, (_, c) =>
      Array.from({ length: 60 }, (_, k) => ({
        term: `t${(c * 7919 + k * 104729) % 50_000}`,
        tf: 1 + (k % 3),
      })),
    );
    const terms = termVectors(chunks);
    const ids = chunks.map((_, i) => i + 1);
    const grouped = groupPostings({ terms, ids, fileIds: ids, lengths: ids });
    const expected = new Map<number, number[]>();
    chunks.forEach((c, i) => {
      for (const { term } of c)
        expected.set(termHash(term), [...(expected.get(termHash(term)) ?? []), ids[i]!]);
    });
    expect(expected.size).toBeGreaterThan(16_384);
    expect([...grouped.terms]).toEqual([...expected.keys()]);
    for (let t = 0; t < grouped.terms.length; t++) {
      const run = [...grouped.chunkIds.subarray(grouped.starts[t]!, grouped.starts[t + 1]!)];
      expect(run).toEqual(expected.get(grouped.terms[t]!));
    }
  });

  it('returns no terms for chunks without terms', () => {
    const grouped = groupPostings({
      terms: termVectors([[], []]),
      ids: [1, 2],
      fileIds: [1, 1],
      lengths: [0, 0],
    });
    expect(grouped.terms).toHaveLength(0);
    expect([...grouped.starts]).toEqual([0]);
  });
});

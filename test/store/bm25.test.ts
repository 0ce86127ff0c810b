import { describe, expect, it } from 'vitest';
import {
  parseFloat4ArrayInto,
  parseIntArray,
  scoreBm25,
  type PostingsRow,
} from '../../src/store/sql/bm25.js';

const bm25 = (tf: number, dl: number, df: number, n: number, avgdl: number, k1 = 1.2, b = 0.75) =>
  Math.log(1 + (n - df + 0.5) / (df + 0.5)) * ((tf * (k1 + 1)) / (tf + k1 * (1 - b + (b * dl) / avgdl)));

describe('BM25 scoring over postings read from the database', () => {
  it('parses PostgreSQL array text into the exact float4 values the database stores', () => {
    expect(parseIntArray('{1,23,-4,9007199254740991}')).toEqual([1, 23, -4, 9007199254740991]);
    expect(parseIntArray('{}')).toEqual([]);
    const floats = new Float32Array(6);
    expect(parseFloat4ArrayInto('{1,2.5,0.3,1e-05,16777216}', floats, 1)).toBe(5);
    expect([...floats]).toEqual([0, 1, 2.5, Math.fround(0.3), Math.fround(1e-5), 16777216]);
  });

  it('scores the same whether chunk ids are dense or spread far apart', () => {
    const rows = (base: number, step: number): PostingsRow[] => [
      { term: 0, chunkIds: [base, base + step, base + 2 * step], tfs: [1, 2, 3], dls: [10, 20, 30] },
      { term: 1, chunkIds: [base + step], tfs: [1], dls: [20] },
    ];
    const input = {
      weights: [1, 2],
      chunkCount: 100,
      tokenTotal: 2000,
      dead: new Set<number>(),
      k1: 1.2,
      b: 0.75,
      limit: 10,
    };
    const dense = scoreBm25({ ...input, rows: rows(1, 1) });
    const sparse = scoreBm25({ ...input, rows: rows(1, 2 ** 40) });
    expect(dense.map((s) => s.score)).toEqual(sparse.map((s) => s.score));
    expect(dense[0]!.chunkId).toBe(2);
    expect(dense[0]!.score).toBeCloseTo(bm25(2, 20, 3, 100, 20) + 2 * bm25(1, 20, 1, 100, 20), 12);
  });

  it('skips dead chunks and leaves them out of df; filters narrow results without changing df', () => {
    const rows: PostingsRow[] = [
      { term: 0, chunkIds: [1, 2, 3], tfs: [1, 1, 1], dls: [5, 5, 5], fileIds: [7, 8, 7] },
    ];
    const base = { weights: [1], rows, chunkCount: 10, tokenTotal: 50, k1: 1.2, b: 0.75, limit: 10 };
    const live = scoreBm25({ ...base, dead: new Set([2]) });
    expect(live.map((s) => s.chunkId)).toEqual([1, 3]);
    expect(live[0]!.score).toBeCloseTo(bm25(1, 5, 2, 10, 5), 12);
    const filtered = scoreBm25({ ...base, dead: new Set(), allowedFiles: new Set([8]) });
    expect(filtered.map((s) => s.chunkId)).toEqual([2]);
    expect(filtered[0]!.score).toBeCloseTo(bm25(1, 5, 3, 10, 5), 12);
  });

  it('scores a chunk below the length floor as if it were that long, and longer ones as before', () => {
    // avgdl 20: a 2-term alias, a 10-term chunk at the floor of 0.5, a 36-term definition.
    const rows: PostingsRow[] = [{ term: 0, chunkIds: [1, 2, 3], tfs: [1, 1, 2], dls: [2, 10, 36] }];
    const base = { weights: [1], rows, chunkCount: 100, tokenTotal: 2000, dead: new Set<number>() };
    const score = (lengthFloor?: number) =>
      new Map(
        scoreBm25({
          ...base,
          k1: 1.5,
          b: 0.5,
          limit: 10,
          ...(lengthFloor !== undefined && { lengthFloor }),
        }).map((s) => [s.chunkId, s.score]),
      );
    const textbook = score();
    const floored = score(0.5);
    expect(textbook.get(1)).toBeCloseTo(bm25(1, 2, 3, 100, 20, 1.5, 0.5), 12);
    expect(floored.get(1)).toBeCloseTo(bm25(1, 10, 3, 100, 20, 1.5, 0.5), 12);
    expect(floored.get(1)).toBe(floored.get(2));
    expect(floored.get(3)).toBe(textbook.get(3));
    // The alias beat the definition on its length alone; at the floor it does not.
    expect(textbook.get(1)!).toBeGreaterThan(textbook.get(3)!);
    expect(floored.get(1)!).toBeLessThan(floored.get(3)!);
  });

  it('keeps the best `limit` chunks, best first, ties by ascending chunk id', () => {
    const ids = Array.from({ length: 1000 }, (_, i) => 1000 - i);
    const rows: PostingsRow[] = [
      { term: 0, chunkIds: ids, tfs: ids.map((id) => (id % 7) + 1), dls: ids.map(() => 10) },
    ];
    const top = scoreBm25({
      weights: [1],
      rows,
      chunkCount: 5000,
      tokenTotal: 50_000,
      dead: new Set(),
      k1: 1.2,
      b: 0.75,
      limit: 5,
    });
    expect(top.map((s) => s.chunkId)).toEqual([6, 13, 20, 27, 34]);
  });
});

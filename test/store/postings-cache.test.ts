import { describe, expect, it } from 'vitest';
import { parseFloat4ArrayInto, parseIntArrayInto } from '../../src/store/sql/bm25.js';
import { PostingsCache, type CachedPostings } from '../../src/store/sql/postings-cache.js';

const postings = (version: string, count: number): CachedPostings => ({
  version,
  chunkIds: new Float64Array(count),
  tfs: new Float32Array(count),
  dls: new Float32Array(count),
});

describe('postings cache', () => {
  it('keeps at most maxPostings, dropping the least recently used terms first', () => {
    const cache = new PostingsCache({ maxPostings: 250, minPostings: 10 });
    cache.observe(1, 'v1');
    cache.put(1, 100, postings('v1', 100));
    cache.put(1, 200, postings('v1', 100));
    expect(cache.get(1, 100, false)).toBeDefined(); // now the most recent
    cache.put(1, 300, postings('v1', 100));
    expect(cache.size).toBe(200);
    expect(cache.get(1, 200, false)).toBeUndefined();
    expect(cache.get(1, 100, false)).toBeDefined();
    cache.put(1, 400, postings('v1', 5)); // too small to be worth keeping
    expect(cache.get(1, 400, false)).toBeUndefined();
  });

  it('forgets a repository when its segments change, and never keeps postings read under another version', () => {
    const cache = new PostingsCache({ maxPostings: 1000, minPostings: 1 });
    cache.observe(1, 'v1');
    cache.observe(2, 'w1');
    cache.put(1, 7, postings('v1', 10));
    cache.put(2, 7, postings('w1', 10));
    cache.observe(1, 'v2');
    expect(cache.get(1, 7, false)).toBeUndefined();
    expect(cache.get(2, 7, false)).toBeDefined();
    cache.put(1, 7, postings('v1', 10)); // read by a search that started before the change
    expect(cache.get(1, 7, false)).toBeUndefined();
    expect(cache.size).toBe(10);
  });

  it('serves filtered searches only from postings that carry file ids', () => {
    const cache = new PostingsCache({ maxPostings: 1000, minPostings: 1 });
    cache.observe(1, 'v1');
    cache.put(1, 7, postings('v1', 10));
    expect(cache.get(1, 7, true)).toBeUndefined();
    cache.put(1, 7, { ...postings('v1', 10), fileIds: new Int32Array(10) });
    expect(cache.get(1, 7, true)).toBeDefined();
    expect(cache.size).toBe(10);
  });
});

describe('array text parsing into typed arrays', () => {
  it('appends at an offset and stores the exact float4 values', () => {
    const ids = new Float64Array(5);
    expect(parseIntArrayInto('{1,9007199254740991}', ids, 0)).toBe(2);
    expect(parseIntArrayInto('{-4,23,5}', ids, 2)).toBe(3);
    expect([...ids]).toEqual([1, 9007199254740991, -4, 23, 5]);
    const tfs = new Float32Array(6);
    expect(parseFloat4ArrayInto('{1,2.5,0.3,1e-05,16777216,3.4028235e+38}', tfs, 0)).toBe(6);
    expect([...tfs]).toEqual([
      1,
      2.5,
      Math.fround(0.3),
      Math.fround(1e-5),
      16777216,
      Math.fround(3.4028235e38),
    ]);
    expect(parseFloat4ArrayInto('{}', tfs, 0)).toBe(0);
  });
});

/** How dense candidates join lexical ones: score blending and reciprocal rank fusion. */
import { describe, expect, it } from 'vitest';
import {
  blendScores,
  fusionFromSettings,
  needsVectorIndex,
  reciprocalRankFusion,
} from '../../src/search/fusion.js';
import type { ChunkHit } from '../../src/store/index.js';

const hit = (chunkId: number, score: number): ChunkHit => ({
  chunkId,
  repositoryId: 1,
  path: `f${chunkId}.ts`,
  language: 'typescript',
  startLine: 1,
  endLine: 2,
  kind: 'function',
  symbol: null,
  score,
});
const ids = (hits: readonly ChunkHit[]) => hits.map((h) => h.chunkId);

describe('blendScores', () => {
  it('keeps magnitudes: a clear lexical winner stays first although another chunk leads the dense list', () => {
    const lexical = [hit(1, 20), hit(2, 4)];
    const dense = [hit(2, 0.62), hit(1, 0.55)];
    const blended = blendScores(lexical, dense, new Map(), 0.5);
    expect(ids(blended)).toEqual([1, 2]);
    expect(blended[0]!.score).toBeCloseTo(0.5 * 1 + 0.5 * 0.55, 10);
    expect(blended[1]!.score).toBeCloseTo(0.5 * 0.2 + 0.5 * 0.62, 10);
    // Rank fusion sees only positions: both chunks are first once, so they tie.
    const fused = reciprocalRankFusion([lexical, dense], 60);
    expect(fused[0]!.score).toBeCloseTo(fused[1]!.score, 10);
  });

  it('uses the given similarity for lexical candidates the dense list missed, 0 when a chunk has no vector', () => {
    const lexical = [hit(1, 10), hit(2, 9), hit(3, 8)];
    const dense = [hit(4, 0.9)];
    const blended = blendScores(lexical, dense, new Map([[2, 0.8]]), 0.5);
    const score = new Map(blended.map((h) => [h.chunkId, h.score]));
    expect(score.get(1)).toBeCloseTo(0.5, 10);
    expect(score.get(2)).toBeCloseTo(0.45 + 0.4, 10);
    expect(score.get(3)).toBeCloseTo(0.4, 10);
    expect(score.get(4)).toBeCloseTo(0.45, 10); // found by the vectors only: no lexical share
    expect(ids(blended)).toEqual([2, 1, 4, 3]);
  });

  it('weight 1 is the lexical order, weight 0 the order of similarity', () => {
    const lexical = [hit(1, 10), hit(2, 5), hit(3, 1)];
    const similarity = new Map([
      [1, 0.1],
      [2, 0.3],
      [3, 0.9],
    ]);
    expect(ids(blendScores(lexical, [], similarity, 1))).toEqual([1, 2, 3]);
    expect(ids(blendScores(lexical, [], similarity, 0))).toEqual([3, 2, 1]);
  });
});

describe('fusionFromSettings', () => {
  it('resolves auto to rescore for the built-in model and to blend for other providers', () => {
    const settings = { fusion: 'auto' as const, lexicalWeight: 0.4, rrfK: 30 };
    expect(fusionFromSettings(settings, 'builtin')).toEqual({
      method: 'rescore',
      lexicalWeight: 0.4,
      rrfK: 30,
    });
    expect(fusionFromSettings(settings, 'ollama').method).toBe('blend');
    expect(fusionFromSettings({ ...settings, fusion: 'rrf' }, 'builtin').method).toBe('rrf');
  });
});

describe('reciprocalRankFusion', () => {
  it('adds weight / (k + rank) per list, so agreement between the lists wins', () => {
    const fused = reciprocalRankFusion(
      [
        [hit(1, 9), hit(2, 8), hit(3, 7)],
        [hit(2, 0.9), hit(3, 0.8)],
      ],
      60,
    );
    expect(ids(fused)).toEqual([2, 3, 1]);
    expect(fused[0]!.score).toBeCloseTo(100 * (1 / 62 + 1 / 61), 10);
    expect(fused[2]!.score).toBeCloseTo(100 / 61, 10);
  });
});

describe('needsVectorIndex', () => {
  it('asks indexing for the HNSW index only when search runs nearest-neighbour queries', () => {
    const settings = { fusion: 'auto' as const, lexicalWeight: 0.5, rrfK: 60 };
    expect(needsVectorIndex(fusionFromSettings(settings, 'builtin'))).toBe(false); // rescore
    expect(needsVectorIndex(fusionFromSettings(settings, 'ollama'))).toBe(true); // blend
    expect(needsVectorIndex(fusionFromSettings({ ...settings, fusion: 'rrf' }, 'builtin'))).toBe(true);
  });
});

/**
 * Reciprocal rank fusion: each list contributes 1 / (k + rank) per chunk. Scale-free, so BM25
 * scores and cosine similarities need no calibration against each other.
 */
import type { ChunkHit } from '../store/index.js';

export function reciprocalRankFusion(lists: readonly (readonly ChunkHit[])[], k: number): ChunkHit[] {
  const fused = new Map<number, { hit: ChunkHit; score: number }>();
  for (const list of lists) {
    list.forEach((hit, i) => {
      const entry = fused.get(hit.chunkId);
      const add = 1 / (k + i + 1);
      if (entry) entry.score += add;
      else fused.set(hit.chunkId, { hit, score: add });
    });
  }
  return [...fused.values()]
    .sort((a, b) => b.score - a.score)
    .map(({ hit, score }) => ({ ...hit, score: score * 100 }));
}

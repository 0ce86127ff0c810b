/**
 * Reciprocal rank fusion: each list contributes weight / (k + rank) per chunk. Scale-free, so BM25
 * scores and cosine similarities need no calibration against each other.
 */
import type { ChunkHit } from '../store/index.js';

export function reciprocalRankFusion(
  lists: readonly (readonly ChunkHit[])[],
  k: number,
  weights: readonly number[] = lists.map(() => 1),
): ChunkHit[] {
  const fused = new Map<number, { hit: ChunkHit; score: number }>();
  for (const [l, list] of lists.entries()) {
    const weight = weights[l] ?? 1;
    list.forEach((hit, i) => {
      const entry = fused.get(hit.chunkId);
      const add = weight / (k + i + 1);
      if (entry) entry.score += add;
      else fused.set(hit.chunkId, { hit, score: add });
    });
  }
  return [...fused.values()]
    .sort((a, b) => b.score - a.score)
    .map(({ hit, score }) => ({ ...hit, score: score * 100 }));
}

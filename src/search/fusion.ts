/**
 * How dense (embedding) candidates join the lexical ones, chosen by measurement on the evaluation
 * set (ARCHITECTURE.md, "Embeddings and hybrid search"); the `auto` setting picks `rescore` for the
 * built-in model and `blend` for other providers:
 *
 * - `blend`: every chunk of either list gets
 *   `lexicalWeight · bm25 / max(bm25) + (1 − lexicalWeight) · cosine`, with the exact cosine of each
 *   lexical candidate (not only of those the vector index returned) and 0 for the BM25 of a chunk
 *   only the dense list found. Scores keep their magnitudes, so a weak semantic match cannot
 *   outrank a strong lexical one just by rank position.
 * - `rescore`: the same blend over the lexical candidates only — no vector search at query time,
 *   just their exact cosines. For a model that finds little BM25 misses (the built-in one: the
 *   same top 10 as `blend` on the evaluation set), it is the cheaper way.
 * - `rrf`: reciprocal rank fusion, `weight / (k + rank)` per list. Scale-free: no calibration, but a
 *   list's 10th entry counts nearly as much as its first.
 */
import type { ChunkHit } from '../store/index.js';

export type FusionMethod = 'blend' | 'rescore' | 'rrf';

export interface FusionOptions {
  readonly method: FusionMethod;
  /** Share of the lexical score (0–1); the dense side gets the rest. Every method uses it. */
  readonly lexicalWeight: number;
  /** Reciprocal rank fusion constant. */
  readonly rrfK: number;
}

/** When a caller gives no options (the settings' `auto` resolves per provider instead). */
export const DEFAULT_FUSION: FusionOptions = Object.freeze({ method: 'blend', lexicalWeight: 0.5, rrfK: 60 });

/**
 * The fusion options from the `search` settings (`search.fusion`, `search.lexicalWeight`,
 * `search.rrfK`); `auto` is `rescore` for the built-in model and `blend` for any other provider.
 */
export function fusionFromSettings(
  search: { readonly fusion: FusionMethod | 'auto'; readonly lexicalWeight: number; readonly rrfK: number },
  provider: string,
): FusionOptions {
  const method = search.fusion !== 'auto' ? search.fusion : provider === 'builtin' ? 'rescore' : 'blend';
  return { method, lexicalWeight: search.lexicalWeight, rrfK: search.rrfK };
}

/**
 * Whether search with these options runs nearest-neighbour queries, so indexing should build the
 * HNSW index (`rescore` only looks up the vectors of lexical candidates by id: no index needed,
 * and on PGlite the build costs about a minute per 40k vectors).
 */
export function needsVectorIndex(fusion: FusionOptions): boolean {
  return fusion.method !== 'rescore';
}

/**
 * Blends BM25 and cosine scores over the union of both lists. `similarity` holds the cosine of
 * lexical candidates the dense list does not contain (a chunk without a vector counts 0).
 */
export function blendScores(
  lexical: readonly ChunkHit[],
  dense: readonly ChunkHit[],
  similarity: ReadonlyMap<number, number>,
  lexicalWeight: number,
): ChunkHit[] {
  const w = Math.min(1, Math.max(0, lexicalWeight));
  const maxLexical = lexical.reduce((m, h) => Math.max(m, h.score), 0);
  const cosine = new Map(similarity);
  for (const hit of dense) cosine.set(hit.chunkId, hit.score);
  const blended = new Map<number, ChunkHit>();
  for (const hit of lexical) {
    const bm25 = maxLexical > 0 ? hit.score / maxLexical : 0;
    blended.set(hit.chunkId, { ...hit, score: w * bm25 + (1 - w) * (cosine.get(hit.chunkId) ?? 0) });
  }
  for (const hit of dense) {
    if (!blended.has(hit.chunkId)) blended.set(hit.chunkId, { ...hit, score: (1 - w) * hit.score });
  }
  return [...blended.values()].sort((a, b) => b.score - a.score || a.chunkId - b.chunkId);
}

/** Reciprocal rank fusion: each list contributes weight / (k + rank) per chunk. */
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

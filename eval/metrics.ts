/**
 * Retrieval metrics for one query: pure arithmetic over a ranked result list and the query's
 * judgements. No I/O. The rules (see eval/README.md, "Scoring"):
 *
 * - A result *hits* a target when it is in the target's file and, for a line-range target, its
 *   lines overlap the range (1-based, inclusive on both sides).
 * - A target's rank is the rank of the first result that hits it; later hits on the same target
 *   earn nothing (each target is counted once).
 * - nDCG: each result position earns the largest gain among the targets it hits for the first
 *   time (relevant = 1, secondary = `secondaryGain`, 0 by default); a result that hits several
 *   new targets at once (a class chunk covering two relevant methods) earns one gain, not two.
 *   The ideal DCG puts every judged target with a non-zero gain at the top, best first.
 * - Recall@k is at file level: the share of distinct relevant files among the top k results' files.
 * - Reciprocal rank: 1 / rank of the first result that hits a relevant target, 0 when none does.
 */
import type { Target } from './datasets/dataset.js';

/** A returned chunk: the only fields the scorer looks at. Lines are 1-based, inclusive. */
export interface RetrievedChunk {
  readonly path: string;
  readonly startLine: number;
  readonly endLine: number;
}

/** The judgements of one query, as in the dataset. */
export interface Judgement {
  readonly relevant: readonly Target[];
  readonly secondary?: readonly Target[];
}

/** Options for {@link scoreQuery}. */
export interface ScoreOptions {
  /** Gain of a secondary target in nDCG (default 0: binary relevance, secondary ignored). */
  readonly secondaryGain?: number;
}

/** Scores of one query. All values are in [0, 1]. */
export interface QueryScores {
  readonly ndcg5: number;
  readonly ndcg10: number;
  /** nDCG@10 with secondary targets at gain 0.5 (graded relevance). */
  readonly ndcg10Graded: number;
  /** nDCG@10 when a result in the right file counts, whatever its lines (file-level targets). */
  readonly fileNdcg10: number;
  readonly recall10: number;
  readonly rr: number;
  /** Rank (1-based) of the first hit on each relevant target, null when not in the list. */
  readonly ranks: readonly (number | null)[];
}

/** True when `result` hits `target`: same file and, for a range target, overlapping lines. */
export function hits(result: RetrievedChunk, target: Target): boolean {
  if (typeof target === 'string') return result.path === target;
  return (
    result.path === target.path && result.startLine <= target.end_line && result.endLine >= target.start_line
  );
}

/** Rank (1-based) of the first of `results` that hits `target`, or null. */
export function firstHitRank(results: readonly RetrievedChunk[], target: Target): number | null {
  const i = results.findIndex((r) => hits(r, target));
  return i < 0 ? null : i + 1;
}

/** Discounted cumulative gain of a list of gains by position (position 1 first). */
export function dcg(gains: readonly number[]): number {
  let sum = 0;
  gains.forEach((g, i) => {
    sum += g / Math.log2(i + 2);
  });
  return sum;
}

/** nDCG@k under the first-hit rule; 0 when no target has a positive gain. */
export function ndcgAt(
  results: readonly RetrievedChunk[],
  judgement: Judgement,
  k: number,
  options: ScoreOptions = {},
): number {
  const secondaryGain = options.secondaryGain ?? 0;
  const targets = [
    ...judgement.relevant.map((target) => ({ target, gain: 1 })),
    ...(judgement.secondary ?? []).map((target) => ({ target, gain: secondaryGain })),
  ].filter((t) => t.gain > 0);
  const ideal = dcg(
    targets
      .map((t) => t.gain)
      .sort((a, b) => b - a)
      .slice(0, k),
  );
  if (ideal === 0) return 0;
  const credited = new Set<number>();
  const gains = results.slice(0, k).map((result) => {
    let gain = 0;
    targets.forEach((t, i) => {
      if (credited.has(i) || !hits(result, t.target)) return;
      credited.add(i);
      gain = Math.max(gain, t.gain);
    });
    return gain;
  });
  return dcg(gains) / ideal;
}

/** Share of the distinct files of the relevant targets found among the top k results. */
export function fileRecallAt(
  results: readonly RetrievedChunk[],
  relevant: readonly Target[],
  k: number,
): number {
  const wanted = new Set(relevant.map((t) => (typeof t === 'string' ? t : t.path)));
  if (wanted.size === 0) return 0;
  const found = new Set(results.slice(0, k).map((r) => r.path));
  let n = 0;
  for (const file of wanted) if (found.has(file)) n++;
  return n / wanted.size;
}

/** 1 / rank of the first result (within the top k) that hits any relevant target, else 0. */
export function reciprocalRank(
  results: readonly RetrievedChunk[],
  relevant: readonly Target[],
  k = 10,
): number {
  const i = results.slice(0, k).findIndex((r) => relevant.some((t) => hits(r, t)));
  return i < 0 ? 0 : 1 / (i + 1);
}

/** Every metric for one query, on the top 10 results. */
export function scoreQuery(results: readonly RetrievedChunk[], judgement: Judgement): QueryScores {
  const asFiles = (ts: readonly Target[] | undefined) =>
    (ts ?? []).map((t) => (typeof t === 'string' ? t : t.path));
  return {
    ndcg5: ndcgAt(results, judgement, 5),
    ndcg10: ndcgAt(results, judgement, 10),
    ndcg10Graded: ndcgAt(results, judgement, 10, { secondaryGain: 0.5 }),
    fileNdcg10: ndcgAt(results, { relevant: [...new Set(asFiles(judgement.relevant))] }, 10),
    recall10: fileRecallAt(results, judgement.relevant, 10),
    rr: reciprocalRank(results, judgement.relevant, 10),
    ranks: judgement.relevant.map((t) => firstHitRank(results.slice(0, 10), t)),
  };
}

/** Arithmetic mean; 0 for an empty list. */
export function mean(xs: readonly number[]): number {
  return xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length;
}

/** Nearest-rank percentile (p in 0–100); 0 for an empty list. */
export function percentile(xs: readonly number[], p: number): number {
  if (xs.length === 0) return 0;
  const sorted = [...xs].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(sorted.length, rank) - 1]!;
}

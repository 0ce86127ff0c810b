/**
 * Code-aware ranking on top of the retrieval score (BM25, or fused BM25 + dense):
 * definitions of the symbol the query names go up, so do files whose name or folder matches the
 * query; tests, examples, docs, vendored, generated and declaration files go down unless asked for;
 * and no single file may take more than a few of the top places.
 */
import { splitIdentifier, stem } from '../lexical/index.js';
import type { ChunkHit } from '../store/index.js';
import type { QueryAnalysis } from './query.js';

export interface RankingWeights {
  /** Multiplier when a chunk defines exactly the symbol the query names (qualified match). */
  readonly symbolExact: number;
  /** Multiplier when the chunk's symbol ends with the queried name. */
  readonly symbolName: number;
  /** Added to the multiplier per query word found in the file name. */
  readonly fileName: number;
  /** Added to the multiplier per query word found in the parent folders. */
  readonly folder: number;
  readonly test: number;
  readonly example: number;
  readonly docs: number;
  readonly vendored: number;
  readonly generated: number;
  readonly declaration: number;
  /** How many results one file may take before the others go first. */
  readonly perFile: number;
}

export const DEFAULT_RANKING: RankingWeights = Object.freeze({
  symbolExact: 3,
  symbolName: 2,
  fileName: 0.25,
  folder: 0.1,
  test: 0.6,
  example: 0.7,
  docs: 0.75,
  vendored: 0.5,
  generated: 0.5,
  declaration: 0.6,
  perFile: 2,
});

const TEST_PATH = /(^|\/)(tests?|__tests__|spec|specs|testing|testdata|fixtures?|__mocks__)\/|[._-](test|spec)s?\.[^/]+$|(^|\/)test_[^/]+\.py$|_test\.go$|Tests?\.(java|kt|cs|swift|scala)$/i;
const EXAMPLE_PATH = /(^|\/)(examples?|samples?|demos?|benchmarks?|bench)\//i;
const DOCS_PATH = /(^|\/)(docs?|documentation)\/|\.(md|mdx|rst|txt|adoc)$/i;
const VENDORED_PATH = /(^|\/)(vendor|third[_-]?party|external|deps)\//i;
const GENERATED_PATH = /(\.generated\.|\.gen\.|_pb2\.py$|\.pb\.go$|_generated\.|\.g\.dart$|\.designer\.cs$)/i;
const DECLARATION_PATH = /\.d\.(ts|mts|cts)$/i;

export interface Ranked extends ChunkHit {
  /** The score before ranking adjustments. */
  readonly baseScore: number;
}

export function pathMultiplier(path: string, query: QueryAnalysis, w: RankingWeights = DEFAULT_RANKING): number {
  let m = 1;
  if (!query.wants.tests && TEST_PATH.test(path)) m *= w.test;
  if (!query.wants.examples && EXAMPLE_PATH.test(path)) m *= w.example;
  if (!query.wants.docs && DOCS_PATH.test(path)) m *= w.docs;
  if (!query.wants.vendored && VENDORED_PATH.test(path)) m *= w.vendored;
  if (!query.wants.generated && GENERATED_PATH.test(path)) m *= w.generated;
  if (DECLARATION_PATH.test(path)) m *= w.declaration;

  if (query.words.size > 0) {
    const segments = path.split('/');
    const file = (segments.pop() ?? '').replace(/\.[^.]*$/, '');
    const fileWords = new Set(splitIdentifier(file).map(stem));
    const folderWords = new Set(segments.slice(-2).flatMap((s) => splitIdentifier(s).map(stem)));
    let bonus = 0;
    for (const word of query.words) {
      if (fileWords.has(word)) bonus += w.fileName;
      else if (folderWords.has(word)) bonus += w.folder;
    }
    m *= 1 + Math.min(bonus, 3 * w.fileName);
  }
  return m;
}

export function symbolMultiplier(symbol: string | null, query: QueryAnalysis, w: RankingWeights = DEFAULT_RANKING): number {
  if (!symbol || query.symbols.length === 0) return 1;
  const parts = symbol
    .split(/\.|::|#|>/)
    .map((p) => p.trim().toLowerCase())
    .filter(Boolean);
  let best = 1;
  for (const ref of query.symbols) {
    const n = ref.parts.length;
    if (n === 0 || parts.length < n) continue;
    const tail = parts.slice(-n);
    if (tail.every((p, i) => p === ref.parts[i])) {
      best = Math.max(best, n > 1 || parts.length === 1 ? w.symbolExact : w.symbolName);
    } else if (parts.at(-1) === ref.parts.at(-1)) {
      best = Math.max(best, w.symbolName);
    }
  }
  return best;
}

/** Re-scores candidates and applies the per-file limit; returns them best first. */
export function rank(hits: readonly ChunkHit[], query: QueryAnalysis, w: RankingWeights = DEFAULT_RANKING): Ranked[] {
  const scored = hits.map((hit) => ({
    ...hit,
    baseScore: hit.score,
    score: hit.score * pathMultiplier(hit.path, query, w) * symbolMultiplier(hit.symbol, query, w),
  }));
  scored.sort((a, b) => b.score - a.score || a.path.localeCompare(b.path) || a.startLine - b.startLine);

  const perFile = new Map<string, number>();
  const first: Ranked[] = [];
  const overflow: Ranked[] = [];
  for (const hit of scored) {
    const key = `${hit.repositoryId}:${hit.path}`;
    const n = perFile.get(key) ?? 0;
    perFile.set(key, n + 1);
    (n < w.perFile ? first : overflow).push(hit);
  }
  return [...first, ...overflow];
}

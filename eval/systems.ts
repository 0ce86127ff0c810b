/**
 * The systems the harness compares, behind one signature: given a repository and a query, return
 * the ranked top results. `product` and `bm25` share one index built with the real indexer;
 * the ripgrep baselines need no index.
 */
import type { Repository } from './datasets/dataset.js';
import type { RetrievedChunk } from './metrics.js';
import { NEUTRAL_RANKING } from './baselines/bm25.js';
import { ripgrepSearch } from './baselines/ripgrep.js';
import { indexRepository } from '../src/indexer/index.js';
import {
  DEFAULT_FUSION,
  DEFAULT_RANKING,
  searchCode,
  type FusionOptions,
  type RankingWeights,
  type SearchResult,
} from '../src/search/index.js';
import { buildSnippets } from '../src/mcp/tools/search-snippets.js';
import { openStore, type Store } from '../src/store/index.js';
import { createEmbedder, withQueryCache, type Embedder } from '../src/embed/index.js';
import { createBuiltinEmbedder } from '../src/embed/builtin.js';

export const SYSTEM_NAMES = ['product', 'bm25', 'rg-literal', 'rg-words', 'hybrid'] as const;
/** A system the harness can run. */
export type SystemName = (typeof SYSTEM_NAMES)[number];

/** A returned result with what a reader needs to judge it by eye. */
export interface SystemResult extends RetrievedChunk {
  readonly symbol?: string | null;
  readonly kind?: string;
  readonly score?: number;
  readonly content?: string;
}

/** Runs one query against one repository. */
export type SearchFn = (
  repo: Repository,
  root: string,
  query: string,
  limit: number,
) => Promise<SystemResult[]>;

/** What indexing one repository cost and produced. */
export interface IndexStats {
  readonly repository: string;
  readonly ms: number;
  readonly files: number;
  readonly chunks: number;
  readonly skipped: number;
  readonly failed: number;
}

/** Knobs of the product system, for experiments (`--ranking`, `--bm25` on the command line). */
export interface ProductSettings {
  readonly ranking?: Partial<RankingWeights>;
  readonly k1?: number;
  readonly b?: number;
  readonly lengthFloor?: number;
  readonly candidates?: number;
  /** Query expansion weight (0: off); the product default when absent. */
  readonly expansion?: number;
  readonly maxFileBytes?: number;
  /**
   * Chunking worker threads for the indexer. Default 0 (inline): under tsx on Node 20 the
   * indexer's worker cannot load its `.ts` entry (ERR_UNKNOWN_FILE_EXTENSION).
   */
  readonly workers?: number;
  /** Index with this embedder too (for the `hybrid` and `dense` systems). */
  readonly embedder?: Embedder | null;
  /** How the embedder's results join BM25 (default: the product's, blend 0.5). */
  readonly fusion?: Partial<FusionOptions>;
  /**
   * Score only what a `search_code` answer of this many tokens shows (no context lines): results
   * left out of the answer, or whose first line was cut off, count as not returned. Measures what
   * longer chunks cost an assistant (absent: every result counts).
   */
  readonly answerTokens?: number;
}

/** Tokens a one-repository `search_code` answer spends besides its snippets (envelope + slack). */
const ANSWER_OVERHEAD_TOKENS = 60;

/** The built-in static model, with a query cache: what `hybrid` evaluates. */
export function builtinEmbedder(modelPath?: string): Embedder {
  if (modelPath !== undefined) return withQueryCache(createBuiltinEmbedder({ modelPath }), 1024);
  return withQueryCache(
    createEmbedder({
      provider: 'builtin',
      batchSize: 512,
      concurrency: 1,
      timeoutMs: 60_000,
      maxRetries: 0,
    })!,
    1024,
  );
}

/** The index shared by `product` and `bm25`: a fresh in-memory store, one project per repository. */
export interface EvalIndex {
  readonly store: Store;
  index(repo: Repository, root: string): Promise<IndexStats>;
  close(): Promise<void>;
}

/** Opens a fresh store (in memory unless `url` names another) for one evaluation run. */
export async function openEvalIndex(settings: ProductSettings = {}, url = 'memory://'): Promise<EvalIndex> {
  const store = await openStore({ url });
  return {
    store,
    async index(repo, root) {
      const started = performance.now();
      const result = await indexRepository(store, {
        root,
        project: repo.name,
        maxFileBytes: settings.maxFileBytes ?? 1024 * 1024,
        force: true,
        workers: settings.workers ?? 0,
        ...(settings.embedder ? { embedder: settings.embedder } : {}),
      });
      return {
        repository: repo.name,
        ms: performance.now() - started,
        files: result.indexed + result.unchanged,
        chunks: result.chunksWritten,
        skipped: result.skipped.length,
        failed: result.failed.length,
      };
    },
    close: () => store.close(),
  };
}

/** A product variant: the product with some settings overridden, named `product[k=v,…]`. */
export interface Variant {
  readonly name: string;
  readonly settings: ProductSettings;
}

/** Parses `perFile=4,test=0.5,k1=1.5` into a variant (k1, b, lengthFloor and candidates are search settings). */
export function parseVariant(spec: string): Variant {
  const ranking: Record<string, number> = {};
  const search: Record<string, number> = {};
  for (const kv of spec.split(',')) {
    const [key, raw] = kv.split('=');
    const value = Number(raw);
    if (!key || raw === undefined || !Number.isFinite(value))
      throw new Error(`variant ${spec}: expected key=number, got ${kv}`);
    if (['k1', 'b', 'lengthFloor', 'candidates', 'expansion', 'answerTokens'].includes(key))
      search[key] = value;
    else if (key in DEFAULT_RANKING) ranking[key] = value;
    else
      throw new Error(
        `variant ${spec}: unknown setting ${key}; known: k1, b, lengthFloor, candidates, expansion, answerTokens, ${Object.keys(DEFAULT_RANKING).join(', ')}`,
      );
  }
  return { name: `product[${spec}]`, settings: { ...search, ranking } };
}

/** The search function of each system; `index` must hold every repository that is queried. */
export function createSystems(
  index: EvalIndex | undefined,
  settings: ProductSettings = {},
  variants: readonly Variant[] = [],
): Map<string, SearchFn> {
  const viaProduct =
    (ranking: RankingWeights, s: ProductSettings): SearchFn =>
    async (repo, _root, query, limit) => {
      if (!index) throw new Error('the product index is not open');
      const response = await searchCode(index.store, {
        query,
        project: repo.name,
        limit,
        ranking,
        ...(s.k1 !== undefined ? { k1: s.k1 } : {}),
        ...(s.b !== undefined ? { b: s.b } : {}),
        ...(s.lengthFloor !== undefined ? { lengthFloor: s.lengthFloor } : {}),
        ...(s.candidates !== undefined ? { candidates: s.candidates } : {}),
        ...(s.expansion !== undefined ? { expansion: s.expansion } : {}),
        // The product's default for the built-in model (`auto` → rescore), unless overridden.
        ...(s.embedder
          ? { embedder: s.embedder, fusion: { ...DEFAULT_FUSION, method: 'rescore' as const, ...s.fusion } }
          : {}),
      });
      const results =
        s.answerTokens === undefined
          ? response.results
          : await shownInAnswer(
              index.store,
              response.repositories[0]?.id ?? -1,
              response.results,
              s.answerTokens,
            );
      return results.map((r) => ({
        path: r.path,
        startLine: r.startLine,
        endLine: r.endLine,
        symbol: r.symbol,
        kind: r.kind,
        score: r.score,
        content: r.content,
      }));
    };
  const product = { ...DEFAULT_RANKING, ...settings.ranking };
  const systems = new Map<string, SearchFn>([
    ['product', viaProduct(product, { ...settings, embedder: null })],
    ['bm25', viaProduct(NEUTRAL_RANKING, { ...settings, embedder: null, expansion: 0, lengthFloor: 0 })],
    ['hybrid', viaProduct(product, settings)],
    ['rg-literal', (_repo, root, query, limit) => ripgrepSearch(root, query, { mode: 'literal', limit })],
    ['rg-words', (_repo, root, query, limit) => ripgrepSearch(root, query, { mode: 'words', limit })],
  ]);
  for (const v of variants) {
    systems.set(
      v.name,
      viaProduct({ ...product, ...v.settings.ranking }, { ...settings, embedder: null, ...v.settings }),
    );
  }
  return systems;
}

/** The results a `search_code` answer of `maxTokens` shows, in rank order. */
async function shownInAnswer(
  store: Store,
  repositoryId: number,
  results: readonly SearchResult[],
  maxTokens: number,
): Promise<SearchResult[]> {
  const { snippets } = await buildSnippets(results, {
    contextLines: 0,
    maxTokens,
    overheadTokens: ANSWER_OVERHEAD_TOKENS,
    loadFile: (_repository, path) => store.getFileChunks(repositoryId, path),
  });
  return results.filter((r) =>
    snippets.some(
      (s) =>
        s.repository === r.repository &&
        s.path === r.path &&
        s.start_line <= r.startLine &&
        r.startLine <= s.end_line,
    ),
  );
}

/** True for the systems that need the product index (everything but ripgrep). */
export function needsIndex(name: string): boolean {
  return !name.startsWith('rg-');
}

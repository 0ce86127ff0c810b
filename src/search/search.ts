/**
 * The search pipeline: analyse the query → BM25 candidates from the store (fused with dense
 * candidates when an embedder is configured) → code-aware ranking → content of the top results.
 */
import { CodebaseError, describeError } from '../core/index.js';
import type { Embedder } from '../embed/index.js';
import type { ChunkKind, Language } from '../core/index.js';
import { NAME_STOP_WORD_MARK } from '../lexical/index.js';
import type { ChunkHit, RepositoryRecord, Store } from '../store/index.js';
import { blendScores, DEFAULT_FUSION, reciprocalRankFusion, type FusionOptions } from './fusion.js';
import { DEFAULT_EXPANSION_WEIGHT, expandTerms } from './expansion.js';
import { globToRegex } from './glob.js';
import { analyzeQuery, isPlainWord } from './query.js';
import { demoteCommentBlocks } from './comment-blocks.js';
import { demoteDelegates } from './delegates.js';
import { withEntryFiles } from './entry-files.js';
import { rank } from './rank.js';
import { DEFAULT_RANKING, type RankingWeights } from './weights.js';

export interface SearchOptions {
  readonly query: string;
  readonly project: string;
  /** Restrict to one repository (its root path as indexed). */
  readonly repository?: string;
  readonly limit?: number;
  readonly pathGlob?: string;
  readonly languages?: readonly Language[];
  readonly ranking?: RankingWeights;
  /** BM25 parameters. */
  readonly k1?: number;
  readonly b?: number;
  /** Share of the average chunk length below which BM25 stops rewarding shortness. */
  readonly lengthFloor?: number;
  /** How many BM25 candidates the ranking stage sees. */
  readonly candidates?: number;
  /** Weight of synonym and abbreviation terms added to the query (0: none). */
  readonly expansion?: number;
  /** When set, dense candidates join the lexical ones (see `fusion`). */
  readonly embedder?: Embedder | null;
  /** How dense candidates join (default: blend, lexical weight 0.5). */
  readonly fusion?: FusionOptions;
}

export interface SearchResult {
  readonly repository: string;
  readonly path: string;
  readonly startLine: number;
  readonly endLine: number;
  readonly symbol: string | null;
  readonly kind: ChunkKind;
  readonly language: Language;
  readonly score: number;
  readonly content: string;
}

export interface SearchResponse {
  readonly results: SearchResult[];
  readonly repositories: readonly RepositoryRecord[];
  readonly mode: 'lexical' | 'hybrid';
  /** Something the caller should know about the answer (e.g. a fallback). */
  readonly notice?: string;
}

export const MAX_QUERY_LENGTH = 2000;
/** BM25 parameters, tuned on the dev set and re-tuned jointly with the ranking over all eval sets (ARCHITECTURE.md): code chunks that define things are long. */
export const BM25_K1 = 1.7;
export const BM25_B = 0.5;
/**
 * A chunk shorter than half the average scores as if it were half the average: a one-line type
 * alias or field no longer outranks the definition it names for being short (eval: held-out
 * 0.751 → 0.756, probe-languages 0.783 → 0.786, dev and extra-languages unchanged).
 */
export const BM25_LENGTH_FLOOR = 0.5;
export const MAX_LIMIT = 50;

export async function searchCode(store: Store, options: SearchOptions): Promise<SearchResponse> {
  const text = options.query.trim();
  if (text === '')
    throw new CodebaseError('INVALID_ARGUMENT', 'The search query is empty.', {
      hint: 'Describe the code you are looking for, or name a symbol.',
    });
  if (text.length > MAX_QUERY_LENGTH) {
    throw new CodebaseError(
      'INVALID_ARGUMENT',
      `The search query is ${text.length} characters long; the limit is ${MAX_QUERY_LENGTH}.`,
      {
        hint: 'Shorten the query to the words that matter.',
      },
    );
  }
  const limit = Math.min(Math.max(1, Math.floor(options.limit ?? 10)), MAX_LIMIT);
  const repositories = await resolveRepositories(store, options.project, options.repository);
  const pathRegex = options.pathGlob ? globToRegex(options.pathGlob) : undefined;

  const query = analyzeQuery(text);
  if (query.terms.length === 0)
    return {
      results: [],
      repositories,
      mode: 'lexical',
      notice: 'The query has no searchable words (only stop words or punctuation).',
    };

  const filters = {
    ...(options.languages && options.languages.length > 0 ? { languages: options.languages } : {}),
    ...(pathRegex ? { pathRegex } : {}),
  };
  const candidateCount = options.candidates ?? Math.max(100, limit * 10);
  const expansion = options.expansion ?? DEFAULT_EXPANSION_WEIGHT;
  const lexicalFor = (terms: ReturnType<typeof expandTerms>) =>
    store.lexicalSearch({
      repositoryIds: repositories.map((r) => r.id),
      terms,
      limit: candidateCount,
      ...filters,
      k1: options.k1 ?? BM25_K1,
      b: options.b ?? BM25_B,
      lengthFloor: options.lengthFloor ?? BM25_LENGTH_FLOOR,
    });
  let lexical = await lexicalFor(expandTerms(query, expansion));
  let notice: string | undefined;
  // A plain word that no code contains ("reload") may name what code calls otherwise (`refresh`); an
  // identifier that is not there (`ListenAndServe`, `parse_args`) names what it wants.
  const widened =
    lexical.length === 0 && query.isSymbolQuery && isPlainWord(text)
      ? expandTerms(query, expansion, true)
      : query.terms;
  if (widened.length > query.terms.length) {
    lexical = await lexicalFor(widened);
    if (lexical.length > 0) notice = `No code contains "${text}"; these results use related words.`;
  }

  let candidates = lexical;
  let mode: SearchResponse['mode'] = 'lexical';
  const embedder = options.embedder;
  if (embedder) {
    const fusion = options.fusion ?? DEFAULT_FUSION;
    // `rescore` needs only the query vector: no nearest-neighbour search.
    const denseLimit = fusion.method === 'rescore' ? 0 : candidateCount;
    const dense = await denseCandidates(store, embedder, text, repositories, denseLimit, filters);
    if (dense.hits && dense.vector) {
      candidates = await fuse(store, embedder.id, lexical, dense.hits, dense.vector, fusion);
      mode = 'hybrid';
    }
    if (dense.notice) notice = notice ? `${notice} ${dense.notice}` : dense.notice;
  }
  if (query.wants.entryPoint) candidates = await withEntryFiles(store, repositories, candidates, filters);
  const ranking = options.ranking ?? DEFAULT_RANKING;
  // The leading candidates' text, read once: comment blocks and delegates among them are demoted,
  // and the answer needs the text of the ones that stay on top anyway.
  const leading = rank(candidates, query, ranking).slice(0, limit * 2);
  const contents = new Map(
    (await store.getChunks(leading.map((h) => h.chunkId))).map((c) => [c.chunkId, c.content]),
  );
  const demoted = demoteDelegates(
    demoteCommentBlocks(candidates, contents, query, ranking),
    contents,
    ranking,
  );
  const ranked = rank(demoted, query, ranking).slice(0, limit);
  if (ranked.length === 0 && query.terms.every((t) => t.term.startsWith(NAME_STOP_WORD_MARK))) {
    notice ??=
      'The query has only stop words, and no definition is named by them: add the words that matter.';
  }
  return {
    results: await withContent(store, ranked, repositories, contents),
    repositories,
    mode,
    ...(notice ? { notice } : {}),
  };
}

/**
 * Dense candidates (none searched when `limit` is 0) and the query vector, or why there are none. A repository embedded with another model is refused
 * with a clear message; a provider failure falls back to lexical search and says so.
 */
async function denseCandidates(
  store: Store,
  embedder: Embedder,
  text: string,
  repositories: readonly RepositoryRecord[],
  limit: number,
  filters: { languages?: readonly Language[]; pathRegex?: string },
): Promise<{ hits?: ChunkHit[]; vector?: Float32Array; notice?: string }> {
  const other = repositories.find((r) => r.embeddingModel !== null && r.embeddingModel !== embedder.id);
  if (other) {
    throw new CodebaseError(
      'EMBEDDING_MODEL_MISMATCH',
      `${other.rootPath} was embedded with ${other.embeddingModel}, but ${embedder.id} is configured.`,
      {
        hint: 'Configure the model the index was built with, or re-index with --force to re-embed with the new one.',
      },
    );
  }
  const embedded = repositories.filter((r) => r.embeddingModel === embedder.id);
  const unembedded = repositories.filter((r) => r.embeddingModel === null).map((r) => r.rootPath);
  const missingNotice = unembedded.length
    ? `No embeddings yet for ${unembedded.join(', ')}: lexical results only there (re-run indexing to add them).`
    : undefined;
  if (embedded.length === 0) return missingNotice ? { notice: missingNotice } : {};
  let vector: Float32Array;
  try {
    vector = await embedder.embedQuery(text);
  } catch (error) {
    return {
      notice: `The embedding provider failed (${describeError(error)}); these are lexical results only.`,
    };
  }
  if (limit === 0) return missingNotice ? { hits: [], vector, notice: missingNotice } : { hits: [], vector };
  const hits = await store.vectorSearch({
    repositoryIds: embedded.map((r) => r.id),
    model: embedder.id,
    vector,
    limit,
    ...filters,
  });
  return missingNotice ? { hits, vector, notice: missingNotice } : { hits, vector };
}

async function fuse(
  store: Store,
  model: string,
  lexical: readonly ChunkHit[],
  dense: readonly ChunkHit[],
  vector: Float32Array,
  fusion: FusionOptions,
): Promise<ChunkHit[]> {
  if (fusion.method === 'rrf') {
    const w = Math.min(1, Math.max(0, fusion.lexicalWeight));
    return reciprocalRankFusion([lexical, dense], fusion.rrfK, [2 * w, 2 * (1 - w)]);
  }
  const found = new Set(dense.map((h) => h.chunkId));
  const chunkIds = lexical.filter((h) => !found.has(h.chunkId)).map((h) => h.chunkId);
  const similarity = await store.vectorSimilarities({ model, vector, chunkIds });
  return blendScores(lexical, dense, similarity, fusion.lexicalWeight);
}

async function withContent(
  store: Store,
  hits: readonly ChunkHit[],
  repositories: readonly RepositoryRecord[],
  known: ReadonlyMap<number, string>,
): Promise<SearchResult[]> {
  const missing = hits.filter((h) => !known.has(h.chunkId)).map((h) => h.chunkId);
  const contents = new Map(known);
  if (missing.length > 0) for (const c of await store.getChunks(missing)) contents.set(c.chunkId, c.content);
  const roots = new Map(repositories.map((r) => [r.id, r.rootPath]));
  return hits.flatMap((hit) => {
    const content = contents.get(hit.chunkId);
    if (content === undefined) return []; // replaced by a concurrent re-index between the queries
    return [
      {
        repository: roots.get(hit.repositoryId) ?? '',
        path: hit.path,
        startLine: hit.startLine,
        endLine: hit.endLine,
        symbol: hit.symbol,
        kind: hit.kind,
        language: hit.language,
        score: Math.round(hit.score * 1000) / 1000,
        content,
      },
    ];
  });
}

export async function resolveRepositories(
  store: Store,
  projectName: string,
  repository?: string,
): Promise<RepositoryRecord[]> {
  const project = await store.getProject(projectName);
  const all = project ? await store.listRepositories(project.id) : [];
  if (all.length === 0) {
    throw new CodebaseError('NOT_INDEXED', `Nothing is indexed in project "${projectName}" yet.`, {
      hint: 'Index a repository first: codebase-mcp index <path> (or the index_repository tool).',
    });
  }
  if (repository === undefined) return all;
  const wanted = repository.replace(/\/+$/, '');
  const match = all.filter((r) => r.rootPath === wanted || r.rootPath.endsWith('/' + wanted));
  if (match.length === 0) {
    throw new CodebaseError(
      'REPOSITORY_NOT_FOUND',
      `Repository ${JSON.stringify(repository)} is not indexed in project "${projectName}".`,
      {
        hint: `Indexed repositories: ${all.map((r) => r.rootPath).join(', ')}.`,
      },
    );
  }
  return match;
}

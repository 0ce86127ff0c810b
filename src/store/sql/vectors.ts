/**
 * Embeddings in the store: the repository's model, which chunks still need a vector (after reusing
 * cached vectors of the same content and model), and the HNSW index of each vector length, built
 * on request (`buildVectorIndex`) once a corpus outgrows exact search. Writes are in
 * vector-write.ts, search in vector-search.ts.
 */
import { StoreError } from '../../core/index.js';
import type { ChunkToEmbed } from '../store.js';
import { numberArray } from './arrays.js';
import type { Driver, Queryable } from './driver.js';
import { num, type Row } from './mappers.js';
import {
  ALL_CHUNKS,
  CHUNKS_TO_EMBED,
  COUNT_VECTORS,
  COUNT_VECTORS_OF_LENGTH,
  DISCARD_REPOSITORY_VECTORS,
  HNSW_INDEX_EXISTS,
  INDEX_BUILD_MEMORY,
  LOCK_INDEX_CREATION,
  LOCK_REPOSITORY_EMBEDDING,
  MAX_DIMENSIONS,
  MAX_INDEXED_DIMENSIONS,
  MISSING_CHUNK_IDS,
  REPOSITORY_EMBEDDINGS,
  UPDATE_REPOSITORY_EMBEDDING,
  createHnswIndexSql,
  hnswIndexName,
} from './vector-statements.js';
import type { ChunkVectorCopier, VectorStager } from './vector-write.js';

/** HNSW parameters (config keys `hnsw.m`, `hnsw.efConstruction`, `hnsw.efSearch`). */
export interface HnswOptions {
  /** Max connections per layer; fixed when an index is built. */
  readonly m: number;
  /** Candidate list size while building (at least 2·m); fixed when an index is built. */
  readonly efConstruction: number;
  /** Candidate list size while searching; raised to the requested limit when that is larger. */
  readonly efSearch: number;
}

export const DEFAULT_HNSW: HnswOptions = { m: 16, efConstruction: 64, efSearch: 100 };

/**
 * Up to this many vectors of one length, searches compute every distance (exact, ~30 ms for 10k
 * 256-dimensional vectors on PGlite) and no HNSW index is built; past it, the index is built in
 * bulk once the embedding phase has nothing left to do (docs/notes/vectors.md).
 */
export const DEFAULT_EXACT_BELOW = 10_000;

export interface VectorOptions {
  readonly hnsw: HnswOptions;
  /** Puts rows into the staging table (vector-write.ts); binary COPY on both backends. */
  readonly stage: VectorStager;
  /** Writes the vectors of chunks new in the transaction without staging (binary COPY), if the backend can. */
  readonly copy?: ChunkVectorCopier;
  /** Searches over at most this many chunks compute every distance (exact) instead of using HNSW. */
  readonly exactBelow: number;
}

/** A repository's embedding model and vector length, as the vector writes check them. */
export interface RepositoryEmbedding {
  readonly model: string | null;
  readonly dims: number | null;
  readonly chunkCount: number;
}

function toRepositoryEmbedding(row: Row): RepositoryEmbedding {
  return {
    model: row.embedding_model == null ? null : String(row.embedding_model),
    dims: row.embedding_dimensions == null ? null : num(row.embedding_dimensions),
    chunkCount: num(row.chunk_count),
  };
}

/** Throws unless `dims` is a vector length pgvector can store. */
export function checkDimensions(dims: number, what = 'Embedding'): number {
  if (!Number.isInteger(dims) || dims < 1 || dims > MAX_DIMENSIONS) {
    throw new StoreError(
      'INVALID_ARGUMENT',
      `${what} dimensions must be an integer from 1 to ${MAX_DIMENSIONS}; got ${dims}.`,
      {
        details: { dimensions: dims },
        hint: 'Check the embedding model configuration.',
      },
    );
  }
  return dims;
}

export async function lockRepository(tx: Queryable, repositoryId: number): Promise<RepositoryEmbedding> {
  const result = await tx.query(LOCK_REPOSITORY_EMBEDDING, [repositoryId]);
  if (!result.rows[0]) {
    throw new StoreError('REPOSITORY_NOT_FOUND', `No repository with id ${repositoryId}.`, {
      details: { repositoryId },
      hint: 'List repositories to find the right one; it may have been removed.',
    });
  }
  return toRepositoryEmbedding(result.rows[0]);
}

async function readRepository(db: Queryable, repositoryId: number): Promise<RepositoryEmbedding | null> {
  const result = await db.query(REPOSITORY_EMBEDDINGS, [numberArray([repositoryId])]);
  return result.rows[0] ? toRepositoryEmbedding(result.rows[0]) : null;
}

/**
 * Builds the HNSW index for the vectors of the repository's length when there are more vectors of
 * that length (all repositories) than exact search handles well and no index exists yet; returns
 * whether the index exists afterwards. Building over the loaded rows is ~5× faster than
 * maintaining the index row by row during the first load; later changes update it incrementally.
 * Nothing calls this implicitly: only nearest-neighbour search (`vectorSearch`) uses the index,
 * and on PGlite the build costs about a minute per 40k 256-dimensional vectors, so the embedding
 * phase asks for it only when the configured fusion searches vectors (docs/notes/vectors.md,
 * "Hybrid cold indexing"). Without it, `vectorSearch` is exact: the same results, slower.
 */
export async function buildVectorIndex(
  driver: Driver,
  options: VectorOptions,
  repositoryId: number,
): Promise<boolean> {
  const dims = (await readRepository(driver, repositoryId))?.dims ?? null;
  if (dims === null || dims > MAX_INDEXED_DIMENSIONS) return false; // searched exactly (vector-search.ts)
  if (await hasHnswIndex(driver, dims)) return true;
  const count = await driver.query<{ n: unknown }>(COUNT_VECTORS_OF_LENGTH, [dims]);
  if (num(count.rows[0]?.n) <= options.exactBelow) return false;
  const m = Math.floor(options.hnsw.m);
  const efConstruction = Math.max(Math.floor(options.hnsw.efConstruction), 2 * m);
  await driver.transaction(async (tx) => {
    await tx.query(LOCK_INDEX_CREATION);
    await tx.query(INDEX_BUILD_MEMORY);
    await tx.query(createHnswIndexSql(checkDimensions(dims), m, efConstruction));
  });
  // PGlite has no autovacuum: without statistics the planner takes chunk_vectors for an empty
  // table and never uses the index.
  await driver.refreshStatistics(['chunk_vectors']);
  return true;
}

/** Whether the HNSW index for vectors of `dims` dimensions exists. */
export async function hasHnswIndex(db: Queryable, dims: number): Promise<boolean> {
  const result = await db.query<{ present: boolean }>(HNSW_INDEX_EXISTS, [
    hnswIndexName(checkDimensions(dims)),
  ]);
  return result.rows[0]?.present === true;
}

export async function setRepositoryEmbedding(
  driver: Driver,
  repositoryId: number,
  model: string | null,
  dims: number | null,
): Promise<void> {
  if (dims !== null) checkDimensions(dims);
  await driver.transaction(async (tx) => {
    const current = await lockRepository(tx, repositoryId);
    const changed =
      model === null ||
      current.model !== model ||
      (current.dims !== null && dims !== null && current.dims !== dims);
    if (changed) await tx.query(DISCARD_REPOSITORY_VECTORS, [repositoryId]);
    const nextDims = model === null ? null : (dims ?? (changed ? null : current.dims));
    await tx.query(UPDATE_REPOSITORY_EMBEDDING, [repositoryId, model, nextDims]);
  });
}

function toChunkToEmbed(row: Row): ChunkToEmbed {
  return {
    chunkId: num(row.id),
    hash: String(row.content_hash),
    path: String(row.path),
    symbol: row.symbol == null ? null : String(row.symbol),
    content: String(row.content),
  };
}

/**
 * In-memory hints of one store instance. `queues`: per repository and model, the ids of chunks
 * found without a vector by the last pass and not handed out yet, so each call costs one page of
 * primary-key lookups instead of a pass over the repository. Nothing is reported done until a
 * fresh pass finds no chunk left (which also catches chunks handed out but never written).
 */
export class EmbeddingState {
  readonly queues = new Map<string, number[]>();
}

/**
 * Lists chunks still without a vector, page by page in id order, giving chunks whose content has
 * a cached vector that vector on the way. When none is left, the embedding of the repository is
 * complete. Planner statistics are left to `markRepositoryIndexed` (which the indexer calls right
 * after; VACUUM ANALYZE of 40k vectors costs ~0.3–0.6 s on PGlite) and to `buildVectorIndex`.
 */
export async function chunksWithoutEmbedding(
  driver: Driver,
  state: EmbeddingState,
  repositoryId: number,
  model: string,
  limit: number,
): Promise<ChunkToEmbed[]> {
  const max = Math.floor(limit);
  if (max <= 0) return [];
  const repository = await readRepository(driver, repositoryId);
  if (repository === null) return [];
  // Vectors belong to the repository's model: for any other model, every chunk lacks one.
  if (repository.model !== model) {
    return (await driver.query(ALL_CHUNKS, [repositoryId, max])).rows.map(toChunkToEmbed);
  }
  const key = `${repositoryId}\u0000${model}`;
  let queue = state.queues.get(key) ?? [];
  let passed = false;
  const todo: ChunkToEmbed[] = [];
  // One page per call unless all of it was reused from the cache: topping a page up with the few
  // ids the cache took cost two more statements per call (227 instead of 74 for 40k chunks).
  while (todo.length === 0) {
    if (queue.length === 0) {
      if (passed) break;
      passed = true;
      // Every chunk has its vector (the workers embedded them on the way): a count by the
      // repository index instead of an anti-join over all chunks (~20 vs ~270 ms for 40k chunks).
      const vectors = await driver.query<{ n: unknown }>(COUNT_VECTORS, [repositoryId]);
      if (num(vectors.rows[0]?.n) >= repository.chunkCount) break;
      const missing = await driver.query<{ id: unknown }>(MISSING_CHUNK_IDS, [repositoryId]);
      queue = missing.rows.map((r) => num(r.id));
      if (queue.length === 0) break;
    }
    const ids = queue.slice(0, max - todo.length);
    queue = queue.slice(ids.length);
    const page = await driver.query(CHUNKS_TO_EMBED, [
      repositoryId,
      numberArray(ids),
      model,
      repository.dims,
    ]);
    for (const row of page.rows) if (row.reused !== true) todo.push(toChunkToEmbed(row));
  }
  if (todo.length > 0) {
    state.queues.set(key, queue);
    return todo;
  }
  state.queues.delete(key);
  return todo;
}

export async function countChunksWithoutEmbedding(
  driver: Driver,
  repositoryId: number,
  model: string,
): Promise<number> {
  const repository = await readRepository(driver, repositoryId);
  if (repository === null) return 0;
  if (repository.model !== model) return repository.chunkCount;
  const vectors = await driver.query<{ n: unknown }>(COUNT_VECTORS, [repositoryId]);
  return Math.max(0, repository.chunkCount - num(vectors.rows[0]?.n));
}

export function dimensionMismatch(
  repositoryId: number,
  model: string,
  expected: number,
  got: number,
): StoreError {
  return new StoreError(
    'INVALID_ARGUMENT',
    `Vector dimension mismatch: repository ${repositoryId} holds ${expected}-dimensional vectors of ${model}, got ${got}.`,
    {
      details: { repositoryId, model, expected, got },
      hint: 'The model now returns vectors of another length; re-index with --force to rebuild the vectors.',
    },
  );
}

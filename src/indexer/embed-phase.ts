/**
 * The embedding phase of an indexing run: vectors for every chunk that lacks one for the
 * configured model. A local model has mostly embedded the chunks in the chunking workers already
 * (`prepareWorkerEmbedding`); then this phase only fills in what they could not do. Vectors are
 * cached by content hash, so unchanged code is never re-embedded (except the built-in model's,
 * which is cheaper to recompute than to cache).
 * A provider failure ends the phase, never the run: the lexical index stays complete and the
 * number of chunks without a vector is reported (the next run fills them in).
 */
import { describeError, type Logger } from '../core/index.js';
import type { Embedder, WorkerEmbedding } from '../embed/index.js';
import type { ChunkToEmbed, RepositoryRecord, Store } from '../store/index.js';

export interface EmbedPhaseResult {
  readonly embedded: number;
  /** Chunks still without a vector for the model. */
  readonly missing: number;
  /** Why the phase stopped early, if it did. */
  readonly error?: string;
}

export interface EmbedPhaseOptions {
  readonly force: boolean;
  readonly signal?: AbortSignal;
  readonly logger: Logger;
  /** Chunks fetched and embedded per round (default 2048; 512 cost ~10% more per chunk on PGlite). */
  readonly batch?: number;
  /**
   * Keep the vectors in the embedding cache (by content hash) so unchanged code is never
   * re-embedded. Default: true, except for a `local` embedder (the built-in model), which embeds a
   * chunk faster than the cache row is written (docs/notes/vectors.md, "Hybrid cold indexing").
   */
  readonly cache?: boolean;
  /**
   * Builds the HNSW index once the vectors are complete and have outgrown exact search (default
   * true). Only nearest-neighbour search uses it (fusion `blend` and `rrf`); `rescore`, the default
   * with the built-in model, never does, so it can skip a build that costs more than the rest
   * of the run on PGlite (docs/notes/vectors.md, "Hybrid cold indexing").
   */
  readonly vectorIndex?: boolean;
  readonly onProgress?: (embedded: number) => void;
}

/** What the model sees of a chunk: where it lives and what it is named help as much as the code. */
export function embeddingText(chunk: Pick<ChunkToEmbed, 'path' | 'symbol' | 'content'>): string {
  return `${embeddingHead(chunk)}\n${chunk.content}`;
}

/** What {@link embeddingText} puts before the chunk's text. */
export function embeddingHead(chunk: Pick<ChunkToEmbed, 'path' | 'symbol'>): string {
  return chunk.symbol ? `${chunk.path} ${chunk.symbol}` : chunk.path;
}

/**
 * The recipe the chunking workers embed with, when the embedder has one (a local model) and the
 * repository takes its vectors: it has no model yet, has this one, or `force` switches it. The
 * model is recorded on the repository first, so each batch's vectors are written with its chunks.
 * Undefined otherwise, also when the model cannot be loaded: the embedding phase that follows the
 * chunking then does the work, or reports why it cannot.
 */
export async function prepareWorkerEmbedding(
  store: Store,
  repository: RepositoryRecord,
  embedder: Embedder,
  options: { readonly force: boolean; readonly signal?: AbortSignal },
): Promise<WorkerEmbedding | undefined> {
  if (!embedder.worker) return undefined;
  if (repository.embeddingModel && repository.embeddingModel !== embedder.id && !options.force) {
    return undefined;
  }
  try {
    await embedder.probe(options.signal);
  } catch {
    return undefined;
  }
  if (repository.embeddingModel !== embedder.id || repository.embeddingDimensions !== embedder.dimensions()) {
    await store.setRepositoryEmbedding(repository.id, embedder.id, embedder.dimensions());
  }
  return embedder.worker;
}

export async function embedRepository(
  store: Store,
  repository: RepositoryRecord,
  embedder: Embedder,
  options: EmbedPhaseOptions,
): Promise<EmbedPhaseResult> {
  const missing = () => store.countChunksWithoutEmbedding(repository.id, embedder.id);
  if (repository.embeddingModel && repository.embeddingModel !== embedder.id && !options.force) {
    return {
      embedded: 0,
      missing: await missing(),
      error:
        `The index of ${repository.rootPath} was embedded with ${repository.embeddingModel}, but ${embedder.id} is configured. ` +
        'Re-index with --force (force: true) to re-embed with the new model, or configure the old one.',
    };
  }
  let embedded = 0;
  try {
    await embedder.probe(options.signal);
    if (
      repository.embeddingModel !== embedder.id ||
      repository.embeddingDimensions !== embedder.dimensions()
    ) {
      await store.setRepositoryEmbedding(repository.id, embedder.id, embedder.dimensions());
    }
    const batch = options.batch ?? 2048;
    const cache = options.cache ?? !embedder.local;
    while (!options.signal?.aborted) {
      const todo = await store.chunksWithoutEmbedding(repository.id, embedder.id, batch);
      if (todo.length === 0) break;
      const vectors = await embedder.embedDocuments(todo.map(embeddingText), options.signal);
      await store.writeEmbeddings(
        repository.id,
        embedder.id,
        todo.map((c, i) => ({ chunkId: c.chunkId, hash: c.hash, vector: vectors[i]! })),
        { cache },
      );
      embedded += todo.length;
      options.onProgress?.(embedded);
    }
    if (!options.signal?.aborted && (options.vectorIndex ?? true))
      await store.buildVectorIndex(repository.id);
    return { embedded, missing: await missing() };
  } catch (error) {
    options.logger.warn('embedding stopped; the lexical index is complete', {
      error: describeError(error),
      embedded,
    });
    return {
      embedded,
      missing: await missing(),
      error: `Embedding with ${embedder.id} failed: ${describeError(error)}`,
    };
  }
}

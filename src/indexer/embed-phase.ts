/**
 * The embedding phase of an indexing run: vectors for every chunk that lacks one for the
 * configured model. Vectors are cached by content hash, so unchanged code is never re-embedded.
 * A provider failure ends the phase, never the run: the lexical index stays complete and the
 * number of chunks without a vector is reported (the next run fills them in).
 */
import { describeError, type Logger } from '../core/index.js';
import type { Embedder } from '../embed/index.js';
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
  /** Chunks fetched and embedded per round. */
  readonly batch?: number;
  readonly onProgress?: (embedded: number) => void;
}

/** What the model sees of a chunk: where it lives and what it is named help as much as the code. */
export function embeddingText(chunk: Pick<ChunkToEmbed, 'path' | 'symbol' | 'content'>): string {
  return `${chunk.path}${chunk.symbol ? ` ${chunk.symbol}` : ''}\n${chunk.content}`;
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
    const batch = options.batch ?? 512;
    while (!options.signal?.aborted) {
      const todo = await store.chunksWithoutEmbedding(repository.id, embedder.id, batch);
      if (todo.length === 0) break;
      const vectors = await embedder.embedDocuments(todo.map(embeddingText), options.signal);
      await store.writeEmbeddings(
        repository.id,
        embedder.id,
        todo.map((c, i) => ({ chunkId: c.chunkId, hash: c.hash, vector: vectors[i]! })),
      );
      embedded += todo.length;
      options.onProgress?.(embedded);
    }
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

/**
 * Bulk vector writes: validated rows go into a per-transaction staging table (binary COPY where
 * the backend has it, text literals otherwise), then into `chunk_vectors` for chunks that still
 * exist and (unless the caller opts out) into the embedding cache, without another round trip
 * through float text.
 */
import { StoreError } from '../../core/index.js';
import type { EmbeddingWrite } from '../store.js';
import { numberArray, textArray } from './arrays.js';
import type { Driver, Queryable } from './driver.js';
import { MARK_STATISTICS_STALE } from './statements.js';
import { vectorLiteral, type ChunkVectorWrite } from './vector-codec.js';
import {
  CREATE_STAGING,
  INSERT_STAGING,
  STAGING_TO_CACHE,
  STAGING_TO_VECTORS,
  UPDATE_REPOSITORY_EMBEDDING,
} from './vector-statements.js';
import { checkDimensions, dimensionMismatch, lockRepository, type VectorOptions } from './vectors.js';

/** Puts rows into the transaction's `vector_staging` table; a driver may supply a faster path. */
export type VectorStager = (tx: Queryable, rows: readonly EmbeddingWrite[]) => Promise<void>;

/**
 * Writes the vectors of chunks inserted in the same transaction straight into `chunk_vectors`
 * (binary COPY): no staging table, no join, no conflict handling, since the chunk ids are new.
 * Resolves to false when the backend has no such path for `tx`; the caller then stages the rows.
 */
export type ChunkVectorCopier = (
  tx: Queryable,
  repositoryId: number,
  rows: readonly ChunkVectorWrite[],
) => Promise<boolean>;

/** The portable stager: vectors as text literals, one array parameter per column. */
export const insertStaging: VectorStager = async (tx, rows) => {
  await tx.query(INSERT_STAGING, [
    numberArray(rows.map((r) => r.chunkId)),
    textArray(rows.map((r) => r.hash)),
    textArray(rows.map((r) => vectorLiteral(r.vector))),
  ]);
};

export async function writeEmbeddings(
  driver: Driver,
  options: VectorOptions,
  repositoryId: number,
  model: string,
  input: readonly EmbeddingWrite[],
  cache = true,
): Promise<void> {
  if (input.length === 0) return;
  const rows = validRows(input);
  const dims = rows[0]!.vector.length;
  await driver.transaction(async (tx) => {
    const repository = await lockRepository(tx, repositoryId);
    if (repository.model !== model) {
      throw new StoreError(
        'EMBEDDING_MODEL_MISMATCH',
        `Repository ${repositoryId} is embedded with ${repository.model ?? 'no model'}, not ${model}.`,
        {
          details: { repositoryId, repositoryModel: repository.model, model },
          hint: 'Re-index with --force (force: true) to switch the repository to the new model.',
        },
      );
    }
    if (repository.dims !== null && repository.dims !== dims) {
      throw dimensionMismatch(repositoryId, model, repository.dims, dims);
    }
    if (repository.dims === null) await tx.query(UPDATE_REPOSITORY_EMBEDDING, [repositoryId, model, dims]);
    await stageVectors(tx, repositoryId, rows, options.stage);
    if (cache) await tx.query(STAGING_TO_CACHE, [model]);
    await tx.query(MARK_STATISTICS_STALE, [repositoryId]);
  });
}

/**
 * The vectors that come with the chunks of a file write, inside its transaction: stored when the
 * repository is embedded with `model` (and their length, or none yet), dropped otherwise (the
 * chunks then count as missing a vector, and the embedding phase reports why). Never cached: only
 * a local model embeds on the way, and it recomputes a vector faster than the cache stores it.
 * The chunks are new in this transaction, so a backend's `copy` writes the rows without staging
 * (a cold index of 40k vectors on PGlite: 0.7 s instead of 1.7 s; docs/notes/vectors.md).
 */
export async function writeChunkVectorsTx(
  tx: Queryable,
  repositoryId: number,
  model: string,
  input: readonly ChunkVectorWrite[],
  backend: Pick<VectorOptions, 'stage' | 'copy'>,
): Promise<void> {
  const rows = validRows(input);
  const repository = await lockRepository(tx, repositoryId);
  const dims = rows[0]!.vector.length;
  if (repository.model !== model || (repository.dims !== null && repository.dims !== dims)) return;
  if (repository.dims === null) await tx.query(UPDATE_REPOSITORY_EMBEDDING, [repositoryId, model, dims]);
  if (backend.copy && (await backend.copy(tx, repositoryId, rows))) return;
  await stageVectors(tx, repositoryId, rows, backend.stage);
}

/** Stages rows and moves those whose chunks still exist into `chunk_vectors`. */
async function stageVectors(
  tx: Queryable,
  repositoryId: number,
  rows: readonly EmbeddingWrite[],
  stage: VectorStager,
): Promise<void> {
  await tx.query(CREATE_STAGING);
  await stage(tx, rows);
  await tx.query(STAGING_TO_VECTORS, [
    repositoryId,
    rows[0]!.vector.length,
    numberArray(rows.map((r) => r.chunkId)),
  ]);
}

/** One length for the whole batch, finite values only, the last row of a chunk wins. */
function validRows<R extends EmbeddingWrite>(input: readonly R[]): R[] {
  const dims = checkDimensions(input[0]!.vector.length);
  const byChunk = new Map<number, R>();
  for (const row of input) {
    if (row.vector.length !== dims) {
      throw new StoreError(
        'INVALID_ARGUMENT',
        `Vectors of one batch differ in length (${dims} and ${row.vector.length}).`,
        {
          details: { chunkId: row.chunkId, expected: dims, got: row.vector.length },
          hint: 'The embedding provider returned inconsistent vectors; check the model configuration.',
        },
      );
    }
    if (!allFinite(row.vector)) {
      throw new StoreError(
        'INVALID_ARGUMENT',
        `The vector of chunk ${row.chunkId} holds NaN or infinite values.`,
        {
          details: { chunkId: row.chunkId },
          hint: 'The embedding provider returned an invalid vector.',
        },
      );
    }
    byChunk.delete(row.chunkId);
    byChunk.set(row.chunkId, row);
  }
  return [...byChunk.values()];
}

/** Whether no value is NaN or infinite (a loop: `every` with a callback cost ~5× more per vector). */
function allFinite(vector: Float32Array): boolean {
  for (let i = 0; i < vector.length; i++) if (!Number.isFinite(vector[i]!)) return false;
  return true;
}

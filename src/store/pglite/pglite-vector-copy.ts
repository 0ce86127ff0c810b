/**
 * PGlite's fast paths for vectors: one binary COPY … FROM '/dev/blob' into the staging table, or,
 * for the vectors of chunks new in the transaction, straight into `chunk_vectors`. Parsing float
 * text is slow in WebAssembly; binary COPY measured 25–50× faster than text literals
 * (docs/notes/vectors.md). Falls back to the portable INSERT outside a PGlite transaction.
 */
import { binaryChunkVectorRows, binaryCopyRows } from '../sql/vector-codec.js';
import { COPY_CHUNK_VECTORS, COPY_STAGING } from '../sql/vector-statements.js';
import { insertStaging, type ChunkVectorCopier, type VectorStager } from '../sql/vector-write.js';
import { PGliteQueryable } from './pglite-driver.js';

export const copyVectors: VectorStager = async (tx, rows) => {
  if (!(tx instanceof PGliteQueryable)) return insertStaging(tx, rows);
  await tx.copyFrom(COPY_STAGING, binaryCopyRows(rows));
};

export const copyChunkVectors: ChunkVectorCopier = async (tx, repositoryId, rows) => {
  if (!(tx instanceof PGliteQueryable)) return false;
  await tx.copyFrom(COPY_CHUNK_VECTORS, binaryChunkVectorRows(repositoryId, rows));
  return true;
};

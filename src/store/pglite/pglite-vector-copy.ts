/**
 * PGlite's fast path for vectors: one binary COPY … FROM '/dev/blob' into the staging table.
 * Parsing float text is slow in WebAssembly; binary COPY measured 25–50× faster than text
 * literals (docs/notes/vectors.md). Falls back to the portable INSERT outside a PGlite transaction.
 */
import { binaryCopyRows } from '../sql/vector-codec.js';
import { COPY_STAGING } from '../sql/vector-statements.js';
import { insertStaging, type VectorStager } from '../sql/vector-write.js';
import { PGliteQueryable } from './pglite-driver.js';

export const copyVectors: VectorStager = async (tx, rows) => {
  if (!(tx instanceof PGliteQueryable)) return insertStaging(tx, rows);
  await tx.copyFrom(COPY_STAGING, binaryCopyRows(rows));
};

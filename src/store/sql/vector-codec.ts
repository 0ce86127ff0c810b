/**
 * Vectors on the wire: pgvector's text literal (`[x,y,…]`), and PostgreSQL's binary COPY format
 * for the staging rows and for `chunk_vectors` rows, which pgvector reads with `vector_recv` — no
 * float text to format in JS or parse in the database (docs/notes/vectors.md).
 */
import type { EmbeddingWrite } from '../store.js';
import { BinaryCopyWriter } from './copy-binary.js';

/** A vector of a chunk written in the same transaction, with the chunk's file (`chunk_vectors.file_id`). */
export interface ChunkVectorWrite extends EmbeddingWrite {
  readonly fileId: number;
}

/** `[0.1,-0.2,…]`. A float32 printed as a JS number is exact, so the database reads back the same bits. */
export function vectorLiteral(vector: Float32Array): string {
  return '[' + Array.prototype.join.call(vector, ',') + ']';
}

/** A complete binary COPY stream of `(chunk_id bigint, content_hash text, embedding vector)` rows. */
export function binaryCopyRows(rows: readonly EmbeddingWrite[]): Uint8Array {
  // Room for the hash as the writer reserves it (3 bytes per UTF-16 unit), so nothing regrows.
  const out = new BinaryCopyWriter(copySize(rows, (row) => 2 + (4 + 8) + (4 + 3 * row.hash.length)));
  for (const row of rows) out.row(3).int8(row.chunkId).text(row.hash).vector(row.vector);
  return out.finish();
}

/**
 * A complete binary COPY stream of `chunk_vectors` rows `(chunk_id bigint, repository_id integer,
 * file_id integer, dims integer, embedding vector)`: vectors that go in without staging.
 */
export function binaryChunkVectorRows(repositoryId: number, rows: readonly ChunkVectorWrite[]): Uint8Array {
  const out = new BinaryCopyWriter(copySize(rows, () => 2 + (4 + 8) + 3 * (4 + 4)));
  for (const row of rows) {
    out
      .row(5)
      .int8(row.chunkId)
      .int4(repositoryId)
      .int4(row.fileId)
      .int4(row.vector.length)
      .vector(row.vector);
  }
  return out.finish();
}

/** Header, trailer, and per row its other fields plus the vector: one buffer, no regrowth. */
function copySize<R extends EmbeddingWrite>(rows: readonly R[], fields: (row: R) => number): number {
  let size = 19 + 2;
  for (const row of rows) size += fields(row) + 8 + 4 * row.vector.length;
  return size;
}

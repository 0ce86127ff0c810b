/**
 * Vectors on the wire: pgvector's text literal (`[x,y,…]`), and PostgreSQL's binary COPY format
 * for the staging rows (bigint chunk id, text content hash, vector), which pgvector reads with
 * `vector_recv` — no float text to format in JS or parse in the database (docs/notes/vectors.md).
 */
import type { EmbeddingWrite } from '../store.js';

/** `[0.1,-0.2,…]`. A float32 printed as a JS number is exact, so the database reads back the same bits. */
export function vectorLiteral(vector: Float32Array): string {
  return '[' + Array.prototype.join.call(vector, ',') + ']';
}

const SIGNATURE = [0x50, 0x47, 0x43, 0x4f, 0x50, 0x59, 0x0a, 0xff, 0x0d, 0x0a, 0x00]; // PGCOPY\n\377\r\n\0

/** A complete binary COPY stream of `(chunk_id bigint, content_hash text, embedding vector)` rows. */
export function binaryCopyRows(rows: readonly EmbeddingWrite[]): Uint8Array {
  const encoder = new TextEncoder();
  const hashes = rows.map((r) => encoder.encode(r.hash));
  let size = SIGNATURE.length + 8 + 2;
  for (let i = 0; i < rows.length; i++) {
    size += 2 + (4 + 8) + (4 + hashes[i]!.length) + (4 + 4 + 4 * rows[i]!.vector.length);
  }
  const bytes = new Uint8Array(size);
  const view = new DataView(bytes.buffer);
  bytes.set(SIGNATURE, 0);
  let o = SIGNATURE.length + 8; // flags (int32 0) and header extension length (int32 0)
  for (let i = 0; i < rows.length; i++) {
    const { chunkId, vector } = rows[i]!;
    const hash = hashes[i]!;
    view.setInt16(o, 3);
    view.setInt32(o + 2, 8);
    view.setBigInt64(o + 6, BigInt(chunkId));
    view.setInt32(o + 14, hash.length);
    bytes.set(hash, o + 18);
    o += 18 + hash.length;
    view.setInt32(o, 4 + 4 * vector.length);
    view.setInt16(o + 4, vector.length); // dim
    view.setInt16(o + 6, 0); // unused
    o += 8;
    for (let j = 0; j < vector.length; j++, o += 4) view.setFloat32(o, vector[j]!); // big-endian
  }
  view.setInt16(o, -1); // trailer
  return bytes;
}

/**
 * PGlite's fast bulk path: chunks and postings go in with one binary `COPY … FROM '/dev/blob'`
 * each, instead of array parameters (measured in docs/notes/store-perf.md). Falls back to the
 * shared INSERTs when the transaction is not a PGlite one.
 */
import { num } from '../sql/mappers.js';
import { COPY_CHUNKS_BINARY, COPY_POSTINGS_BINARY, RESERVE_CHUNK_ID_RANGE } from '../sql/statements.js';
import { insertPostings, type BulkWriter } from '../sql/write-files.js';
import { BinaryCopyWriter, OID } from './copy-binary.js';
import { PGliteQueryable } from './pglite-driver.js';

export const copyPostings: BulkWriter = {
  async allocateChunkIds(tx, count) {
    if (!(tx instanceof PGliteQueryable)) return insertPostings.allocateChunkIds(tx, count);
    const result = await tx.query<{ last: unknown }>(RESERVE_CHUNK_ID_RANGE, [count]);
    const first = num(result.rows[0]!.last) - count + 1;
    return Array.from({ length: count }, (_, i) => first + i);
  },

  async writeChunks(tx, repositoryId, segmentId, cols) {
    if (!(tx instanceof PGliteQueryable))
      return insertPostings.writeChunks(tx, repositoryId, segmentId, cols);
    const out = new BinaryCopyWriter(1 << 20);
    for (let i = 0; i < cols.ids.length; i++) {
      out
        .row(11)
        .int8(cols.ids[i]!)
        .int4(repositoryId)
        .int8(segmentId)
        .int4(cols.fileIds[i]!)
        .int4(cols.starts[i]!)
        .int4(cols.ends[i]!)
        .text(cols.kinds[i]!)
        .text(cols.symbols[i]!)
        .text(cols.contents[i]!)
        .text(cols.hashes[i]!)
        .float4(cols.lengths[i]!);
    }
    await tx.copyFrom(COPY_CHUNKS_BINARY, out.finish());
  },

  async writePostings(tx, repositoryId, segmentId, postings) {
    if (!(tx instanceof PGliteQueryable)) {
      return insertPostings.writePostings(tx, repositoryId, segmentId, postings);
    }
    const { terms, starts, chunkIds, tfs, dls, fileIds } = postings;
    // Exact size (header and trailer, 138 bytes per row, 36 per posting): no regrowth, no copies.
    const out = new BinaryCopyWriter(21 + 138 * terms.length + 36 * chunkIds.length);
    for (let i = 0; i < terms.length; i++) {
      const from = starts[i]!;
      const to = starts[i + 1]!;
      out
        .row(8)
        .int8(terms[i]!)
        .int4(repositoryId)
        .int8(segmentId)
        .int4(to - from)
        .array(OID.int8, chunkIds, from, to)
        .array(OID.float4, tfs, from, to)
        .array(OID.float4, dls, from, to)
        .array(OID.int4, fileIds, from, to);
    }
    await tx.copyFrom(COPY_POSTINGS_BINARY, out.finish());
  },
};

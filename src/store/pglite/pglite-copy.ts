/**
 * PGlite's fast bulk path: new files, chunks and postings go in with one binary
 * `COPY … FROM '/dev/blob'` each, instead of array parameters (measured in
 * docs/notes/store-perf.md). Falls back to the shared INSERTs when the transaction is not a PGlite one.
 */
import { num } from '../sql/mappers.js';
import {
  COPY_CHUNKS_BINARY,
  COPY_FILES_BINARY,
  COPY_POSTINGS_BINARY,
  RESERVE_CHUNK_ID_RANGE,
  RESERVE_FILE_ID_RANGE,
} from '../sql/statements.js';
import { insertPostings, type BulkWriter } from '../sql/write-files.js';
import { BinaryCopyWriter, OID } from '../sql/copy-binary.js';
import { PGliteQueryable } from './pglite-driver.js';

/**
 * The largest postings COPY input: a large batch's postings (~27 MB for 2,000 files) go in several
 * COPYs, so the main thread never holds them all encoded at once (the peak RSS of a cold index).
 */
export const POSTINGS_COPY_BYTES = 4 << 20;

export const copyPostings: BulkWriter = {
  async writeFileRows(tx, repositoryId, files, existing) {
    const added = files.filter((f) => !existing.has(f.path));
    if (!(tx instanceof PGliteQueryable) || added.length === 0) {
      return insertPostings.writeFileRows(tx, repositoryId, files, existing);
    }
    // Files that exist take the shared upsert; new rows need no conflict check (the paths were
    // looked up in this transaction, and PGlite has one connection): ids reserved in one step and
    // one binary COPY, instead of an upsert that probes the unique index and returns every row
    // (~0.75 s per 10,000 files).
    const changed = files.filter((f) => existing.has(f.path));
    const ids =
      changed.length > 0
        ? await insertPostings.writeFileRows(tx, repositoryId, changed, existing)
        : new Map<string, number>();
    const reserved = await tx.query<{ last: unknown }>(RESERVE_FILE_ID_RANGE, [added.length]);
    const first = num(reserved.rows[0]!.last) - added.length + 1;
    const out = new BinaryCopyWriter(1 << 16);
    added.forEach((f, i) => {
      ids.set(f.path, first + i);
      out
        .row(7)
        .int4(first + i)
        .int4(repositoryId)
        .text(f.path)
        .text(f.hash)
        .int8(f.size)
        .float8(f.changedMs)
        .text(f.language);
    });
    await tx.copyFrom(COPY_FILES_BINARY, out.finish());
    return ids;
  },

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
    // In parts of at most POSTINGS_COPY_BYTES, each buffer of its exact size (header and trailer,
    // 138 bytes per row, 36 per posting): no regrowth, no copies, and no 20–30 MB buffer per batch.
    for (let from = 0; from < terms.length;) {
      let bytes = 21 + 138 + 36 * (starts[from + 1]! - starts[from]!);
      let to = from + 1;
      for (; to < terms.length; to++) {
        const row = 138 + 36 * (starts[to + 1]! - starts[to]!);
        if (bytes + row > POSTINGS_COPY_BYTES) break;
        bytes += row;
      }
      const out = new BinaryCopyWriter(bytes);
      for (let i = from; i < to; i++) {
        const first = starts[i]!;
        const last = starts[i + 1]!;
        out
          .row(8)
          .int8(terms[i]!)
          .int4(repositoryId)
          .int8(segmentId)
          .int4(last - first)
          .array(OID.int8, chunkIds, first, last)
          .array(OID.float4, tfs, first, last)
          .array(OID.float4, dls, first, last)
          .array(OID.int4, fileIds, first, last);
      }
      await tx.copyFrom(COPY_POSTINGS_BINARY, out.finish());
      from = to;
    }
  },
};

/**
 * The bulk write path: replace files with their chunks and postings, or delete them, inside one
 * transaction, moving the repository's corpus statistics by the delta. Each call writes one
 * segment: its chunks, plus one postings row per distinct term holding that term's postings in the
 * segment as arrays. Replaced chunks become dead and are compacted away later (compact.ts).
 */
import type { FileWrite, TermVector } from '../store.js';
import { numberArray, textArray } from './arrays.js';
import type { Queryable } from './driver.js';
import { num } from './mappers.js';
import {
  ADJUST_REPOSITORY_STATS,
  ALLOCATE_CHUNK_IDS,
  CREATE_SEGMENT,
  DELETE_FILES,
  FIND_FILES,
  INSERT_CHUNKS,
  INSERT_POSTINGS,
  RETIRE_FILE_CHUNKS,
  UPSERT_FILES,
} from './statements.js';
import { groupPostings, type SegmentPostings } from './segment-postings.js';
import type { ChunkVectorWrite } from './vector-codec.js';
import { writeChunkVectorsTx } from './vector-write.js';
import type { VectorOptions } from './vectors.js';

/** The chunk rows of one segment, column by column (all arrays the same length). */
export interface ChunkColumns {
  readonly ids: number[];
  readonly fileIds: number[];
  readonly starts: number[];
  readonly ends: number[];
  readonly kinds: string[];
  readonly symbols: (string | null)[];
  readonly contents: string[];
  readonly hashes: string[];
  readonly lengths: number[];
}

/**
 * Writes the bulk rows of a segment: its chunks, and its postings rows (term hash → postings).
 * The shared implementation binds array parameters; a driver may supply a faster path (PGlite:
 * binary COPY, pglite-copy.ts).
 */
export interface BulkWriter {
  /**
   * Writes the file rows of a batch: `existing` maps the paths already in the repository to their
   * ids (updated in place); the others are inserted. Returns every path's id.
   */
  writeFileRows(
    tx: Queryable,
    repositoryId: number,
    files: readonly FileWrite[],
    existing: ReadonlyMap<string, number>,
  ): Promise<Map<string, number>>;
  /**
   * Reserves `count` chunk ids. The shared path calls `nextval` once per id, which is safe with
   * concurrent writers; a single-connection driver may reserve the range in one step.
   */
  allocateChunkIds(tx: Queryable, count: number): Promise<number[]>;
  writeChunks(tx: Queryable, repositoryId: number, segmentId: number, chunks: ChunkColumns): Promise<void>;
  writePostings(
    tx: Queryable,
    repositoryId: number,
    segmentId: number,
    postings: SegmentPostings,
  ): Promise<void>;
}

/** The name `SqlStoreOptions.writePostings` still uses for a BulkWriter. */
export type PostingsWriter = BulkWriter;

/** The shared path: one INSERT … SELECT FROM unnest(…) per table, arrays as literal text. */
export const insertPostings: BulkWriter = {
  async writeFileRows(tx, repositoryId, files) {
    // One upsert: also right when another connection inserted one of the paths meanwhile.
    const upserted = await tx.query<{ id: unknown; path: string }>(UPSERT_FILES, [
      repositoryId,
      textArray(files.map((f) => f.path)),
      textArray(files.map((f) => f.hash)),
      numberArray(files.map((f) => f.size)),
      numberArray(files.map((f) => f.changedMs)),
      textArray(files.map((f) => f.language)),
    ]);
    return new Map(upserted.rows.map((r) => [r.path, num(r.id)]));
  },
  async allocateChunkIds(tx, count) {
    const ids = await tx.query<{ id: unknown }>(ALLOCATE_CHUNK_IDS, [count]);
    return ids.rows.map((r) => num(r.id));
  },
  async writeChunks(tx, repositoryId, segmentId, cols) {
    await tx.query(INSERT_CHUNKS, [
      repositoryId,
      segmentId,
      numberArray(cols.ids),
      numberArray(cols.fileIds),
      numberArray(cols.starts),
      numberArray(cols.ends),
      textArray(cols.kinds),
      textArray(cols.symbols),
      textArray(cols.contents),
      textArray(cols.hashes),
      numberArray(cols.lengths),
    ]);
  },
  async writePostings(tx, repositoryId, segmentId, postings) {
    const terms: number[] = [];
    const c: string[] = [];
    const t: string[] = [];
    const d: string[] = [];
    const f: string[] = [];
    for (let i = 0; i < postings.terms.length; i++) {
      const from = postings.starts[i]!;
      const to = postings.starts[i + 1]!;
      terms.push(postings.terms[i]!);
      c.push(numberRange(postings.chunkIds, from, to));
      t.push(numberRange(postings.tfs, from, to));
      d.push(numberRange(postings.dls, from, to));
      f.push(numberRange(postings.fileIds, from, to));
    }
    await tx.query(INSERT_POSTINGS, [
      repositoryId,
      segmentId,
      numberArray(terms),
      textArray(c),
      textArray(t),
      textArray(d),
      textArray(f),
    ]);
  },
};

/** The vectors that come with the chunks of a write: their model, and how the backend writes rows. */
export interface ChunkVectors extends Pick<VectorOptions, 'stage' | 'copy'> {
  readonly model: string;
}

export async function writeFilesTx(
  tx: Queryable,
  repositoryId: number,
  input: readonly FileWrite[],
  writer: BulkWriter,
  vectors?: ChunkVectors,
): Promise<void> {
  const files = lastWins(input);
  if (files.length === 0) return;
  const paths = files.map((f) => f.path);

  const found = await tx.query<{ id: unknown; path: string }>(FIND_FILES, [repositoryId, textArray(paths)]);
  const existing = new Map(found.rows.map((r) => [r.path, num(r.id)]));
  const removed = await retireChunks(tx, [...existing.values()]);
  const fileIds = await writer.writeFileRows(tx, repositoryId, files, existing);

  const chunkTotal = files.reduce((n, f) => n + f.chunks.length, 0);
  let tokens = 0;
  if (chunkTotal > 0) {
    const segment = await tx.query<{ id: unknown }>(CREATE_SEGMENT, [repositoryId, chunkTotal]);
    const segmentId = num(segment.rows[0]!.id);
    const chunkIds = await writer.allocateChunkIds(tx, chunkTotal);
    const cols: ChunkColumns = {
      ids: chunkIds,
      fileIds: [] as number[],
      starts: [] as number[],
      ends: [] as number[],
      kinds: [] as string[],
      symbols: [] as (string | null)[],
      contents: [] as string[],
      hashes: [] as string[],
      lengths: [] as number[],
    };
    const terms: TermVector[] = [];
    const embedded: ChunkVectorWrite[] = [];
    for (const file of files) {
      const fileId = fileIds.get(file.path)!;
      for (const chunk of file.chunks) {
        cols.fileIds.push(fileId);
        cols.starts.push(chunk.startLine);
        cols.ends.push(chunk.endLine);
        cols.kinds.push(chunk.kind);
        cols.symbols.push(chunk.symbol);
        cols.contents.push(chunk.content);
        cols.hashes.push(chunk.hash);
        cols.lengths.push(chunk.length);
        tokens += chunk.length;
        terms.push(chunk.terms);
        if (chunk.vector) {
          embedded.push({
            chunkId: chunkIds[terms.length - 1]!,
            fileId,
            hash: chunk.hash,
            vector: chunk.vector,
          });
        }
      }
    }
    await writer.writeChunks(tx, repositoryId, segmentId, cols);
    const postings = groupPostings({ terms, ids: chunkIds, fileIds: cols.fileIds, lengths: cols.lengths });
    if (postings.terms.length > 0) await writer.writePostings(tx, repositoryId, segmentId, postings);
    if (vectors && embedded.length > 0)
      await writeChunkVectorsTx(tx, repositoryId, vectors.model, embedded, vectors);
  }

  const newFiles = files.length - existing.size;
  await tx.query(ADJUST_REPOSITORY_STATS, [
    repositoryId,
    chunkTotal - removed.chunks,
    tokens - removed.tokens,
    newFiles,
  ]);
}

export async function deleteFilesTx(
  tx: Queryable,
  repositoryId: number,
  paths: readonly string[],
): Promise<void> {
  if (paths.length === 0) return;
  const existing = await tx.query<{ id: unknown }>(FIND_FILES, [
    repositoryId,
    textArray([...new Set(paths)]),
  ]);
  const ids = existing.rows.map((r) => num(r.id));
  if (ids.length === 0) return;
  const removed = await retireChunks(tx, ids);
  await tx.query(DELETE_FILES, [numberArray(ids)]);
  await tx.query(ADJUST_REPOSITORY_STATS, [repositoryId, -removed.chunks, -removed.tokens, -ids.length]);
}

/** Deletes the chunks of files (by id), marking them dead; returns what they counted for in the stats. */
async function retireChunks(
  tx: Queryable,
  fileIds: readonly number[],
): Promise<{ chunks: number; tokens: number }> {
  if (fileIds.length === 0) return { chunks: 0, tokens: 0 };
  const gone = await tx.query<{ chunks: unknown; tokens: unknown }>(RETIRE_FILE_CHUNKS, [
    numberArray(fileIds),
  ]);
  return { chunks: num(gone.rows[0]?.chunks), tokens: num(gone.rows[0]?.tokens) };
}

/** The last write of a path in one batch wins, as if the writes had been applied in order. */
function lastWins(files: readonly FileWrite[]): FileWrite[] {
  const byPath = new Map<string, FileWrite>();
  for (const file of files) {
    byPath.delete(file.path);
    byPath.set(file.path, file);
  }
  return [...byPath.values()];
}

/** `{1,2,3}` for a range of a typed array. */
function numberRange(values: Float64Array | Float32Array | Int32Array, from: number, to: number): string {
  let out = '{';
  for (let i = from; i < to; i++) out += (i > from ? ',' : '') + values[i]!;
  return out + '}';
}

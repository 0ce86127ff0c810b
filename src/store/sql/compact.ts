/**
 * Compaction: rewrites the postings rows that hold replaced or deleted chunks, dropping them, so
 * searches count df from the per-row counts alone. Runs at the end of every indexing run.
 */
import { numberArray } from './arrays.js';
import type { Queryable } from './driver.js';
import { num } from './mappers.js';
import {
  COMPACT_SEGMENT_POSTINGS,
  DEAD_CHUNK_IDS,
  DROP_EMPTY_SEGMENTS,
  FORGET_DEAD_CHUNKS,
  SEGMENTS_TO_COMPACT,
  SHRINK_SEGMENTS,
} from './statements.js';

/**
 * Removes every dead chunk of the repository from its postings; only the rows (terms) that hold a
 * dead chunk are rewritten. Returns how many segments were touched.
 */
export async function compactSegmentsTx(tx: Queryable, repositoryId: number): Promise<number> {
  const due = await tx.query<{ id: unknown }>(SEGMENTS_TO_COMPACT, [repositoryId]);
  if (due.rows.length === 0) return 0;
  const ids = numberArray(due.rows.map((r) => num(r.id)));
  const dead = await tx.query<{ chunk_id: unknown }>(DEAD_CHUNK_IDS, [ids]);
  await tx.query(COMPACT_SEGMENT_POSTINGS, [ids, numberArray(dead.rows.map((r) => num(r.chunk_id)))]);
  await tx.query(FORGET_DEAD_CHUNKS, [ids]);
  await tx.query(SHRINK_SEGMENTS, [ids]);
  await tx.query(DROP_EMPTY_SEGMENTS, [ids]);
  return due.rows.length;
}

/**
 * Compaction: rewrites the postings of segments whose chunks were replaced or deleted, dropping
 * the dead chunks, so searches stop paying to skip them. Runs at the end of an indexing run.
 */
import { numberArray } from './arrays.js';
import type { Queryable } from './driver.js';
import { num } from './mappers.js';
import {
  COMPACT_SEGMENT_POSTINGS,
  DROP_EMPTY_SEGMENTS,
  FORGET_DEAD_CHUNKS,
  SEGMENTS_TO_COMPACT,
  SHRINK_SEGMENTS,
} from './statements.js';

/** Compacts segments at least a fifth dead (all segments with dead chunks when `all`). Returns how many. */
export async function compactSegmentsTx(tx: Queryable, repositoryId: number, all = false): Promise<number> {
  const due = await tx.query<{ id: unknown }>(SEGMENTS_TO_COMPACT, [repositoryId, all]);
  if (due.rows.length === 0) return 0;
  const ids = numberArray(due.rows.map((r) => num(r.id)));
  await tx.query(COMPACT_SEGMENT_POSTINGS, [ids]);
  await tx.query(FORGET_DEAD_CHUNKS, [ids]);
  await tx.query(SHRINK_SEGMENTS, [ids]);
  await tx.query(DROP_EMPTY_SEGMENTS, [ids]);
  return due.rows.length;
}

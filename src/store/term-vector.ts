/**
 * Builds the compact `TermVector`s that `ChunkWrite.terms` holds, from term strings: the hashing
 * happens where the terms are produced (an indexing worker), not on the thread that writes.
 */
import { termHash } from './sql/term-hash.js';
import type { TermVector } from './store.js';

/** One term of a chunk with its (field-weighted) frequency, as the tokenizer counts it. */
export interface TermCount {
  readonly term: string;
  readonly tf: number;
}

/** The term vector of one chunk. */
export function termVector(terms: readonly TermCount[]): TermVector {
  return termVectors([terms])[0]!;
}

/**
 * The term vectors of several chunks (say, one file's), as views of one pair of buffers, so
 * `postMessage` can transfer them in one step (`termVectorBuffers`).
 */
export function termVectors(chunks: readonly (readonly TermCount[])[]): TermVector[] {
  let total = 0;
  for (const terms of chunks) total += terms.length;
  const hashes = new Float64Array(total);
  const tfs = new Float32Array(total);
  const out: TermVector[] = [];
  let at = 0;
  for (const terms of chunks) {
    const start = at;
    for (const { term, tf } of terms) {
      hashes[at] = termHash(term);
      tfs[at++] = tf;
    }
    out.push({ hashes: hashes.subarray(start, at), tfs: tfs.subarray(start, at) });
  }
  return out;
}

/** The distinct buffers behind some term vectors: the transfer list for `postMessage`. */
export function termVectorBuffers(vectors: Iterable<TermVector>): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  for (const v of vectors) {
    buffers.add(v.hashes.buffer as ArrayBuffer);
    buffers.add(v.tfs.buffer as ArrayBuffer);
  }
  return [...buffers];
}

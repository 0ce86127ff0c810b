/**
 * Groups the postings of one segment by term: every (chunk, term) of the batch lands in its
 * term's run, in chunk order. Typed arrays and an open-addressing table keyed by the 53-bit term
 * hash, so a batch of hundreds of thousands of postings costs no object per term or posting.
 */
import type { TermVector } from '../store.js';

/** A segment's postings, term by term, as parallel typed arrays. */
export interface SegmentPostings {
  /** Distinct term hashes, in order of first appearance. */
  readonly terms: Float64Array;
  /** Term `i`'s postings are at `[starts[i], starts[i + 1])` of the arrays below. */
  readonly starts: Int32Array;
  readonly chunkIds: Float64Array;
  readonly tfs: Float32Array;
  /** Document length of each posting's chunk. */
  readonly dls: Float32Array;
  readonly fileIds: Int32Array;
}

/** The chunks of a segment: their term vectors and, at the same index, id, file id and length. */
export interface SegmentChunks {
  readonly terms: readonly TermVector[];
  readonly ids: readonly number[];
  readonly fileIds: readonly number[];
  readonly lengths: readonly number[];
}

const EMPTY = -1;

export function groupPostings(chunks: SegmentChunks): SegmentPostings {
  let total = 0;
  for (const v of chunks.terms) total += v.hashes.length;

  // Pass 1: the term index of every posting, and how many postings each term has.
  let bits = 4;
  while (1 << bits < total * 2) bits++;
  const mask = (1 << bits) - 1;
  const keys = new Float64Array(1 << bits).fill(EMPTY);
  const slots = new Int32Array(1 << bits);
  const termOf = new Int32Array(total);
  const counts = new Int32Array(total + 1);
  const distinct = new Float64Array(total);
  let terms = 0;
  let p = 0;
  for (const v of chunks.terms) {
    const hashes = v.hashes;
    for (let j = 0; j < hashes.length; j++) {
      const h = hashes[j]!;
      let s = Math.imul((h >>> 0) ^ Math.floor(h / 4294967296), 0x9e3779b1) >>> (32 - bits);
      let k = keys[s]!;
      while (k !== h && k !== EMPTY) {
        s = (s + 1) & mask;
        k = keys[s]!;
      }
      if (k === EMPTY) {
        keys[s] = h;
        slots[s] = terms;
        distinct[terms++] = h;
      }
      const t = slots[s]!;
      termOf[p++] = t;
      counts[t + 1]!++;
    }
  }

  // Pass 2: each term's run starts after the previous one's; fill them in chunk order.
  const starts = new Int32Array(terms + 1);
  for (let t = 0; t < terms; t++) starts[t + 1] = starts[t]! + counts[t + 1]!;
  const next = starts.slice(0, terms);
  const chunkIds = new Float64Array(total);
  const tfs = new Float32Array(total);
  const dls = new Float32Array(total);
  const fileIds = new Int32Array(total);
  p = 0;
  for (let c = 0; c < chunks.terms.length; c++) {
    const v = chunks.terms[c]!;
    const id = chunks.ids[c]!;
    const fileId = chunks.fileIds[c]!;
    const dl = chunks.lengths[c]!;
    for (let j = 0; j < v.tfs.length; j++) {
      const at = next[termOf[p++]!]!++;
      chunkIds[at] = id;
      tfs[at] = v.tfs[j]!;
      dls[at] = dl;
      fileIds[at] = fileId;
    }
  }
  return { terms: distinct.slice(0, terms), starts, chunkIds, tfs, dls, fileIds };
}

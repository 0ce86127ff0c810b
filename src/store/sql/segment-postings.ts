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

export function groupPostings(chunks: SegmentChunks): SegmentPostings {
  let total = 0;
  for (const v of chunks.terms) total += v.hashes.length;

  // Pass 1: the term index of every posting, and how many postings each term has. The table is
  // sized by distinct terms, not postings (a 2,000-file batch: ~60k terms in ~520k postings), and
  // doubles at half full: sized by postings, it was 24 MB of every large write's peak memory.
  const termOf = new Int32Array(total);
  let table = new TermTable(Math.min(total, 1 << 14));
  let terms = 0;
  let p = 0;
  for (const v of chunks.terms) {
    const hashes = v.hashes;
    for (let j = 0; j < hashes.length; j++) {
      const h = hashes[j]!;
      if (terms * 2 >= table.capacity) table = table.grown(terms);
      const t = table.intern(h, terms);
      if (t === terms) terms++;
      termOf[p++] = t;
      table.counts[t]!++;
    }
  }
  const { distinct, counts } = table;

  // Pass 2: each term's run starts after the previous one's; fill them in chunk order.
  const starts = new Int32Array(terms + 1);
  for (let t = 0; t < terms; t++) starts[t + 1] = starts[t]! + counts[t]!;
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

const EMPTY = -1;

/**
 * Open addressing from a term hash to its index (in order of first appearance), with each term's
 * hash and posting count by index.
 */
class TermTable {
  readonly capacity: number;
  readonly #bits: number;
  readonly #keys: Float64Array;
  readonly #slots: Int32Array;
  /** By term index: its hash, and how many postings it has. */
  readonly distinct: Float64Array;
  readonly counts: Int32Array;

  /** Room for `terms` terms at most half full. */
  constructor(terms: number) {
    let bits = 4;
    while (1 << bits < terms * 2) bits++;
    this.#bits = bits;
    this.capacity = 1 << bits;
    this.#keys = new Float64Array(this.capacity).fill(EMPTY);
    this.#slots = new Int32Array(this.capacity);
    this.distinct = new Float64Array(this.capacity >>> 1);
    this.counts = new Int32Array(this.capacity >>> 1);
  }

  /** The index of term `h`; a new term (the table has room) is added as index `next`. One probe. */
  intern(h: number, next: number): number {
    const s = this.#slot(h);
    if (this.#keys[s] === h) return this.#slots[s]!;
    this.#keys[s] = h;
    this.#slots[s] = next;
    this.distinct[next] = h;
    return next;
  }

  /** A table twice as large with the first `terms` terms and their counts. */
  grown(terms: number): TermTable {
    const next = new TermTable(this.capacity);
    for (let t = 0; t < terms; t++) next.intern(this.distinct[t]!, t);
    next.counts.set(this.counts.subarray(0, terms));
    return next;
  }

  /** Where `h` is, or the empty slot where it would go. */
  #slot(h: number): number {
    const mask = this.capacity - 1;
    let s = Math.imul((h >>> 0) ^ Math.floor(h / 4294967296), 0x9e3779b1) >>> (32 - this.#bits);
    let k = this.#keys[s]!;
    while (k !== h && k !== EMPTY) {
      s = (s + 1) & mask;
      k = this.#keys[s]!;
    }
    return s;
  }
}

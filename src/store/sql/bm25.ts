/**
 * Okapi BM25 over postings read from the database (lexical-statements.ts `LEXICAL_READ`):
 *
 *   score(c) = Σ_t  w_t · idf(t) · tf·(k1+1) / (tf + k1·(1 − b) + k1·b·max(dl, f·avgdl)/avgdl)
 *   idf(t)   = ln(1 + (N − df + 0.5) / (df + 0.5))
 *
 * The length floor f (0 in textbook BM25) keeps a chunk far shorter than the average (a one-line
 * alias, a field) from outscoring the definition it names by its length alone.
 *
 * Every input (N, Σ dl, df, tf, dl) comes from the database; this module only does the arithmetic,
 * the same on both backends, so PGlite and PostgreSQL give identical scores. Pure: no I/O.
 */

/** The postings of one query term in one segment, as the database returned them. */
export interface PostingsRow {
  /** Index of the query term (into `Bm25Input.weights`). */
  readonly term: number;
  readonly chunkIds: ArrayLike<number>;
  /** Term frequencies and document lengths, exactly as stored (float4). */
  readonly tfs: ArrayLike<number>;
  readonly dls: ArrayLike<number>;
  /** Present only when the search is filtered. */
  readonly fileIds?: ArrayLike<number>;
}

export interface Bm25Input {
  /** Weight of each query term (its query term frequency). */
  readonly weights: readonly number[];
  readonly rows: readonly PostingsRow[];
  /** Number of chunks (N) and sum of their lengths in the searched repositories. */
  readonly chunkCount: number;
  readonly tokenTotal: number;
  /** Chunks replaced or deleted but still in postings: skipped, and not counted in df. */
  readonly dead: ReadonlySet<number>;
  /** When set, only postings of these files are scored (filters never change N or df). */
  readonly allowedFiles?: ReadonlySet<number>;
  readonly k1: number;
  readonly b: number;
  /** Lengths below this share of the average count as that share (0: textbook BM25). */
  readonly lengthFloor?: number;
  readonly limit: number;
}

/** One scored chunk. */
export interface Scored {
  readonly chunkId: number;
  readonly score: number;
}

/** The top `limit` chunks by BM25, best first; ties by ascending chunk id. */
export function scoreBm25(input: Bm25Input): Scored[] {
  const { rows, dead, allowedFiles, k1, b } = input;
  const df = new Float64Array(input.weights.length);
  let postingCount = 0;
  let minId = Infinity;
  let maxId = -Infinity;
  for (const row of rows) {
    const ids = row.chunkIds;
    let live = ids.length;
    postingCount += live;
    for (let j = 0; j < ids.length; j++) {
      const id = ids[j]!;
      if (dead.size > 0 && dead.has(id)) live--;
      if (id < minId) minId = id;
      if (id > maxId) maxId = id;
    }
    df[row.term]! += live;
  }
  if (postingCount === 0) return [];

  const n = input.chunkCount;
  const avgdl = Math.max(input.tokenTotal / Math.max(n, 1), 1e-9);
  const idf = input.weights.map((w, i) => w * Math.log(1 + (n - df[i]! + 0.5) / (df[i]! + 0.5)));
  const k1p1 = k1 + 1;
  const kBase = k1 * (1 - b);
  const kLen = (k1 * b) / avgdl;
  const minLength = (input.lengthFloor ?? 0) * avgdl;
  const acc = Accumulator.create(minId, maxId, postingCount);
  // Rows in query-term order, so each chunk's sum adds its terms in the same order on every backend.
  const ordered = [...rows].sort((x, y) => x.term - y.term);
  const skipDead = dead.size > 0;
  for (const row of ordered) {
    const w = idf[row.term]!;
    const { chunkIds, tfs, dls, fileIds } = row;
    for (let j = 0; j < chunkIds.length; j++) {
      const id = chunkIds[j]!;
      if (skipDead && dead.has(id)) continue;
      if (allowedFiles !== undefined && !allowedFiles.has(fileIds![j]!)) continue;
      const tf = tfs[j]!;
      acc.add(id, (w * tf * k1p1) / (tf + kBase + kLen * Math.max(dls[j]!, minLength)));
    }
  }
  return acc.top(Math.floor(input.limit));
}

/** Per-chunk score sums: a dense array over the id range when it is compact, else a Map. */
class Accumulator {
  static create(minId: number, maxId: number, postings: number): Accumulator {
    const range = maxId - minId + 1;
    return range <= postings * 4 + 65_536 ? new Accumulator(minId, range) : new Accumulator(minId, 0);
  }

  readonly #scores: Float64Array;
  readonly #seen: Uint8Array;
  readonly #map = new Map<number, number>();

  private constructor(
    private readonly base: number,
    range: number,
  ) {
    this.#scores = new Float64Array(range);
    this.#seen = new Uint8Array(range);
  }

  add(id: number, value: number): void {
    if (this.#seen.length === 0) {
      this.#map.set(id, (this.#map.get(id) ?? 0) + value);
      return;
    }
    const i = id - this.base;
    if (this.#seen[i] === 0) {
      this.#seen[i] = 1;
      this.#scores[i] = value;
    } else this.#scores[i]! += value;
  }

  top(limit: number): Scored[] {
    const heap = new TopK(limit);
    if (this.#seen.length === 0) {
      for (const [id, score] of this.#map) heap.offer(id, score);
    } else {
      for (let i = 0; i < this.#seen.length; i++) {
        if (this.#seen[i] === 1) heap.offer(this.base + i, this.#scores[i]!);
      }
    }
    return heap.sorted();
  }
}

/** A bounded min-heap keeping the best `limit` (score desc, id asc) entries. */
class TopK {
  readonly #ids: number[] = [];
  readonly #scores: number[] = [];

  constructor(private readonly limit: number) {}

  /** Whether entry a ranks below entry b. */
  #worse(a: number, b: number): boolean {
    const sa = this.#scores[a]!;
    const sb = this.#scores[b]!;
    return sa < sb || (sa === sb && this.#ids[a]! > this.#ids[b]!);
  }

  offer(id: number, score: number): void {
    if (this.limit <= 0) return;
    const ids = this.#ids;
    const scores = this.#scores;
    if (ids.length < this.limit) {
      ids.push(id);
      scores.push(score);
      let i = ids.length - 1;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (!this.#worse(i, parent)) break;
        this.#swap(i, parent);
        i = parent;
      }
      return;
    }
    const rootScore = scores[0]!;
    if (score < rootScore || (score === rootScore && id > ids[0]!)) return;
    ids[0] = id;
    scores[0] = score;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < ids.length && this.#worse(l, m)) m = l;
      if (r < ids.length && this.#worse(r, m)) m = r;
      if (m === i) break;
      this.#swap(i, m);
      i = m;
    }
  }

  sorted(): Scored[] {
    return this.#ids
      .map((chunkId, i) => ({ chunkId, score: this.#scores[i]! }))
      .sort((x, y) => y.score - x.score || x.chunkId - y.chunkId);
  }

  #swap(a: number, b: number): void {
    const ids = this.#ids;
    const scores = this.#scores;
    [ids[a], ids[b]] = [ids[b]!, ids[a]!];
    [scores[a], scores[b]] = [scores[b]!, scores[a]!];
  }
}

/** Parses PostgreSQL array text of integers (`{1,2,3}`), e.g. bigint ids below 2^53. */
export function parseIntArray(text: string): number[] {
  // Every value takes at least one digit and one separator.
  const out = new Float64Array((text.length >> 1) + 1);
  return Array.from(out.subarray(0, parseIntArrayInto(text, out, 0)));
}

/**
 * Parses PostgreSQL array text of integers into `out` from `offset` (typed arrays, no per-query
 * garbage); returns the number of values written. `out` must have room for them.
 */
export function parseIntArrayInto(text: string, out: Float64Array | Int32Array, offset: number): number {
  let k = offset;
  let value = 0;
  let negative = false;
  let digits = false;
  for (let i = 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      value = value * 10 + (c - 48);
      digits = true;
    } else if (c === 45) negative = true;
    else if (digits) {
      out[k++] = negative ? -value : value;
      value = 0;
      negative = false;
      digits = false;
    }
  }
  return k - offset;
}

/**
 * Parses PostgreSQL array text of float4 values into a `Float32Array` from `offset`, which holds the
 * exact float4 values (storing rounds like `Math.fround`); returns the number of values written.
 */
export function parseFloat4ArrayInto(text: string, out: Float32Array, offset: number): number {
  let k = offset;
  let start = 1;
  let value = 0;
  let plain = true;
  for (let i = 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 44 || c === 125) {
      if (i > start) out[k++] = plain ? value : Number(text.slice(start, i));
      start = i + 1;
      value = 0;
      plain = true;
    } else if (c >= 48 && c <= 57) value = value * 10 + (c - 48);
    else plain = false;
  }
  return k - offset;
}

/**
 * A bounded in-process cache of decoded postings for the frequent terms of a search, so a query
 * with a common term (df 10k–25k at 10k files) does not make the database print ~20k array
 * elements as text every time (that output is most of a search's cost on PGlite;
 * docs/notes/store-perf.md).
 *
 * Correctness does not depend on invalidation hooks in the write path: every search reads, in the
 * same statement (one snapshot) as its postings, a fingerprint of each searched repository's
 * segments, `md5` of the ordered `(segment id, chunk_count)` pairs (lexical-statements.ts).
 * Postings rows only appear with a new segment, and are only rewritten by compaction, which
 * strictly shrinks the segment's `chunk_count`, or deleted with their segment; so the fingerprint
 * changes whenever any postings row of the repository may have changed. Cached postings carry the
 * fingerprint they were read under and are used only when the statement returns the same one.
 * Dead chunks are not part of the postings, they are read with every query.
 *
 * It also keeps the allowed file ids of recent filters (languages, path regex), under the same
 * fingerprints: files gain postings only with a new segment, and a deleted or emptied file's
 * chunks are dead or gone, so a stale id in the set can never admit a live posting.
 */

/** All postings of one term in one repository, concatenated over its segments. */
export interface CachedPostings {
  /** Fingerprint of the repository's segments these postings were read under. */
  readonly version: string;
  readonly chunkIds: Float64Array;
  /** Exact float4 values as stored. */
  readonly tfs: Float32Array;
  readonly dls: Float32Array;
  /** Absent when the postings were read by an unfiltered search. */
  readonly fileIds?: Int32Array;
}

/** Sizes of a PostingsCache. */
export interface PostingsCacheOptions {
  /** Total postings held (~20 bytes each); least recently used terms go first. */
  readonly maxPostings: number;
  /** Terms with fewer postings in a repository are cheap to read and are not cached. */
  readonly minPostings: number;
}

export const DEFAULT_POSTINGS_CACHE: PostingsCacheOptions = { maxPostings: 3_000_000, minPostings: 256 };

/** The allowed files of one filter over some repositories. */
export interface CachedFilter {
  /** The repositories' fingerprints, in the order of the key's repositories. */
  readonly versions: string;
  readonly fileIds: ReadonlySet<number>;
}

const MAX_FILTERS = 16;

export class PostingsCache {
  readonly #options: PostingsCacheOptions;
  /** Insertion order is recency order (get re-inserts). Key: `${repositoryId}:${termHash}`. */
  readonly #entries = new Map<string, CachedPostings>();
  /** The newest fingerprint seen per repository. */
  readonly #versions = new Map<number, string>();
  readonly #filters = new Map<string, CachedFilter>();
  #size = 0;

  constructor(options: PostingsCacheOptions = DEFAULT_POSTINGS_CACHE) {
    this.#options = options;
  }

  /** Postings held for (repository, term), when they include file ids if `needFileIds`. */
  get(repositoryId: number, term: number, needFileIds: boolean): CachedPostings | undefined {
    const key = `${repositoryId}:${term}`;
    const entry = this.#entries.get(key);
    if (entry === undefined || (needFileIds && entry.fileIds === undefined)) return undefined;
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    return entry;
  }

  /**
   * Records the fingerprint a search just read for a repository; a different one than before drops
   * everything cached for it.
   */
  observe(repositoryId: number, version: string): void {
    if (this.#versions.get(repositoryId) === version) return;
    this.#versions.set(repositoryId, version);
    const prefix = `${repositoryId}:`;
    for (const [key, entry] of this.#entries) {
      if (key.startsWith(prefix)) this.#remove(key, entry);
    }
  }

  /** Keeps `postings` when large enough and read under the repository's current fingerprint. */
  put(repositoryId: number, term: number, postings: CachedPostings): void {
    const count = postings.chunkIds.length;
    if (count < this.#options.minPostings || count > this.#options.maxPostings) return;
    if (this.#versions.get(repositoryId) !== postings.version) return;
    const key = `${repositoryId}:${term}`;
    const old = this.#entries.get(key);
    if (old !== undefined) this.#remove(key, old);
    this.#entries.set(key, postings);
    this.#size += count;
    for (const [k, entry] of this.#entries) {
      if (this.#size <= this.#options.maxPostings) break;
      this.#remove(k, entry);
    }
  }

  /** The allowed files cached for a filter key, if any (the caller checks `versions`). */
  getFilter(key: string): CachedFilter | undefined {
    const entry = this.#filters.get(key);
    if (entry !== undefined) {
      this.#filters.delete(key);
      this.#filters.set(key, entry);
    }
    return entry;
  }

  putFilter(key: string, filter: CachedFilter): void {
    this.#filters.delete(key);
    this.#filters.set(key, filter);
    if (this.#filters.size > MAX_FILTERS) this.#filters.delete(this.#filters.keys().next().value!);
  }

  /** The sizes this cache was made with. */
  get options(): PostingsCacheOptions {
    return this.#options;
  }

  /** Postings currently held. */
  get size(): number {
    return this.#size;
  }

  #remove(key: string, entry: CachedPostings): void {
    this.#entries.delete(key);
    this.#size -= entry.chunkIds.length;
  }
}

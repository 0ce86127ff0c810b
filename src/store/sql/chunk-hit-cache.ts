/**
 * A bounded cache of search-hit metadata by chunk id (repository, path, language, lines, kind,
 * symbol), so a search whose top chunks were returned recently skips the metadata statement
 * (`CHUNK_HITS`, ~1.5 ms of execution plus planning and a round trip for 100 ids on PGlite).
 *
 * Sound without invalidation: a chunk row is never updated, only inserted and deleted, and its
 * file's path and language do not change while the chunk lives (rewriting a file retires all its
 * chunks and gives the new ones new ids; a rename is a new file). Searches only look up the ids
 * their own snapshot returned as live.
 */
import type { ChunkHit } from '../store.js';

/** A hit without its score. */
export type HitMetadata = Omit<ChunkHit, 'score'>;

export class ChunkHitCache {
  readonly #max: number;
  /** Insertion order is recency order. */
  readonly #entries = new Map<number, HitMetadata>();

  constructor(maxEntries = 20_000) {
    this.#max = maxEntries;
  }

  get(chunkId: number): HitMetadata | undefined {
    const entry = this.#entries.get(chunkId);
    if (entry !== undefined) {
      this.#entries.delete(chunkId);
      this.#entries.set(chunkId, entry);
    }
    return entry;
  }

  put(hit: HitMetadata): void {
    this.#entries.delete(hit.chunkId);
    this.#entries.set(hit.chunkId, hit);
    if (this.#entries.size > this.#max) this.#entries.delete(this.#entries.keys().next().value!);
  }
}

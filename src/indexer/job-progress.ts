/**
 * Writes an indexing job's progress row at most every `intervalMs`, in the background and one
 * update at a time, so reporting progress never waits for a batch write to commit.
 */
import type { Store } from '../store/index.js';
import type { IndexProgress } from './types.js';

export class JobProgressWriter {
  readonly #store: Store;
  readonly #jobId: string;
  readonly #intervalMs: number;
  readonly #now: () => number;
  #last = 0;
  #pending = false;
  #write: Promise<void> = Promise.resolve();

  constructor(store: Store, jobId: string, now: () => number, intervalMs = 500) {
    this.#store = store;
    this.#jobId = jobId;
    this.#now = now;
    this.#intervalMs = intervalMs;
  }

  /** Records `p` unless an update is in progress or the last one is recent (`force`: always). */
  report(p: IndexProgress, force = false): void {
    if (!force && (this.#pending || this.#now() - this.#last < this.#intervalMs)) return;
    this.#last = this.#now();
    this.#pending = true;
    const { phase, filesTotal, filesDone, chunks } = p;
    this.#write = this.#write
      .then(() => this.#store.updateJob(this.#jobId, { phase, filesTotal, filesDone, chunks }))
      .finally(() => (this.#pending = false));
    this.#write.catch(() => {}); // surfaces in settled()
  }

  /** Waits for the updates so far; rethrows a failed one. */
  settled(): Promise<void> {
    return this.#write;
  }
}

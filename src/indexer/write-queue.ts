/**
 * Batches indexed files into write transactions and writes each batch while the next one fills,
 * so chunking (on the workers) and writing (on the main thread) overlap. One batch is written at
 * a time and at most one more waits in memory: `add` holds its caller back when both are full.
 *
 * Batches grow geometrically: the first ones are small, so progress and a searchable partial index
 * appear early; later ones are large, because every batch is one segment, and fewer, larger
 * segments mean fewer postings rows, the main cost of a write (docs/notes/store-perf.md).
 * Every batch is one transaction, so an interrupted run leaves a consistent index.
 */
import type { FileWrite, FileWriteOptions, Store } from '../store/index.js';

/** How batch sizes grow: from `first*` to `max*`, doubling after each batch. */
export interface BatchGrowth {
  readonly firstFiles: number;
  readonly maxFiles: number;
  readonly firstChunks: number;
  readonly maxChunks: number;
}

/** 100 → 2,000 files, 500 → 10,000 chunks (measured in docs/notes/store-perf.md, round 3). */
export const DEFAULT_BATCH_GROWTH: BatchGrowth = Object.freeze({
  firstFiles: 100,
  maxFiles: 2000,
  firstChunks: 500,
  maxChunks: 10_000,
});

export class WriteQueue {
  readonly #store: Store;
  readonly #repositoryId: number;
  readonly #growth: BatchGrowth;
  readonly #options: FileWriteOptions;
  #files: number;
  #chunks: number;
  #batch: FileWrite[] = [];
  #batchChunks = 0;
  /** Writes not finished yet, oldest first; each starts when the one before it ends. */
  readonly #writes: Promise<void>[] = [];
  #tail: Promise<void> = Promise.resolve();
  #failed = false;

  constructor(
    store: Store,
    repositoryId: number,
    growth: BatchGrowth = DEFAULT_BATCH_GROWTH,
    options: FileWriteOptions = {},
  ) {
    this.#store = store;
    this.#repositoryId = repositoryId;
    this.#growth = growth;
    this.#options = options;
    this.#files = Math.min(growth.firstFiles, growth.maxFiles);
    this.#chunks = Math.min(growth.firstChunks, growth.maxChunks);
  }

  /** True once a write failed: stop adding; `drain` rethrows the error. */
  get failed(): boolean {
    return this.#failed;
  }

  /**
   * Queues a file. Resolves at once, unless a full batch is already waiting behind the one being
   * written: then when that write ends. Never rejects (a failed write sets `failed`).
   */
  async add(file: FileWrite): Promise<void> {
    this.#batch.push(file);
    this.#batchChunks += file.chunks.length;
    if (this.#batch.length >= this.#files || this.#batchChunks >= this.#chunks) this.#flush();
    while (this.#writes.length > 1 && !this.#failed) await this.#writes[0]!.catch(() => {});
  }

  /** Writes what is queued and waits for every write; rethrows a failed write. */
  async drain(): Promise<void> {
    this.#flush();
    await this.#tail;
  }

  #flush(): void {
    if (this.#batch.length === 0 || this.#failed) return;
    const files = this.#batch;
    this.#batch = [];
    this.#batchChunks = 0;
    const write = this.#tail.then(() => this.#store.writeFiles(this.#repositoryId, files, this.#options));
    this.#tail = write;
    this.#writes.push(write);
    write.then(
      () => void this.#writes.shift(),
      () => {
        this.#failed = true;
        this.#writes.shift();
      },
    );
    this.#files = Math.min(this.#files * 2, this.#growth.maxFiles);
    this.#chunks = Math.min(this.#chunks * 2, this.#growth.maxChunks);
  }
}

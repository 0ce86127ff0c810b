/**
 * Bounds the tasks in flight, by count and by weight (the indexer weighs a file by its size, so a
 * run of large files cannot queue hundreds of megabytes). Unlike `Promise.race` over the pending
 * set, which adds a reaction to every pending promise each time it is called (quadratic in the
 * window, measured at +9 s of CPU for a 512-file window over 10k files), waiting costs O(1) per task.
 */
export class TaskWindow {
  readonly #limit: number;
  readonly #weightLimit: number;
  #active = 0;
  #weight = 0;
  #wake: (() => void) | undefined;
  #failed = false;
  #error: unknown;

  /** At most `limit` tasks, and once their weights reach `weightLimit`, no more until some settle. */
  constructor(limit: number, weightLimit = Number.POSITIVE_INFINITY) {
    this.#limit = Math.max(1, limit);
    this.#weightLimit = weightLimit;
  }

  /** True once a task rejected; `idle` rethrows its error. */
  get failed(): boolean {
    return this.#failed;
  }

  /** Starts counting `task` (of `weight`); resolves when there is room for another. */
  async add(task: Promise<void>, weight = 0): Promise<void> {
    this.#active++;
    this.#weight += weight;
    task.then(
      () => this.#settle(weight),
      (error: unknown) => {
        if (!this.#failed) {
          this.#failed = true;
          this.#error = error;
        }
        this.#settle(weight);
      },
    );
    while (this.#active >= this.#limit || (this.#active > 0 && this.#weight >= this.#weightLimit)) {
      await new Promise<void>((resolve) => (this.#wake = resolve));
    }
  }

  /**
   * Waits for every task, or until `signal` aborts (the tasks left are then abandoned to the
   * caller); rethrows the first failure.
   */
  async idle(signal?: AbortSignal): Promise<void> {
    const wake = () => this.#wake?.();
    signal?.addEventListener('abort', wake);
    try {
      while (this.#active > 0 && !signal?.aborted) {
        await new Promise<void>((resolve) => (this.#wake = resolve));
      }
    } finally {
      signal?.removeEventListener('abort', wake);
    }
    if (this.#failed) throw this.#error;
  }

  #settle(weight: number): void {
    this.#active--;
    this.#weight -= weight;
    const wake = this.#wake;
    this.#wake = undefined;
    wake?.();
  }
}

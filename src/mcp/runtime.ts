/**
 * What one server process owns behind its transports: the store (opened at once for stdio, or in
 * the background with retries for HTTP so /readyz can say why it is not ready), the job manager,
 * and the orderly shutdown of both.
 */
import { describeError, silentLogger, type Logger } from '../core/index.js';
import type { Embedder } from '../embed/index.js';
import { DEFAULT_FUSION, needsVectorIndex, type FusionOptions } from '../search/index.js';
import type { Store } from '../store/index.js';
import { JobManager } from './jobs/job-manager.js';
import { warmSearch } from './jobs/warm-search.js';
import { createServer, type McpSession, type ServerDeps } from './server/create-server.js';
import type { Readiness } from './transports/http.js';

export interface RuntimeOptions {
  readonly openStore: () => Promise<Store>;
  readonly project: string;
  readonly roots: readonly string[];
  readonly trustClientRoots: boolean;
  readonly version: string;
  readonly maxConcurrentJobs: number;
  readonly maxFileBytes: number;
  readonly workers?: number | undefined;
  /** The configured embedding provider; null or absent: lexical only. */
  readonly embedder?: Embedder | null;
  /** How embedding results join BM25 in hybrid search (default: blend 0.5). */
  readonly fusion?: FusionOptions;
  /** Weight of synonym and abbreviation terms added to queries (0: off; absent: the default). */
  readonly expansion?: number;
  readonly logger?: Logger;
}

export class McpRuntime {
  readonly #options: RuntimeOptions;
  readonly #log: Logger;
  #store: Store | undefined;
  #jobs: JobManager | undefined;
  #lastError = 'the database has not been opened yet';
  #connecting: Promise<void> | undefined;

  constructor(options: RuntimeOptions) {
    this.#options = options;
    this.#log = options.logger ?? silentLogger;
  }

  /** Opens the store and starts the job manager; throws if the database cannot be opened. */
  async connect(): Promise<void> {
    const store = await this.#options.openStore();
    const jobs = new JobManager({
      store,
      maxConcurrentJobs: this.#options.maxConcurrentJobs,
      maxFileBytes: this.#options.maxFileBytes,
      ...(this.#options.workers !== undefined ? { workers: this.#options.workers } : {}),
      embedder: this.#options.embedder ?? null,
      vectorIndex: needsVectorIndex(this.#options.fusion ?? DEFAULT_FUSION),
      logger: this.#log,
    });
    await jobs.start();
    this.#store = store;
    this.#jobs = jobs;
    void warmSearch(store, this.#log);
  }

  /**
   * Keeps trying to connect (1 s, 2 s, 4 s … 30 s apart) until it works or `signal` aborts; rejects
   * with the error when `retryable` says waiting cannot help (a data directory that cannot be created).
   */
  connectInBackground(
    signal: AbortSignal,
    retryable: (error: unknown) => boolean = () => true,
  ): Promise<void> {
    this.#connecting ??= (async () => {
      for (let delay = 1000; !signal.aborted; delay = Math.min(delay * 2, 30_000)) {
        try {
          await this.connect();
          this.#log.info('database ready');
          return;
        } catch (error) {
          this.#lastError = describeError(error);
          if (!retryable(error)) {
            this.#log.error('cannot open the database; giving up', { error: this.#lastError });
            throw error;
          }
          this.#log.error('cannot open the database; retrying', { error: this.#lastError, retryInMs: delay });
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, delay);
            signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
          });
        }
      }
    })();
    return this.#connecting;
  }

  /** A new MCP session, or undefined while the store is not open. */
  createSession(): McpSession | undefined {
    if (!this.#store || !this.#jobs) return undefined;
    const deps: ServerDeps = {
      store: this.#store,
      jobs: this.#jobs,
      project: this.#options.project,
      roots: this.#options.roots,
      trustClientRoots: this.#options.trustClientRoots,
      version: this.#options.version,
      embedder: this.#options.embedder ?? null,
      fusion: this.#options.fusion ?? DEFAULT_FUSION,
      ...(this.#options.expansion !== undefined ? { expansion: this.#options.expansion } : {}),
      logger: this.#log,
    };
    return createServer(deps);
  }

  /** Ready when the database answers and its schema is at the latest migration. */
  async readiness(): Promise<Readiness> {
    if (!this.#store) return { ready: false, reason: this.#lastError };
    try {
      await this.#store.ping();
      const { current, latest } = await this.#store.migrationStatus();
      if (current < latest)
        return {
          ready: false,
          reason: `schema at version ${current}, expected ${latest}; run codebase-mcp migrate`,
        };
      return { ready: true };
    } catch (error) {
      return { ready: false, reason: describeError(error) };
    }
  }

  /** Stops the running jobs at a file boundary, waiting up to `timeoutMs`; false if one did not stop. */
  async stopJobs(timeoutMs: number): Promise<boolean> {
    const running = this.#jobs?.runningCount ?? 0;
    if (running > 0) this.#log.info('stopping indexing jobs at the next file boundary', { running });
    const stopped = (await this.#jobs?.stop(timeoutMs)) ?? true;
    if (!stopped) this.#log.warn('an indexing job did not reach a file boundary in time');
    return stopped;
  }

  /** Closes the database (after `stopJobs` and the transports). */
  async close(): Promise<void> {
    const store = this.#store;
    this.#store = undefined;
    if (!store) return;
    await store
      .close()
      .catch((error: unknown) =>
        this.#log.error('closing the database failed', { error: describeError(error) }),
      );
    this.#log.info('database closed');
  }
}

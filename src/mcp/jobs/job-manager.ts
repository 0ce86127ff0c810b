/**
 * Runs indexing jobs in the background. Jobs live in the database: this process claims pending
 * ones (`claimNextJob`, FOR UPDATE SKIP LOCKED, so replicas sharing PostgreSQL never run the same
 * job), runs at most `maxConcurrentJobs` at once, polls `cancel_requested` so a cancel sent to any
 * replica reaches the one running the job, and on shutdown stops its jobs at a file boundary.
 */
import { randomUUID } from 'node:crypto';
import type { Embedder } from '../../embed/index.js';
import { hostname } from 'node:os';
import { CodebaseError, silentLogger, type Logger } from '../../core/index.js';
import { indexRepository, type IndexProgress } from '../../indexer/index.js';
import type { JobRecord, Store } from '../../store/index.js';
import { markInterrupted } from './recovery.js';
import { warmSearch } from './warm-search.js';

/** The store methods the job queue needs beyond the common interface. */
type QueueStore = Store & { claimNextJob(owner: string): Promise<JobRecord | null> };

export interface JobManagerOptions {
  readonly store: Store;
  readonly maxConcurrentJobs: number;
  readonly maxFileBytes: number;
  /** Chunking worker threads per job (the indexer's default when undefined). */
  readonly workers?: number;
  /** Embeds chunks after indexing; null or absent: lexical only. */
  readonly embedder?: Embedder | null;
  /** Build the HNSW index after embedding (false when search only re-scores lexical candidates). */
  readonly vectorIndex?: boolean;
  /** Identifies this server in `jobs.owner`. */
  readonly owner?: string;
  /** How often running jobs check for a cancel request and idle servers look for pending jobs. */
  readonly pollIntervalMs?: number;
  /** PostgreSQL: a running job without a heartbeat for this long is considered abandoned. */
  readonly staleAfterMs?: number;
  readonly logger?: Logger;
  readonly now?: () => number;
}

/** What this process knows about a job it is running, fresher than the database row. */
export interface LiveJob {
  /** The job as claimed (status `running`); combine with `progress` for current counters. */
  readonly job: JobRecord;
  /** Repository root, once the job has looked it up. */
  readonly root: string | undefined;
  /** True once cancellation was requested. */
  readonly cancelling: boolean;
  readonly progress: IndexProgress | undefined;
  /** Files per second over the last few seconds, when measurable. */
  readonly filesPerSecond: number | undefined;
}

export type ProgressListener = (progress: IndexProgress) => void;

/** A running job logs its first progress report, then one this often (info level). */
const PROGRESS_LOG_MS = 5000;

const TERMINAL = new Set(['completed', 'completed_with_errors', 'failed', 'cancelled', 'interrupted']);

export function isTerminal(status: string): boolean {
  return TERMINAL.has(status);
}

interface Running {
  readonly job: JobRecord;
  root: string | undefined;
  readonly controller: AbortController;
  readonly done: Promise<void>;
  progress: IndexProgress | undefined;
  samples: { t: number; done: number }[];
  shutdown: boolean;
  loggedAt: number;
}

export class JobManager {
  readonly owner: string;
  readonly #store: QueueStore;
  readonly #options: JobManagerOptions;
  readonly #log: Logger;
  readonly #now: () => number;
  readonly #poll: number;
  readonly #running = new Map<string, Running>();
  readonly #listeners = new Map<string, Set<ProgressListener>>();
  readonly #finished = new Map<string, Set<() => void>>();
  #submitting: Promise<unknown> = Promise.resolve();
  #claiming: Promise<void> | undefined;
  #timer: NodeJS.Timeout | undefined;
  #stopping = false;

  constructor(options: JobManagerOptions) {
    this.#options = options;
    this.#store = options.store as QueueStore;
    this.owner = options.owner ?? `${hostname()}#${randomUUID().slice(0, 8)}`;
    this.#log = (options.logger ?? silentLogger).child({ component: 'jobs' });
    this.#now = options.now ?? Date.now;
    this.#poll = options.pollIntervalMs ?? 1000;
  }

  /** Marks jobs abandoned by a previous server as interrupted, then starts taking pending jobs. */
  async start(): Promise<{ interrupted: number }> {
    const interrupted = await markInterrupted(this.#store, {
      staleAfterMs: this.#options.staleAfterMs ?? 60_000,
      now: this.#now,
      logger: this.#log,
    });
    this.#timer = setInterval(() => void this.#tick(), this.#poll);
    this.#timer.unref();
    this.#kick();
    return { interrupted };
  }

  /**
   * Queues a job for the repository at `root` (a real path), unless one is already pending or
   * running: then that job is returned with `created: false`.
   */
  async submit(request: {
    root: string;
    project: string;
    force: boolean;
  }): Promise<{ job: JobRecord; created: boolean }> {
    if (this.#stopping) {
      throw new CodebaseError('CANCELLED', 'The server is shutting down and takes no new indexing jobs.', {
        hint: 'Try again once it has restarted.',
      });
    }
    // One submission at a time in this process, so two quick requests cannot both create a job.
    const next = this.#submitting.then(async () => {
      const project = await this.#store.getOrCreateProject(request.project);
      const repo = await this.#store.getOrCreateRepository(project.id, request.root);
      const active = await this.#store.findActiveJob(repo.id);
      if (active) return { job: active, created: false };
      const job = await this.#store.createJob(repo.id, { force: request.force });
      this.#log.info('indexing job queued', { job: job.id, root: request.root, project: request.project });
      return { job, created: true };
    });
    this.#submitting = next.catch(() => undefined);
    const result = await next;
    if (result.created) this.#kick();
    return result;
  }

  /** Asks the job to stop at the next file boundary; a pending job is cancelled at once. */
  async cancel(jobId: string): Promise<JobRecord | null> {
    const job = await this.#store.getJob(jobId);
    if (!job || isTerminal(job.status)) return job;
    await this.#store.requestJobCancel(jobId);
    if (job.status === 'pending') {
      await this.#store.updateJob(jobId, {
        status: 'cancelled',
        phase: 'done',
        finishedAt: new Date(this.#now()),
      });
      this.#notifyFinished(jobId);
    }
    this.#running.get(jobId)?.controller.abort();
    return this.#store.getJob(jobId);
  }

  /** Live progress of a job this process is running, if it is. */
  live(jobId: string): LiveJob | undefined {
    const run = this.#running.get(jobId);
    if (!run) return undefined;
    const first = run.samples[0];
    const last = run.samples.at(-1);
    const seconds = first && last ? (last.t - first.t) / 1000 : 0;
    return {
      job: run.job,
      root: run.root,
      cancelling: run.controller.signal.aborted,
      progress: run.progress,
      filesPerSecond: first && last && seconds >= 1 ? (last.done - first.done) / seconds : undefined,
    };
  }

  /** Calls `listener` with every progress report of the job; returns the unsubscribe function. */
  onProgress(jobId: string, listener: ProgressListener): () => void {
    const set = this.#listeners.get(jobId) ?? new Set();
    set.add(listener);
    this.#listeners.set(jobId, set);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.#listeners.delete(jobId);
    };
  }

  /** Resolves with the job once it has finished (in this process or any other), or when `signal` aborts. */
  async waitFor(jobId: string, signal?: AbortSignal): Promise<JobRecord | null> {
    for (;;) {
      const job = await this.#store.getJob(jobId);
      if (!job || isTerminal(job.status) || signal?.aborted) return job;
      await new Promise<void>((resolve) => {
        const set = this.#finished.get(jobId) ?? new Set();
        const wake = () => {
          clearTimeout(timer);
          set.delete(wake);
          signal?.removeEventListener('abort', wake);
          resolve();
        };
        const timer = setTimeout(wake, this.#poll);
        set.add(wake);
        this.#finished.set(jobId, set);
        signal?.addEventListener('abort', wake, { once: true });
      });
    }
  }

  /** Number of jobs this process is running now. */
  get runningCount(): number {
    return this.#running.size;
  }

  /**
   * Takes no new jobs, asks running ones to stop at a file boundary and waits for them up to
   * `timeoutMs`. Jobs stopped this way are recorded as `interrupted` (re-running continues them);
   * pending jobs stay queued for the next start. Resolves `false` when the wait timed out.
   */
  async stop(timeoutMs: number): Promise<boolean> {
    this.#stopping = true;
    clearInterval(this.#timer);
    for (const run of this.#running.values()) {
      run.shutdown = true;
      run.controller.abort();
    }
    const all = Promise.all([...this.#running.values()].map((r) => r.done)).then(() => true);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
    const finished = await Promise.race([all, timeout]);
    clearTimeout(timer);
    await this.#claiming;
    return finished;
  }

  #tick(): void {
    if (this.#stopping) return;
    this.#kick();
    for (const [jobId, run] of this.#running) void this.#checkCancel(jobId, run);
  }

  async #checkCancel(jobId: string, run: Running): Promise<void> {
    try {
      const job = await this.#store.getJob(jobId);
      if (job?.cancelRequested) run.controller.abort();
      else await this.#store.updateJob(jobId, {}); // heartbeat: updated_at says the owner is alive
    } catch (error) {
      this.#log.warn('could not poll the job', { job: jobId, error });
    }
  }

  /** Claims pending jobs while there is capacity. Only one claim loop runs at a time. */
  #kick(): void {
    if (this.#stopping || this.#claiming) return;
    // `finally` callbacks always run later, so the loop is registered before it can clear itself.
    const claiming: Promise<void> = this.#claimLoop().finally(() => {
      if (this.#claiming === claiming) this.#claiming = undefined;
    });
    this.#claiming = claiming;
  }

  async #claimLoop(): Promise<void> {
    try {
      while (!this.#stopping && this.#running.size < this.#options.maxConcurrentJobs) {
        const job = await this.#store.claimNextJob(this.owner);
        if (!job) break;
        this.#launch(job);
      }
    } catch (error) {
      this.#log.error('could not claim pending jobs', { error });
    }
  }

  #launch(job: JobRecord): void {
    const controller = new AbortController();
    const run: Running = {
      job,
      root: undefined,
      controller,
      done: Promise.resolve(),
      progress: undefined,
      samples: [],
      shutdown: false,
      loggedAt: -Infinity,
    };
    (run as { done: Promise<void> }).done = this.#execute(job, run).finally(() => {
      this.#running.delete(job.id);
      this.#listeners.delete(job.id);
      this.#notifyFinished(job.id);
      this.#kick();
    });
    this.#running.set(job.id, run);
  }

  async #execute(job: JobRecord, run: Running): Promise<void> {
    const log = this.#log.child({ job: job.id });
    const fail = (error: string) =>
      this.#store.updateJob(job.id, {
        status: 'failed',
        phase: 'done',
        error,
        finishedAt: new Date(this.#now()),
      });
    try {
      if (job.cancelRequested) {
        await this.#store.updateJob(job.id, {
          status: 'cancelled',
          phase: 'done',
          finishedAt: new Date(this.#now()),
        });
        return;
      }
      const repo = (await this.#store.listRepositories(job.projectId)).find((r) => r.id === job.repositoryId);
      if (!repo) return void (await fail('The repository was removed before the job started.'));
      run.root = repo.rootPath;
      await this.#store.updateJob(job.id, { phase: 'scanning' });
      if (run.controller.signal.aborted || (await this.#store.getJob(job.id))?.cancelRequested) {
        await this.#store.updateJob(job.id, {
          status: 'cancelled',
          phase: 'done',
          finishedAt: new Date(this.#now()),
        });
        return;
      }
      log.info('indexing started', { root: repo.rootPath, project: repo.projectName, force: job.force });
      const result = await indexRepository(this.#store, {
        root: repo.rootPath,
        project: repo.projectName,
        force: job.force,
        jobId: job.id,
        maxFileBytes: this.#options.maxFileBytes,
        ...(this.#options.workers !== undefined ? { workers: this.#options.workers } : {}),
        embedder: this.#options.embedder ?? null,
        ...(this.#options.vectorIndex !== undefined ? { vectorIndex: this.#options.vectorIndex } : {}),
        signal: run.controller.signal,
        logger: log,
        onProgress: (progress) => this.#progress(job.id, run, progress),
      });
      if (result.status === 'cancelled' && run.shutdown) {
        await this.#store.updateJob(job.id, {
          status: 'interrupted',
          error:
            'The server shut down before the job finished. Index the repository again to continue; committed files are kept.',
        });
      }
      log.info('indexing job ended', { status: run.shutdown ? 'interrupted' : result.status });
      if (!run.shutdown && result.indexed + result.deleted > 0)
        void warmSearch(this.#store, log, [job.repositoryId]);
    } catch (error) {
      const message =
        error instanceof CodebaseError
          ? error.toUserMessage()
          : error instanceof Error
            ? error.message
            : String(error);
      log.error('indexing job failed', { error: message });
      await fail(message).catch((e: unknown) => log.error('could not record the failure', { error: e }));
    }
  }

  #progress(jobId: string, run: Running, progress: IndexProgress): void {
    run.progress = progress;
    const t = this.#now();
    const last = run.samples.at(-1);
    if (!last || t - last.t >= 250) {
      run.samples.push({ t, done: progress.filesDone });
      // Keep about ten seconds of samples for the rate.
      while (run.samples.length > 2 && t - run.samples[0]!.t > 10_000) run.samples.shift();
    }
    if (t - run.loggedAt >= PROGRESS_LOG_MS) {
      run.loggedAt = t;
      const { phase, filesDone, filesTotal, chunks, failed } = progress;
      this.#log.info('indexing progress', { job: jobId, phase, filesDone, filesTotal, chunks, failed });
    }
    for (const listener of this.#listeners.get(jobId) ?? []) listener(progress);
  }

  #notifyFinished(jobId: string): void {
    for (const wake of this.#finished.get(jobId) ?? []) wake();
    this.#finished.delete(jobId);
  }
}

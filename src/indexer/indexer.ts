/**
 * Indexes one repository incrementally: scan → (size, mtime) fast path → hash → chunk → store.
 * Files are written in batches, each batch one transaction, so an interrupted run leaves a
 * consistent index that the next run completes. Files that vanished are removed at the end.
 */
import { availableParallelism } from 'node:os';
import { CodebaseError, silentLogger } from '../core/index.js';
import type { FailedFile, JobPhase, JobStatus, Logger, SkippedFile } from '../core/index.js';
import type { Embedder } from '../embed/index.js';
import { scanRepository } from '../scan/index.js';
import type { FileRecord, FileWrite, RepositoryRecord, Store } from '../store/index.js';
import { embedRepository, type EmbedPhaseResult } from './embed-phase.js';
import { createFilePool, type FilePool } from './file-pool.js';
import type { FileOutcome } from './process-file.js';

export interface IndexProgress {
  readonly phase: JobPhase;
  readonly filesTotal: number;
  readonly filesDone: number;
  readonly indexed: number;
  readonly unchanged: number;
  readonly chunks: number;
  readonly skipped: number;
  readonly failed: number;
  readonly elapsedMs: number;
}

export interface IndexOptions {
  readonly root: string;
  readonly project: string;
  readonly force?: boolean;
  readonly include?: readonly string[];
  readonly maxFileBytes: number;
  /** Chunking worker threads; 0 runs inline. Default: one per CPU (at most 4); the main thread mostly waits on them. */
  readonly workers?: number;
  /** Record progress on this existing job instead of creating one. */
  readonly jobId?: string;
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: IndexProgress) => void;
  readonly logger?: Logger;
  /** Embeds chunks after the lexical index is written; null or absent: lexical only. */
  readonly embedder?: Embedder | null;
  /**
   * Build the HNSW index when the vectors outgrow exact search (default true). Pass false when the
   * search fusion never searches vectors by similarity (`rescore`); see `EmbedPhaseOptions`.
   */
  readonly vectorIndex?: boolean;
  /** Files per write transaction. */
  readonly batchFiles?: number;
  readonly now?: () => number;
}

export interface IndexResult {
  readonly jobId: string;
  readonly repository: RepositoryRecord;
  readonly status: Extract<JobStatus, 'completed' | 'completed_with_errors' | 'cancelled'>;
  readonly filesTotal: number;
  readonly indexed: number;
  readonly unchanged: number;
  readonly deleted: number;
  /** Chunks written by this run. */
  readonly chunksWritten: number;
  readonly skipped: readonly SkippedFile[];
  readonly failed: readonly FailedFile[];
  /** Set when an embedder is configured. */
  readonly embeddings?: EmbedPhaseResult;
  readonly elapsedMs: number;
}

/** Below this many files to (re)process, starting worker threads costs more than it saves. */
const INLINE_THRESHOLD = 48;

export async function indexRepository(store: Store, options: IndexOptions): Promise<IndexResult> {
  const now = options.now ?? Date.now;
  const started = now();
  const logger = options.logger ?? silentLogger;
  const scan = await scanRepository(options.root, {
    maxFileBytes: options.maxFileBytes,
    ...(options.include ? { include: options.include } : {}),
  });
  if (scan.files.length === 0) {
    const reasons = new Map<string, number>();
    for (const s of scan.skipped) reasons.set(s.reason, (reasons.get(s.reason) ?? 0) + 1);
    const why = reasons.size ? ` (${[...reasons].map(([r, n]) => `${n} ${r}`).join(', ')})` : '';
    throw new CodebaseError('EMPTY_REPOSITORY', `No files to index in ${scan.root}${why}.`, {
      hint: 'Point at a folder with source files, or check .gitignore, .codebase-mcpignore and --include.',
      details: { root: scan.root },
    });
  }
  const project = await store.getOrCreateProject(options.project);
  const repository = await store.getOrCreateRepository(project.id, scan.root);
  const job = options.jobId
    ? await store.getJob(options.jobId)
    : await store.createJob(repository.id, { force: options.force ?? false });
  if (!job) throw new CodebaseError('JOB_NOT_FOUND', `Indexing job ${options.jobId} does not exist.`);
  const log = logger.child({ job: job.id, root: scan.root });

  const known = new Map<string, FileRecord>((await store.listFiles(repository.id)).map((f) => [f.path, f]));
  const skipped: SkippedFile[] = [...scan.skipped];
  const failed: FailedFile[] = [];
  const keep = new Set<string>();
  const touched: Pick<FileRecord, 'path' | 'size' | 'mtimeMs'>[] = [];
  const counts = { indexed: 0, unchanged: 0, chunks: 0, done: 0 };
  let phase: JobPhase = 'indexing';

  const progress = (): IndexProgress => ({
    phase,
    filesTotal: scan.files.length,
    filesDone: counts.done,
    indexed: counts.indexed,
    unchanged: counts.unchanged,
    chunks: counts.chunks,
    skipped: skipped.length,
    failed: failed.length,
    elapsedMs: now() - started,
  });
  let lastReport = 0;
  const report = async (force = false) => {
    const p = progress();
    options.onProgress?.(p);
    if (!force && now() - lastReport < 500) return;
    lastReport = now();
    await store.updateJob(job.id, {
      phase,
      filesTotal: p.filesTotal,
      filesDone: p.filesDone,
      chunks: p.chunks,
    });
  };

  await store.updateJob(job.id, {
    status: 'running',
    phase,
    startedAt: new Date(started),
    filesTotal: scan.files.length,
    filesDone: 0,
  });

  // Fast path: same size and mtime as indexed means unchanged, without reading the file.
  const todo = scan.files.filter((file) => {
    const old = known.get(file.path);
    if (!options.force && old && old.size === file.size && old.mtimeMs === file.mtimeMs) {
      keep.add(file.path);
      counts.unchanged++;
      counts.done++;
      return false;
    }
    return true;
  });

  const workers =
    todo.length < INLINE_THRESHOLD ? 0 : (options.workers ?? Math.min(4, availableParallelism()));
  let pool: FilePool | undefined;
  let cancelled = false;
  try {
    pool = await createFilePool(workers);
    const batchFiles = options.batchFiles ?? 200;
    let batch: FileWrite[] = [];
    let batchChunks = 0;
    let writing: Promise<void> = Promise.resolve();
    const flush = async () => {
      if (batch.length === 0) return;
      const files = batch;
      batch = [];
      batchChunks = 0;
      await writing;
      writing = store.writeFiles(repository.id, files);
      await writing;
    };

    const accept = async (outcome: FileOutcome) => {
      counts.done++;
      switch (outcome.kind) {
        case 'skipped':
          skipped.push({
            path: outcome.path,
            reason: outcome.reason,
            ...(outcome.detail ? { detail: outcome.detail } : {}),
          });
          break;
        case 'failed':
          failed.push({ path: outcome.path, reason: outcome.reason });
          if (known.has(outcome.path)) keep.add(outcome.path); // keep the last good version
          break;
        case 'unchanged':
          keep.add(outcome.path);
          counts.unchanged++;
          touched.push({ path: outcome.path, size: outcome.size, mtimeMs: outcome.mtimeMs });
          break;
        case 'indexed':
          keep.add(outcome.write.path);
          counts.indexed++;
          counts.chunks += outcome.write.chunks.length;
          batch.push(outcome.write);
          batchChunks += outcome.write.chunks.length;
          if (batch.length >= batchFiles || batchChunks >= 4000) await flush();
          break;
      }
      await report();
    };

    // Keep the workers busy while results are written in order of completion.
    const inFlight = new Set<Promise<void>>();
    const limit = Math.max(4, workers * 16);
    for (const file of todo) {
      if (options.signal?.aborted) {
        cancelled = true;
        break;
      }
      const task = pool.run({
        file,
        knownHash: options.force ? undefined : known.get(file.path)?.hash,
        maxFileBytes: options.maxFileBytes,
      });
      const p: Promise<void> = task.then(accept).finally(() => inFlight.delete(p));
      inFlight.add(p);
      if (inFlight.size >= limit) await Promise.race(inFlight);
    }
    await Promise.all(inFlight);
    await flush();

    phase = 'finalizing';
    if (touched.length > 0) await store.touchFiles(repository.id, touched);
    const removed = cancelled ? [] : [...known.keys()].filter((path) => !keep.has(path));
    if (removed.length > 0) await store.deleteFiles(repository.id, removed);
    let embeddings: EmbedPhaseResult | undefined;
    if (options.embedder && !cancelled) {
      phase = 'embedding';
      await report(true);
      const current = (await store.getRepository(repository.id)) ?? repository;
      embeddings = await embedRepository(store, current, options.embedder, {
        force: options.force ?? false,
        ...(options.vectorIndex !== undefined ? { vectorIndex: options.vectorIndex } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
        logger: log,
        onProgress: (embedded) => void store.updateJob(job.id, { stats: { embedded } }).catch(() => {}),
      });
      cancelled = options.signal?.aborted ?? false;
    }
    if (!cancelled) await store.markRepositoryIndexed(repository.id, new Date(now()));

    const incomplete = failed.length > 0 || (embeddings !== undefined && embeddings.missing > 0);
    const status = cancelled ? 'cancelled' : incomplete ? 'completed_with_errors' : 'completed';
    phase = 'done';
    await store.updateJob(job.id, {
      status,
      phase,
      filesTotal: scan.files.length,
      filesDone: counts.done,
      chunks: counts.chunks,
      skipped,
      failed,
      finishedAt: new Date(now()),
      error:
        embeddings?.error ??
        (embeddings && embeddings.missing > 0 ? `${embeddings.missing} chunks have no vector yet.` : null),
      stats: {
        indexed: counts.indexed,
        unchanged: counts.unchanged,
        deleted: removed.length,
        ...(embeddings ? { embedded: embeddings.embedded, missingVectors: embeddings.missing } : {}),
      },
    });
    options.onProgress?.(progress());
    const result: IndexResult = {
      jobId: job.id,
      repository: (await store.getRepository(repository.id)) ?? repository,
      status,
      filesTotal: scan.files.length,
      indexed: counts.indexed,
      unchanged: counts.unchanged,
      deleted: removed.length,
      chunksWritten: counts.chunks,
      skipped,
      failed,
      ...(embeddings ? { embeddings } : {}),
      elapsedMs: now() - started,
    };
    log.info('indexing finished', {
      status,
      indexed: counts.indexed,
      unchanged: counts.unchanged,
      deleted: removed.length,
      failed: failed.length,
      ms: result.elapsedMs,
    });
    return result;
  } catch (error) {
    await store
      .updateJob(job.id, {
        status: 'failed',
        phase,
        error: error instanceof Error ? error.message : String(error),
        finishedAt: new Date(now()),
        skipped,
        failed,
      })
      .catch(() => {});
    throw error;
  } finally {
    await pool?.close();
  }
}

/**
 * Indexes one repository incrementally: scan → (size, change time) fast path → hash → chunk → store.
 * Files are written in batches, each batch one transaction, so an interrupted run leaves a
 * consistent index that the next run completes. Files that vanished are removed at the end.
 */
import { CodebaseError, silentLogger } from '../core/index.js';
import type { FailedFile, JobPhase, SkippedFile } from '../core/index.js';
import { scanRepository } from '../scan/index.js';
import type { FileRecord, Store } from '../store/index.js';
import { CONTENT_VERSION } from './content-version.js';
import { embedRepository, prepareWorkerEmbedding, type EmbedPhaseResult } from './embed-phase.js';
import { emptiedWarning, emptyRepository, hasIndexedFiles } from './empty-run.js';
import type { FilePool } from './file-pool.js';
import { JobProgressWriter } from './job-progress.js';
import { choosePool, defaultWorkers, discardEarly, startWorkersEarly } from './pool-start.js';
import type { FileOutcome } from './process-file.js';
import { TaskWindow } from './task-window.js';
import type { IndexOptions, IndexProgress, IndexResult } from './types.js';
import { DEFAULT_BATCH_GROWTH, WriteQueue } from './write-queue.js';

export type { IndexOptions, IndexProgress, IndexResult } from './types.js';

/**
 * Files queued per worker, by count and by size: enough to keep it busy while a large batch is
 * written (up to ~2 s on PGlite), so the workers never wait for this thread. 256 files ran dry
 * after ~0.7 s, and each 2,000-file write then left both workers idle for about a second
 * (docs/notes/store-perf.md, "Cold index round 5"). The size bound keeps a run of large files
 * from holding hundreds of megabytes of results.
 */
const IN_FLIGHT_PER_WORKER = 1024;
const IN_FLIGHT_BYTES_PER_WORKER = 8 * 1024 * 1024;
/** Files processed at once when chunking inline (a few dozen files at most). */
const INLINE_IN_FLIGHT = 4;

export async function indexRepository(store: Store, options: IndexOptions): Promise<IndexResult> {
  const workers = options.workers ?? defaultWorkers();
  // Workers start while the repository is scanned when everything will be chunked (pool-start.ts).
  const early = startWorkersEarly(store, {
    ...options,
    force: options.force ?? false,
    workers,
    ...(options.embedder?.worker ? { preload: options.embedder.worker } : {}),
  });
  try {
    return await indexFiles(store, options, workers, early);
  } catch (error) {
    await discardEarly(early); // in case the run failed before it took the pool
    throw error;
  }
}

async function indexFiles(
  store: Store,
  options: IndexOptions,
  workers: number,
  early: Promise<FilePool | undefined>,
): Promise<IndexResult> {
  const now = options.now ?? Date.now;
  const started = now();
  const logger = options.logger ?? silentLogger;
  const scan = await scanRepository(options.root, {
    maxFileBytes: options.maxFileBytes,
    ...(options.include ? { include: options.include } : {}),
  });
  // No files: an error on a first index; on a repository with files indexed, a run that removes them all.
  if (scan.files.length === 0 && !(await hasIndexedFiles(store, options.project, scan.root))) {
    throw emptyRepository(scan);
  }
  const project = await store.getOrCreateProject(options.project);
  const repository = await store.getOrCreateRepository(project.id, scan.root);
  const job = options.jobId
    ? await store.getJob(options.jobId)
    : await store.createJob(repository.id, { force: options.force ?? false });
  if (!job) throw new CodebaseError('JOB_NOT_FOUND', `Indexing job ${options.jobId} does not exist.`);
  const log = logger.child({ job: job.id, root: scan.root });

  const known = new Map<string, FileRecord>((await store.listFiles(repository.id)).map((f) => [f.path, f]));
  // Chunks cut by another version of the pipeline are re-cut, even where the file did not change.
  // A first run records the version at once: whatever it writes, even if cancelled, is current.
  const upToDate = repository.contentVersion === CONTENT_VERSION;
  const stale = known.size > 0 && !upToDate;
  const reprocess = (options.force ?? false) || stale;
  if (stale) {
    log.info('re-processing every file: the index was built by another version', {
      indexed: repository.contentVersion,
      current: CONTENT_VERSION,
    });
  } else if (!upToDate) await store.setContentVersion(repository.id, CONTENT_VERSION);
  const skipped: SkippedFile[] = [...scan.skipped];
  const failed: FailedFile[] = [];
  const keep = new Set<string>();
  const touched: Pick<FileRecord, 'path' | 'size' | 'changedMs'>[] = [];
  const counts = { indexed: 0, unchanged: 0, chunks: 0, done: 0, embedded: 0 };
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
  const progressWriter = new JobProgressWriter(store, job.id, now);
  const report = async (force = false): Promise<void> => {
    const p = progress();
    options.onProgress?.(p);
    progressWriter.report(p, force);
    if (force) await progressWriter.settled();
  };

  await store.updateJob(job.id, {
    status: 'running',
    phase,
    // A job claimed by a server has started already; the CLI's own job starts now, not before it exists.
    startedAt: job.startedAt ?? new Date(Math.max(started, job.createdAt.getTime())),
    filesTotal: scan.files.length,
    filesDone: 0,
  });

  // Fast path: same size and change time as indexed means unchanged, without reading the file.
  const todo = scan.files.filter((file) => {
    const old = known.get(file.path);
    if (!reprocess && old && old.size === file.size && old.changedMs === file.changedMs) {
      keep.add(file.path);
      counts.unchanged++;
      counts.done++;
      return false;
    }
    return true;
  });

  let pool: FilePool | undefined;
  let cancelled = false;
  try {
    pool = await choosePool(early, todo.length, workers, options.embedder?.worker);
    // A local model embeds each file's chunks in the worker that cuts them, and the vectors go into
    // the chunks' own transaction; the embedding phase then has little or nothing left to do. Run
    // inline (few files), the embedding phase does it with the embedder this thread already has.
    const embed =
      options.embedder && pool.threads > 0
        ? await prepareWorkerEmbedding(store, repository, options.embedder, {
            force: options.force ?? false,
            ...(options.signal ? { signal: options.signal } : {}),
          })
        : undefined;
    const queue = new WriteQueue(
      store,
      repository.id,
      options.batchFiles
        ? { ...DEFAULT_BATCH_GROWTH, firstFiles: options.batchFiles, maxFiles: options.batchFiles }
        : DEFAULT_BATCH_GROWTH,
      embed && options.embedder ? { embeddingModel: options.embedder.id } : {},
    );

    // Once cancelled, results still arriving from the deep worker queues are dropped: the run
    // stops at the last file boundary it had reached, and the pool is closed with the rest.
    const accept = async (outcome: FileOutcome) => {
      if (options.signal?.aborted) return;
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
          touched.push({ path: outcome.path, size: outcome.size, changedMs: outcome.changedMs });
          break;
        case 'indexed':
          keep.add(outcome.write.path);
          counts.indexed++;
          counts.chunks += outcome.write.chunks.length;
          for (const chunk of outcome.write.chunks) if (chunk.vector) counts.embedded++;
          await queue.add(outcome.write);
          break;
      }
      void report();
    };

    // Keep the workers busy while results are written in order of completion. A write blocks
    // this thread for up to seconds (PGlite runs in it), so the workers get a deep queue.
    const window =
      pool.threads > 0
        ? new TaskWindow(pool.threads * IN_FLIGHT_PER_WORKER, pool.threads * IN_FLIGHT_BYTES_PER_WORKER)
        : new TaskWindow(INLINE_IN_FLIGHT);
    for (const file of todo) {
      if (options.signal?.aborted) {
        cancelled = true;
        break;
      }
      if (queue.failed || window.failed) break;
      const task = pool.run({
        file,
        knownHash: reprocess ? undefined : known.get(file.path)?.hash,
        maxFileBytes: options.maxFileBytes,
        ...(embed ? { embed } : {}),
      });
      await window.add(task.then(accept), file.size);
    }
    await window.idle(options.signal);
    if (options.signal?.aborted) cancelled = true;
    // Every file is chunked: the threads and their heaps go now, before the last writes, the
    // compaction and VACUUM (ANALYZE) grow PGlite's memory (together, they made the run's peak RSS).
    const chunking = pool;
    pool = undefined;
    await chunking.close();
    await queue.drain();
    await progressWriter.settled();

    phase = 'finalizing';
    if (touched.length > 0) await store.touchFiles(repository.id, touched);
    const removed = cancelled ? [] : [...known.keys()].filter((path) => !keep.has(path));
    if (removed.length > 0) await store.deleteFiles(repository.id, removed);
    let embeddings: EmbedPhaseResult | undefined;
    if (options.embedder && !cancelled) {
      phase = 'embedding';
      await report(true);
      const current = (await store.getRepository(repository.id)) ?? repository;
      const rest = await embedRepository(store, current, options.embedder, {
        force: options.force ?? false,
        ...(options.vectorIndex !== undefined ? { vectorIndex: options.vectorIndex } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
        logger: log,
        onProgress: (embedded) =>
          void store.updateJob(job.id, { stats: { embedded: counts.embedded + embedded } }).catch(() => {}),
      });
      embeddings = { ...rest, embedded: counts.embedded + rest.embedded };
      cancelled = options.signal?.aborted ?? false;
    }
    if (!cancelled) await store.markRepositoryIndexed(repository.id, new Date(now()));
    // A file that failed keeps its old chunks, so the version is recorded only when none did.
    if (stale && !cancelled && failed.length === 0) {
      await store.setContentVersion(repository.id, CONTENT_VERSION);
    }
    const warning =
      scan.files.length === 0 && removed.length > 0 ? emptiedWarning(removed.length, skipped) : null;
    if (warning !== null) log.warn(warning);
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
      ...(warning !== null ? { warning } : {}),
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

/**
 * When to start the chunking workers. Starting a worker takes about a second of CPU (longer
 * under tsx); a first or forced index of a large repository would wait for it after the scan, so
 * there the workers start while the repository is scanned. A run that turns out to need few files
 * falls back to chunking inline (worker threads would cost more than they save).
 */
import { availableParallelism } from 'node:os';
import { realpath } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { WorkerEmbedding } from '../embed/index.js';
import type { Store } from '../store/index.js';
import { CONTENT_VERSION } from './content-version.js';
import { createFilePool, type FilePool } from './file-pool.js';

/** Below this many files to (re)process, starting worker threads costs more than it saves. */
export const INLINE_THRESHOLD = 48;

/** Worker threads when the caller does not say: one per CPU, at most 4. */
export function defaultWorkers(): number {
  return Math.min(4, availableParallelism());
}

/**
 * Starts `workers` threads now when everything will be chunked (`force`, the repository has no
 * indexed files yet, or they were cut by another content version); resolves to undefined
 * otherwise. Never rejects: a failed start is undefined.
 */
export function startWorkersEarly(
  store: Store,
  options: { root: string; project: string; force: boolean; workers: number; preload?: WorkerEmbedding },
): Promise<FilePool | undefined> {
  const start = async (): Promise<FilePool | undefined> => {
    if (options.workers <= 0) return undefined;
    if (!options.force) {
      const root = await realpath(resolve(options.root));
      const project = await store.getProject(options.project);
      const repository = project ? await store.findRepository(project.id, root) : null;
      if (repository && repository.fileCount > 0 && repository.contentVersion === CONTENT_VERSION) {
        return undefined;
      }
    }
    return createFilePool(options.workers, options.preload);
  };
  return start().catch(() => undefined);
}

/** The pool for `files` files: the early one when it is worth it (closing it otherwise), or a new one. */
export async function choosePool(
  early: Promise<FilePool | undefined>,
  files: number,
  workers: number,
  preload?: WorkerEmbedding,
): Promise<FilePool> {
  const wanted = files < INLINE_THRESHOLD ? 0 : workers;
  const started = await early;
  if (started && wanted > 0) return started;
  await started?.close();
  return createFilePool(wanted, preload);
}

/** Closes a pool that was started early but never handed out (the run failed before it). */
export async function discardEarly(early: Promise<FilePool | undefined>): Promise<void> {
  await (await early)?.close();
}

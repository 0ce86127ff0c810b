/**
 * Runs `processFile` on worker threads (parsing is the CPU-heavy part of indexing; the main thread
 * keeps the database busy meanwhile), or inline when `workers` is 0.
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { createChunker } from '../chunk/index.js';
import {
  DocumentEmbedders,
  loadSharedBuiltinModel,
  shareBuiltinModel,
  type SharedBuiltinModel,
  type WorkerEmbedding,
} from '../embed/index.js';
import { processFile, type FileContext, type FileOutcome, type FileTask } from './process-file.js';
import type { WorkerMessage } from './file-worker.js';

export interface FilePool {
  /** Worker threads (0: inline). */
  readonly threads: number;
  run(task: FileTask): Promise<FileOutcome>;
  close(): Promise<void>;
}

/**
 * `preload`: the document embedder the tasks will likely ask for. The main thread loads the
 * built-in model now (while the repository is scanned; its embedder uses the same copy) and the
 * worker threads share it instead of each loading their own; when it cannot be shared, each
 * worker starts loading it itself rather than on its first file.
 */
export async function createFilePool(workers: number, preload?: WorkerEmbedding): Promise<FilePool> {
  if (workers <= 0) {
    return createInlinePool({ chunker: await createChunker(), embedders: new DocumentEmbedders() });
  }
  // Tasks posted before a worker is ready wait in its port, so nobody waits for the start-up here
  // (and a pool started early can be closed at once when it turns out not to be needed).
  const threads = Array.from({ length: workers }, () => startWorker());
  if (!preload) return createThreadPool(threads, Promise.resolve());
  // Tasks wait for the model to be offered, so no worker asks for a copy of its own first.
  const preloaded = sharedModel(preload).then((shared) => {
    const message: WorkerMessage = shared ? { preload, shared } : { preload };
    for (const t of threads) t.worker.postMessage(message);
  });
  return createThreadPool(threads, preloaded);
}

/** The main thread's copy of the recipe's model, for the workers; undefined if it fails to load. */
async function sharedModel(recipe: WorkerEmbedding): Promise<SharedBuiltinModel | undefined> {
  try {
    return shareBuiltinModel(await loadSharedBuiltinModel(recipe.path));
  } catch {
    return undefined;
  }
}

function createInlinePool(context: FileContext): FilePool {
  // Reading is synchronous: yield to the event loop before each file so timers, signals and
  // sockets (an MCP server's other requests) keep being served while a small repository indexes.
  return {
    threads: 0,
    run: async (task) => {
      await new Promise((resolve) => setImmediate(resolve));
      return processFile(task, context);
    },
    close: async () => {},
  };
}

interface Pending {
  resolve: (outcome: FileOutcome) => void;
  reject: (error: Error) => void;
}

interface RunningWorker {
  readonly worker: Worker;
  readonly pending: Map<number, Pending>;
  /** Set when the worker failed or exited: later tasks fail at once. */
  failure?: Error;
}

/**
 * A chunking thread's young generation, in MB (V8 sizes it from the machine, up to 48: two 16 MB
 * semispaces and a new large-object space). A file's garbage is short-lived, so a smaller one
 * costs little scavenging and keeps tens of MB per thread out of a cold index's peak RSS
 * (docs/notes/store-perf.md, "Peak RSS").
 */
export const WORKER_YOUNG_GENERATION_MB = 16;

function startWorker(): RunningWorker {
  const self = import.meta.url;
  const options = { resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB } };
  // Under tests and `tsx`, this module is TypeScript source: the worker registers tsx itself,
  // because module hooks given to the parent with --import do not reach worker threads on Node 20.
  const worker = self.endsWith('.ts')
    ? new Worker(
        `import(${JSON.stringify(
          pathToFileURL(
            createRequire(self)
              .resolve('tsx/esm/api')
              .replace(/\.cjs$/, '.mjs'),
          ).href,
        )})` +
          `.then((m) => { m.register(); return import(${JSON.stringify(new URL('./file-worker.ts', self).href)}); })`,
        { ...options, eval: true },
      )
    : new Worker(new URL('./file-worker.js', self), options);
  const running: RunningWorker = { worker, pending: new Map() };
  const fail = (error: Error) => {
    running.failure ??= error;
    for (const p of running.pending.values()) p.reject(error);
    running.pending.clear();
  };
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`chunking worker exited with code ${code}`)));
  worker.on('message', (message: { id: number; outcome: FileOutcome }) => {
    const pending = running.pending.get(message.id);
    running.pending.delete(message.id);
    pending?.resolve(message.outcome);
  });
  return running;
}

/** `ready`: resolves once the tasks may be posted (never rejects). */
function createThreadPool(workers: RunningWorker[], ready: Promise<void>): FilePool {
  let nextId = 0;
  return {
    threads: workers.length,
    run(task) {
      // least-loaded worker
      const target = workers.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
      const id = nextId++;
      if (target.failure) return Promise.reject(target.failure);
      return new Promise<FileOutcome>((resolve, reject) => {
        target.pending.set(id, { resolve, reject });
        // After `ready`, in the order the tasks came (its callbacks run in that order).
        void ready.then(() => target.worker.postMessage({ id, task } satisfies WorkerMessage));
      });
    },
    async close() {
      await Promise.all(workers.map((w) => w.worker.terminate()));
    },
  };
}

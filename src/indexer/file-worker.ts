/**
 * Worker-thread entry: owns one chunker (and the document embedders tasks ask for) and processes
 * the files sent by the pool one at a time, in order. The pool may queue hundreds of files here
 * (so the worker stays busy while the main thread is blocked in a database write); starting them
 * all at once would interleave their reads and parses and cost a third more CPU
 * (docs/notes/store-perf.md, round 3).
 */
import { parentPort } from 'node:worker_threads';
import { createChunker } from '../chunk/index.js';
import { DocumentEmbedders, type SharedBuiltinModel, type WorkerEmbedding } from '../embed/index.js';
import { outcomeTransfers, processFile, type FileContext, type FileTask } from './process-file.js';

/**
 * A file to process (answered with its outcome), or a model to start loading (not answered): the
 * main thread's copy, `shared`, when it has one (see `embed/builtin-shared.ts`).
 */
export type WorkerMessage =
  { id: number; task: FileTask } | { preload: WorkerEmbedding; shared?: SharedBuiltinModel };

const port = parentPort;
if (!port) throw new Error('file-worker must run in a worker thread');

const context: FileContext = { chunker: await createChunker(), embedders: new DocumentEmbedders() };
const queue: { id: number; task: FileTask }[] = [];
let running = false;

async function drain(): Promise<void> {
  running = true;
  for (let next = queue.shift(); next; next = queue.shift()) {
    const outcome = await processFile(next.task, context);
    port!.postMessage({ id: next.id, outcome }, outcomeTransfers(outcome));
  }
  running = false;
}

port.on('message', (message: WorkerMessage) => {
  if ('preload' in message) {
    if (message.shared) context.embedders.adopt(message.preload, message.shared);
    else void context.embedders.get(message.preload);
    return;
  }
  queue.push(message);
  if (!running) void drain();
});

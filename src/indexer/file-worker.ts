/**
 * Worker-thread entry: owns one chunker and processes the files sent by the pool one at a time,
 * in order. The pool may queue hundreds of files here (so the worker stays busy while the main
 * thread is blocked in a database write); starting them all at once would interleave their
 * reads and parses and cost a third more CPU (docs/notes/store-perf.md, round 3).
 */
import { parentPort } from 'node:worker_threads';
import { createChunker } from '../chunk/index.js';
import { outcomeTransfers, processFile, type FileTask } from './process-file.js';

const port = parentPort;
if (!port) throw new Error('file-worker must run in a worker thread');

const chunker = await createChunker();
const queue: { id: number; task: FileTask }[] = [];
let running = false;

async function drain(): Promise<void> {
  running = true;
  for (let next = queue.shift(); next; next = queue.shift()) {
    const outcome = await processFile(next.task, chunker);
    port!.postMessage({ id: next.id, outcome }, outcomeTransfers(outcome));
  }
  running = false;
}

port.on('message', (message: { id: number; task: FileTask }) => {
  queue.push(message);
  if (!running) void drain();
});

/**
 * Worker-thread entry: owns one chunker and processes files sent by the pool.
 */
import { parentPort } from 'node:worker_threads';
import { createChunker } from '../chunk/index.js';
import { processFile, type FileTask } from './process-file.js';

const port = parentPort;
if (!port) throw new Error('file-worker must run in a worker thread');

const chunker = await createChunker();
port.on('message', (message: { id: number; task: FileTask }) => {
  void processFile(message.task, chunker).then((outcome) => port.postMessage({ id: message.id, outcome }));
});
port.postMessage({ ready: true });

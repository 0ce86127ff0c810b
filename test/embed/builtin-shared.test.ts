import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { BuiltinVectorizer, resolveBuiltinModelPath } from '../../src/embed/builtin.js';
import { loadSharedBuiltinModel, shareBuiltinModel } from '../../src/embed/builtin-shared.js';

const TEXTS = [
  'async function deleteUser(db, id) {\n  await db.query("DELETE FROM users WHERE id = $1", [id]);\n}',
  'def fetch_url(url, timeout=10):\n    return urllib.request.urlopen(url, timeout=timeout).read()',
  'parse the Range header of an HTTP request',
];

/** tsx's loader, registered by the worker itself (hooks given to the parent do not reach workers on Node 20). */
const TSX = pathToFileURL(
  createRequire(import.meta.url)
    .resolve('tsx/esm/api')
    .replace(/\.cjs$/, '.mjs'),
).href;

/** A worker that adopts the shared model, embeds `texts` and posts the vectors' bytes back. */
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
(async () => {
  const { register } = await import(${JSON.stringify(TSX)});
  register();
  const { adoptBuiltinModel } = await import(${JSON.stringify(new URL('../../src/embed/builtin-shared.ts', import.meta.url).href)});
  const { BuiltinVectorizer } = await import(${JSON.stringify(new URL('../../src/embed/builtin.ts', import.meta.url).href)});
  const model = adoptBuiltinModel(workerData.parts);
  const vectorizer = new BuiltinVectorizer(model);
  parentPort.postMessage({
    shared: model.table.buffer instanceof SharedArrayBuffer,
    vectors: workerData.texts.map((t) => Array.from(new Uint8Array(vectorizer.embed(t).buffer))),
  });
})().catch((e) => parentPort.postMessage({ error: String(e && e.stack || e) }));
`;

describe('the built-in model shared with worker threads', () => {
  it('is loaded once per process, and a worker that adopts it embeds the same bits without a copy', async () => {
    const path = resolveBuiltinModelPath();
    const model = await loadSharedBuiltinModel(path);
    expect(await loadSharedBuiltinModel(path)).toBe(model);
    expect(model.table.buffer).toBeInstanceOf(SharedArrayBuffer);

    const vectorizer = new BuiltinVectorizer(model);
    const here = TEXTS.map((t) => Array.from(new Uint8Array(vectorizer.embed(t).buffer)));
    const worker = new Worker(WORKER, {
      eval: true,
      workerData: { parts: shareBuiltinModel(model), texts: TEXTS },
    });
    try {
      const reply = await new Promise<{ error?: string; shared?: boolean; vectors?: number[][] }>(
        (resolve, reject) => {
          worker.once('message', resolve);
          worker.once('error', reject);
        },
      );
      expect(reply.error).toBeUndefined();
      expect(reply.shared).toBe(true);
      expect(reply.vectors).toEqual(here);
    } finally {
      await worker.terminate();
    }
  }, 60_000);
});

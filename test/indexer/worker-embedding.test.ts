/**
 * A local model (the built-in one) embeds chunks in the chunking workers, and the vectors are
 * written with their chunks: the main thread embeds nothing. Real threads, the shipped model and a
 * real PGlite store; the vectors must equal the ones the embedding phase computes on the main thread.
 */
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createBuiltinEmbedder } from '../../src/embed/builtin.js';
import type { Embedder } from '../../src/embed/index.js';
import { indexRepository } from '../../src/indexer/index.js';
import { openStore, type Store } from '../../src/store/index.js';
import { makeRepo, SAMPLE_REPO, type FileTree } from '../support/fixture-repo.js';
import { createHashingEmbedder } from '../support/hashing-embedder.js';

const MAX = 1024 * 1024;
const TOPICS = ['cache', 'queue', 'token', 'socket', 'parser', 'retry', 'stream', 'config'];

/** Enough files for worker threads (small runs chunk inline), each with a few definitions. */
function manyFiles(): FileTree {
  const files: FileTree = { ...SAMPLE_REPO };
  for (let i = 0; i < 64; i++) {
    const topic = TOPICS[i % TOPICS.length]!;
    files[`src/${topic}/${topic}${i}.ts`] =
      `/** Opens the ${topic} number ${i} and reports its state. */\n` +
      `export function open${topic}${i}(limit: number): string {\n  return '${topic}' + limit * ${i};\n}\n\n` +
      `export class ${topic[0]!.toUpperCase()}${topic.slice(1)}Holder${i} {\n` +
      `  /** Closes the ${topic} and frees what it holds. */\n  close(): void {\n    this.items.clear();\n  }\n` +
      `  private readonly items = new Set<string>();\n}\n`;
  }
  return files;
}

/** The embedder, counting the texts the main thread embeds; `worker: false` hides its recipe. */
function counted(embedder: Embedder, options: { worker: boolean }): Embedder & { texts: number } {
  const { worker, ...rest } = embedder;
  const wrapped = {
    ...rest,
    ...(options.worker && worker ? { worker } : {}),
    texts: 0,
    embedDocuments: async (texts: readonly string[], signal?: AbortSignal) => {
      wrapped.texts += texts.length;
      return embedder.embedDocuments(texts, signal);
    },
  };
  return wrapped;
}

let store: Store;
let root: string;
let n = 0;
const builtin = createBuiltinEmbedder();

beforeAll(async () => {
  store = await openStore({ url: 'memory://' });
});
afterAll(async () => {
  await store.close();
});
beforeEach(async () => {
  root = await makeRepo(manyFiles());
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const index = (project: string, embedder: Embedder, options: { force?: boolean; workers?: number } = {}) =>
  indexRepository(store, { root, project, maxFileBytes: MAX, workers: 2, embedder, ...options });

/** Every chunk of the repository (by place) with its cosine similarity to the query. */
async function similarities(
  repositoryId: number,
  query: Float32Array,
): Promise<Map<string, number | undefined>> {
  const out = new Map<string, number | undefined>();
  for (const file of await store.listFiles(repositoryId)) {
    const chunks = await store.getFileChunks(repositoryId, file.path);
    const scores = await store.vectorSimilarities({
      model: builtin.id,
      vector: query,
      chunkIds: chunks.map((c) => c.chunkId),
    });
    for (const c of chunks) out.set(`${file.path}:${c.startLine}-${c.endLine}`, scores.get(c.chunkId));
  }
  return out;
}

describe('embedding in the chunking workers', () => {
  it('embeds every chunk in the workers, with the vectors the embedding phase would compute', async () => {
    const inWorkers = counted(builtin, { worker: true });
    const first = await index(`workers${++n}`, inWorkers);
    expect(first.status).toBe('completed');
    expect(first.embeddings).toEqual({ embedded: first.chunksWritten, missing: 0 });
    expect(first.repository).toMatchObject({ embeddingModel: builtin.id, embeddingDimensions: 256 });
    expect(inWorkers.texts).toBe(0);

    const onMainThread = counted(builtin, { worker: false });
    const reference = await index(`phase${n}`, onMainThread);
    expect(reference.embeddings).toEqual({ embedded: reference.chunksWritten, missing: 0 });
    expect(onMainThread.texts).toBe(reference.chunksWritten);

    const query = await builtin.embedQuery('close the socket and free what it holds');
    const got = await similarities(first.repository.id, query);
    const want = await similarities(reference.repository.id, query);
    expect(got.size).toBe(first.chunksWritten);
    expect([...got.keys()].sort()).toEqual([...want.keys()].sort());
    for (const [place, score] of want) {
      expect(score).toEqual(expect.any(Number));
      expect(got.get(place)).toBeCloseTo(score!, 6);
    }
  });

  it('embeds only the chunks of changed files on a re-index: in the workers, or on this thread for a few files', async () => {
    const project = `edit${++n}`;
    await index(project, builtin);
    const changed = Array.from({ length: 8 }, (_, i) => `src/cache/cache${i * 8}.ts`);
    for (const path of changed) await writeFile(join(root, path), `export const edited = '${path}';\n`);
    // Eight files: chunked inline, and the embedding phase embeds their chunks with this embedder.
    const few = counted(builtin, { worker: true });
    const inline = await index(project, few);
    expect(inline.indexed).toBe(8);
    expect(inline.embeddings).toEqual({ embedded: inline.chunksWritten, missing: 0 });
    expect(few.texts).toBe(inline.chunksWritten);

    // Every file changed (forced): worker threads, which embed as they cut.
    const many = counted(builtin, { worker: true });
    const forced = await index(project, many, { force: true });
    expect(forced.embeddings).toEqual({ embedded: forced.chunksWritten, missing: 0 });
    expect(forced.chunksWritten).toBe(forced.repository.chunkCount);
    expect(many.texts).toBe(0);
  });

  it('keeps another model without force, and switches with force, embedding in the workers', async () => {
    const project = `switch${++n}`;
    const old = createHashingEmbedder(32);
    await index(project, old);
    await writeFile(join(root, 'src/query.ts'), 'export const edited = true;\n');

    const embedder = counted(builtin, { worker: true });
    const refused = await index(project, embedder);
    expect(refused.status).toBe('completed_with_errors');
    expect(refused.embeddings!.error).toContain(`embedded with ${old.id}, but ${builtin.id} is configured`);
    expect(refused.repository).toMatchObject({ embeddingModel: old.id, embeddingDimensions: 32 });

    const forced = await index(project, embedder, { force: true });
    expect(forced.status).toBe('completed');
    expect(forced.embeddings).toEqual({ embedded: forced.repository.chunkCount, missing: 0 });
    expect(forced.repository).toMatchObject({ embeddingModel: builtin.id, embeddingDimensions: 256 });
    expect(embedder.texts).toBe(0);
  });
});

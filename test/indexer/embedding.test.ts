/**
 * The embedding phase of indexing, end to end over a real store: the deterministic hashing test
 * double, and a fake Ollama server that fails. A provider failure never fails the run: the lexical
 * index is complete, the missing vectors are reported, and the next run fills them in.
 */
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createEmbedder, type Embedder, type EmbeddingConfig } from '../../src/embed/index.js';
import { indexRepository } from '../../src/indexer/index.js';
import { searchCode } from '../../src/search/index.js';
import { openStore, type Store } from '../../src/store/index.js';
import { startFakeOllama, type FakeEmbeddingServer } from '../support/fake-embedding-servers.js';
import { makeRepo, SAMPLE_REPO } from '../support/fixture-repo.js';
import { createHashingEmbedder } from '../support/hashing-embedder.js';

const MAX = 1024 * 1024;
let store: Store;
let root: string;
let project: string;
let server: FakeEmbeddingServer | undefined;
let n = 0;

// One database per file (starting PGlite costs seconds); each test gets its own project.
beforeAll(async () => {
  store = await openStore({ url: 'memory://' });
});
afterAll(async () => {
  await store.close();
});
beforeEach(async () => {
  project = `embed${++n}`;
  // Vectors are cached by content across repositories: one file of each test's own keeps it honest.
  root = await makeRepo({ ...SAMPLE_REPO, 'src/own.ts': `export const project${n} = '${project}';\n` });
});
afterEach(async () => {
  await server?.close();
  server = undefined;
  await rm(root, { recursive: true, force: true });
});

const index = (embedder: Embedder | null, force = false) =>
  indexRepository(store, { root, project, maxFileBytes: MAX, workers: 0, embedder, force });

async function ollama(config: Partial<EmbeddingConfig> = {}): Promise<Embedder> {
  server = await startFakeOllama({ models: { 'nomic-embed-text': 48 } });
  return createEmbedder(
    {
      provider: 'ollama',
      url: server.url,
      batchSize: 64,
      concurrency: 1,
      timeoutMs: 5_000,
      maxRetries: 0,
      ...config,
    },
    { sleep: async () => {} },
  )!;
}

describe('indexing with an embedder', () => {
  it('embeds every chunk, re-embeds nothing on a no-change run, and only the changed chunks after an edit', async () => {
    const embedder = createHashingEmbedder(32);
    const first = await index(embedder);
    expect(first.status).toBe('completed');
    const chunks = first.repository.chunkCount;
    expect(first.embeddings).toEqual({ embedded: chunks, missing: 0 });
    expect(first.repository).toMatchObject({ embeddingModel: embedder.id, embeddingDimensions: 32 });

    const again = await index(embedder);
    expect(again.embeddings).toEqual({ embedded: 0, missing: 0 });

    await writeFile(
      join(root, 'src/query.ts'),
      'export function splitCookieHeader(header: string) {\n  return header.split(";");\n}\n',
    );
    const edited = await index(embedder);
    expect(edited.indexed).toBe(1);
    expect(edited.embeddings!.missing).toBe(0);
    expect(edited.embeddings!.embedded).toBeGreaterThan(0);
    expect(edited.embeddings!.embedded).toBeLessThan(edited.repository.chunkCount);
  });

  it.each([
    ['500 errors', { kind: 'server-error' as const }, {}],
    ['timeouts', { kind: 'delay' as const, ms: 2_000 }, { timeoutMs: 200 }],
  ])(
    'completes with errors when the provider fails with %s, keeps the lexical index, and the next run fills the vectors in',
    async (_, fault, config) => {
      const embedder = await ollama(config);
      server!.inject({ kind: 'none' }, fault); // the probe passes, the first batch of documents fails
      const failed = await index(embedder);
      expect(failed.status).toBe('completed_with_errors');
      expect(failed.embeddings!.missing).toBeGreaterThan(0);
      expect(failed.embeddings!.error).toMatch(/ollama:nomic-embed-text failed/);
      const job = await store.getJob(failed.jobId);
      expect(job).toMatchObject({ status: 'completed_with_errors' });
      expect(job!.stats.missingVectors).toBe(failed.embeddings!.missing);
      expect(failed.indexed).toBe(failed.filesTotal);
      const lexical = await searchCode(store, { query: 'parseQueryString', project });
      expect(lexical.results[0]!.path).toBe('src/query.ts');

      const next = await index(embedder);
      expect(next.status).toBe('completed');
      expect(next.embeddings).toEqual({ embedded: failed.embeddings!.missing, missing: 0 });
      expect((await store.getJob(next.jobId))!.stats).toMatchObject({ missingVectors: 0 });
    },
  );

  it('reports a model switch without force and keeps the old vectors; with force it re-embeds with the new model', async () => {
    const old = createHashingEmbedder(32);
    const first = await index(old);
    const chunks = first.repository.chunkCount;

    const replacement = createHashingEmbedder(24);
    const refused = await index(replacement);
    expect(refused.status).toBe('completed_with_errors');
    expect(refused.embeddings).toMatchObject({ embedded: 0, missing: chunks });
    expect(refused.embeddings!.error).toContain(
      `embedded with ${old.id}, but ${replacement.id} is configured`,
    );
    expect(refused.repository).toMatchObject({ embeddingModel: old.id, embeddingDimensions: 32 });
    expect((await searchCode(store, { query: 'parseQueryString', project, embedder: old })).mode).toBe(
      'hybrid',
    );

    const forced = await index(replacement, true);
    expect(forced.status).toBe('completed');
    expect(forced.embeddings).toEqual({ embedded: chunks, missing: 0 });
    expect(forced.repository).toMatchObject({ embeddingModel: replacement.id, embeddingDimensions: 24 });
    expect(
      (await searchCode(store, { query: 'parseQueryString', project, embedder: replacement })).mode,
    ).toBe('hybrid');
  });
});

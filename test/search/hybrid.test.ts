/**
 * Hybrid search: BM25 and vector candidates blended (or fused by reciprocal rank). Uses the deterministic
 * hashing embedder (a test double without meaning) and a fake Ollama server for failures.
 */
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CodebaseError } from '../../src/core/index.js';
import { createEmbedder } from '../../src/embed/index.js';
import { indexRepository } from '../../src/indexer/index.js';
import { searchCode, type SearchResponse } from '../../src/search/index.js';
import { openStore, type Store } from '../../src/store/index.js';
import { startFakeOllama, type FakeEmbeddingServer } from '../support/fake-embedding-servers.js';
import { makeRepo, SAMPLE_REPO } from '../support/fixture-repo.js';
import { createHashingEmbedder } from '../support/hashing-embedder.js';

const MAX = 1024 * 1024;
const QUERIES = ['parseQueryString', 'retry with exponential backoff', 'register a handler for a route'];
let store: Store;
let root: string;
let server: FakeEmbeddingServer;
const hashing = createHashingEmbedder(48);

const strip = (response: SearchResponse) =>
  response.results.map(({ path, startLine, endLine, score }) => ({ path, startLine, endLine, score }));

let before: Map<string, ReturnType<typeof strip>>;

beforeAll(async () => {
  store = await openStore({ url: 'memory://' });
  root = await makeRepo(SAMPLE_REPO);
  // Lexical results first; then the same index gets vectors (no file changes, same chunks).
  await indexRepository(store, { root, project: 'hybrid', maxFileBytes: MAX, workers: 0 });
  before = new Map();
  for (const query of QUERIES)
    before.set(query, strip(await searchCode(store, { query, project: 'hybrid' })));
  const embedded = await indexRepository(store, {
    root,
    project: 'hybrid',
    maxFileBytes: MAX,
    workers: 0,
    embedder: hashing,
  });
  expect(embedded).toMatchObject({ indexed: 0, embeddings: { missing: 0 } });
  server = await startFakeOllama({ models: { 'nomic-embed-text': 48 } });
});
afterAll(async () => {
  await server.close();
  await store.close();
  await rm(root, { recursive: true, force: true });
});

describe('hybrid search', () => {
  it('without an embedder gives exactly the lexical results, even where vectors exist', async () => {
    for (const query of QUERIES) {
      const plain = await searchCode(store, { query, project: 'hybrid' });
      expect(plain.mode).toBe('lexical');
      expect(plain.notice).toBeUndefined();
      expect(strip(plain)).toEqual(before.get(query));
    }
  });

  it('with the embedder the index was built with, fuses vector and lexical candidates', async () => {
    const response = await searchCode(store, {
      query: 'parseQueryString',
      project: 'hybrid',
      embedder: hashing,
    });
    expect(response.mode).toBe('hybrid');
    expect(response.notice).toBeUndefined();
    expect(response.results[0]!.path).toBe('src/query.ts');
    expect(strip(response)).not.toEqual(before.get('parseQueryString')); // fused scores, not BM25 scores
  });

  it('blends by default; with lexical weight 1 the order is the lexical one, and rank fusion is available', async () => {
    for (const query of QUERIES) {
      const lexicalOnly = await searchCode(store, {
        query,
        project: 'hybrid',
        embedder: hashing,
        fusion: { method: 'blend', lexicalWeight: 1, rrfK: 60 },
      });
      expect(lexicalOnly.mode).toBe('hybrid');
      const paths = (r: SearchResponse) => r.results.map((x) => `${x.path}:${x.startLine}`);
      // The lexical hits first, in their order; chunks only the vectors found follow with score 0.
      const lexical = before.get(query)!.map((x) => `${x.path}:${x.startLine}`);
      expect(paths(lexicalOnly).slice(0, lexical.length)).toEqual(lexical);
      expect(lexicalOnly.results.slice(lexical.length).every((x) => x.score === 0)).toBe(true);
      const fused = await searchCode(store, {
        query,
        project: 'hybrid',
        embedder: hashing,
        fusion: { method: 'rrf', lexicalWeight: 0.5, rrfK: 60 },
      });
      expect(fused.mode).toBe('hybrid');
      expect(fused.results.length).toBeGreaterThan(0);
      // Re-scoring keeps the lexical candidates only: nothing BM25 did not find.
      const rescored = await searchCode(store, {
        query,
        project: 'hybrid',
        embedder: hashing,
        limit: 50,
        fusion: { method: 'rescore', lexicalWeight: 0.5, rrfK: 60 },
      });
      const lexicalAll = await searchCode(store, { query, project: 'hybrid', limit: 50 });
      expect(rescored.mode).toBe('hybrid');
      expect(paths(rescored).sort()).toEqual(paths(lexicalAll).sort());
      expect(strip(rescored)).not.toEqual(strip(lexicalAll));
    }
  });

  it('falls back to lexical results with a notice when the provider fails at search time', async () => {
    const failing = createEmbedder(
      { provider: 'ollama', url: server.url, batchSize: 8, concurrency: 1, timeoutMs: 2_000, maxRetries: 0 },
      { sleep: async () => {} },
    )!;
    // The index must have been built with this model for vectors to be searched at all.
    const rootOllama = await makeRepo(SAMPLE_REPO);
    try {
      await indexRepository(store, {
        root: rootOllama,
        project: 'ollama',
        maxFileBytes: MAX,
        workers: 0,
        embedder: failing,
      });
      const lexical = await searchCode(store, { query: 'retry with exponential backoff', project: 'ollama' });
      server.inject({ kind: 'server-error' });
      const response = await searchCode(store, {
        query: 'retry with exponential backoff',
        project: 'ollama',
        embedder: failing,
      });
      expect(response.mode).toBe('lexical');
      expect(response.notice).toMatch(/embedding provider failed.*lexical results only/);
      expect(strip(response)).toEqual(strip(lexical));
    } finally {
      await rm(rootOllama, { recursive: true, force: true });
    }
  });

  it('refuses to search vectors of another model with a clear message', async () => {
    const other = createHashingEmbedder(16);
    const error = await searchCode(store, {
      query: 'parseQueryString',
      project: 'hybrid',
      embedder: other,
    }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(CodebaseError);
    expect(error).toMatchObject({ code: 'EMBEDDING_MODEL_MISMATCH' });
    expect((error as CodebaseError).message).toContain(
      `was embedded with ${hashing.id}, but ${other.id} is configured`,
    );
  });
});

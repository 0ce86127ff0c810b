/**
 * The embedding phase builds the HNSW index only when asked to (`vectorIndex`, default true): a
 * search configuration that never searches vectors by similarity (fusion `rescore`) skips a build
 * that costs more than the rest of a cold index on PGlite. Real stores on every backend; whether
 * the index exists is read from the catalog with a raw connection after the store is closed.
 */
import { rm } from 'node:fs/promises';
import pg from 'pg';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { indexRepository } from '../../src/indexer/index.js';
import { searchCode } from '../../src/search/index.js';
import type { SqlStore } from '../../src/store/sql/sql-store.js';
import type { Store } from '../../src/store/index.js';
import { open, selectedBackends, type Backend } from '../store/backends.js';
import { makeRepo, SAMPLE_REPO } from '../support/fixture-repo.js';
import { createHashingEmbedder } from '../support/hashing-embedder.js';

const MAX = 1024 * 1024;
const DIMS = 40;

async function hnswIndexes(backend: Backend, url: string): Promise<string[]> {
  const sql = `SELECT indexname FROM pg_indexes WHERE indexname LIKE 'chunk_vectors_hnsw_%' ORDER BY 1`;
  if (backend.name === 'postgres') {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query<{ indexname: string }>(sql)).rows.map((r) => r.indexname);
    } finally {
      await client.end();
    }
  }
  const [{ PGlite }, { vector }] = await Promise.all([
    import('@electric-sql/pglite'),
    import('@electric-sql/pglite-pgvector'),
  ]);
  const db = await PGlite.create(url, { extensions: { vector } });
  try {
    return (await db.query<{ indexname: string }>(sql)).rows.map((r) => r.indexname);
  } finally {
    await db.close();
  }
}

for (const backend of selectedBackends()) {
  describe(`embedding phase and the vector index: ${backend.name}`, () => {
    let root: string;

    beforeEach(async () => {
      root = await makeRepo(SAMPLE_REPO);
    });
    afterEach(async () => {
      await rm(root, { recursive: true, force: true });
    });
    afterAll(async () => {
      await backend.teardown();
    });

    /** A store whose vectors outgrow exact search after 5 chunks, so the sample repository needs an index. */
    async function openStore(url: string): Promise<Store> {
      const store = await open(url);
      await store.migrate();
      (store as SqlStore).configureVectors({ exactBelow: 5 });
      return store;
    }

    it('embeds every chunk without building the HNSW index when the search does not need it, and builds it on a later run that does', async () => {
      const url = await backend.fresh();
      const embedder = createHashingEmbedder(DIMS);
      let store = await openStore(url);
      try {
        const first = await indexRepository(store, {
          root,
          project: 'p',
          maxFileBytes: MAX,
          workers: 0,
          embedder,
          vectorIndex: false,
        });
        expect(first.status).toBe('completed');
        expect(first.repository.chunkCount).toBeGreaterThan(5);
        expect(first.embeddings).toEqual({ embedded: first.repository.chunkCount, missing: 0 });
        // Hybrid search works without the index (rescore needs no index; blend searches exactly).
        for (const method of ['rescore', 'blend', 'rrf'] as const) {
          const found = await searchCode(store, {
            query: 'parseQueryString',
            project: 'p',
            embedder,
            fusion: { method, lexicalWeight: 0.5, rrfK: 60 },
          });
          expect(found.mode).toBe('hybrid');
          expect(found.results[0]!.path).toBe('src/query.ts');
        }
      } finally {
        await store.close();
      }
      expect(await hnswIndexes(backend, url)).toEqual([]);

      store = await openStore(url);
      try {
        const again = await indexRepository(store, {
          root,
          project: 'p',
          maxFileBytes: MAX,
          workers: 0,
          embedder,
        });
        expect(again.status).toBe('completed');
        expect(again.embeddings).toEqual({ embedded: 0, missing: 0 });
      } finally {
        await store.close();
      }
      expect(await hnswIndexes(backend, url)).toEqual([`chunk_vectors_hnsw_${DIMS}`]);
    });
  });
}

/**
 * The HNSW index is built on request only (`buildVectorIndex`), never as a side effect of
 * embedding: searches are exact without it and return the same results through it. Every backend
 * (PGlite always, PostgreSQL when CODEBASE_MCP_TEST_POSTGRES_URL is set). Whether the index exists
 * is read from the catalog with a separate raw connection after the store is closed.
 */
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import type { SqlStore } from '../../src/store/sql/sql-store.js';
import type { Store } from '../../src/store/index.js';
import { open, selectedBackends, type Backend } from './backends.js';
import { chunk, file } from './fixtures.js';

const MODEL = 'test:index-model';
const DIMS = 24;
const CHUNKS = 150;

/** Deterministic, well-spread unit vectors (no ties between distances). */
function vectorFor(seed: number): Float32Array {
  let a = (seed * 2654435761) >>> 0;
  const v = new Float32Array(DIMS);
  for (let i = 0; i < DIMS; i++) {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    v[i] = ((t ^ (t >>> 14)) >>> 0) / 4294967296 - 0.5;
  }
  const norm = Math.hypot(...v);
  return v.map((x) => x / norm);
}

function cosine(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  for (let i = 0; i < a.length; i++) dot += a[i]! * b[i]!;
  return dot;
}

async function hnswIndexes(backend: Backend, url: string): Promise<string[]> {
  const sql = `SELECT indexname FROM pg_indexes WHERE tablename = 'chunk_vectors' AND indexname LIKE 'chunk_vectors_hnsw_%' ORDER BY 1`;
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

async function openSmall(url: string, exactBelow: number): Promise<Store> {
  const store = await open(url);
  await store.migrate();
  (store as SqlStore).configureVectors({ exactBelow });
  return store;
}

for (const backend of selectedBackends()) {
  describe(`vector index on request: ${backend.name}`, () => {
    afterAll(async () => {
      await backend.teardown();
    });

    it('embeds without building the HNSW index, searches exactly meanwhile, and returns the same nearest chunks through the index once built', async () => {
      const url = await backend.fresh();
      let store = await openSmall(url, 50);
      const vectors = new Map<string, Float32Array>();
      let id: number;
      try {
        const project = await store.getOrCreateProject('vector-index');
        const repo = await store.getOrCreateRepository(project.id, '/repo');
        id = repo.id;
        await store.writeFiles(
          id,
          Array.from({ length: CHUNKS }, (_, i) =>
            file(
              `${i % 3 === 0 ? 'lib' : 'app'}/f${i}.ts`,
              [chunk(1, { [`w${i}`]: 1 }, { content: `chunk number ${i}` })],
              i % 5 === 0 ? 'python' : 'typescript',
            ),
          ),
        );
        await store.setRepositoryEmbedding(id, MODEL, DIMS);
        for (;;) {
          const todo = await store.chunksWithoutEmbedding(id, MODEL, 64);
          if (todo.length === 0) break;
          await store.writeEmbeddings(
            id,
            MODEL,
            todo.map((c) => {
              const vector = vectorFor(Number(c.content.split(' ').pop()));
              vectors.set(c.path, vector);
              return { chunkId: c.chunkId, hash: c.hash, vector };
            }),
          );
        }
      } finally {
        await store.close();
      }
      expect(await hnswIndexes(backend, url)).toEqual([]);

      const query = vectorFor(100_003);
      const expected = (filter: (path: string) => boolean, k: number) =>
        [...vectors]
          .filter(([path]) => filter(path))
          .map(([path, v]) => ({ path, score: cosine(query, v) }))
          .sort((a, b) => b.score - a.score)
          .slice(0, k);
      const nearest = async (extra: { languages?: ['python']; pathRegex?: string } = {}, k = 10) =>
        (
          await store.vectorSearch({ repositoryIds: [id], model: MODEL, vector: query, limit: k, ...extra })
        ).map((h) => ({ path: h.path, score: h.score }));
      const check = async () => {
        const all = await nearest();
        expect(all.map((h) => h.path)).toEqual(expected(() => true, 10).map((e) => e.path));
        all.forEach((h, i) => expect(h.score).toBeCloseTo(expected(() => true, 10)[i]!.score, 4));
        const python = await nearest({ languages: ['python'] });
        expect(python.map((h) => h.path)).toEqual(
          expected((p) => Number(p.match(/f(\d+)/)![1]) % 5 === 0, 10).map((e) => e.path),
        );
        const lib = await nearest({ pathRegex: '^lib/' }, 100);
        expect(lib.map((h) => h.path)).toEqual(expected((p) => p.startsWith('lib/'), 100).map((e) => e.path));
      };

      store = await openSmall(url, 50);
      try {
        await check(); // exact: 150 vectors, over the threshold, but no index
        expect(await store.buildVectorIndex(id)).toBe(true);
        await check(); // through the index
        expect(await store.buildVectorIndex(id)).toBe(true); // already there: nothing to do
      } finally {
        await store.close();
      }
      expect(await hnswIndexes(backend, url)).toEqual([`chunk_vectors_hnsw_${DIMS}`]);
    });

    it('builds no index for vectors exact search handles, nor for a repository without vectors', async () => {
      const url = await backend.fresh();
      const store = await openSmall(url, 1000);
      try {
        const project = await store.getOrCreateProject('vector-index-small');
        const repo = await store.getOrCreateRepository(project.id, '/repo');
        expect(await store.buildVectorIndex(repo.id)).toBe(false);
        await store.writeFiles(repo.id, [file('a.ts', [chunk(1, { a: 1 }, { content: 'chunk number 1' })])]);
        await store.setRepositoryEmbedding(repo.id, MODEL, DIMS);
        const [todo] = await store.chunksWithoutEmbedding(repo.id, MODEL, 10);
        await store.writeEmbeddings(repo.id, MODEL, [
          { chunkId: todo!.chunkId, hash: todo!.hash, vector: vectorFor(1) },
        ]);
        expect(await store.buildVectorIndex(repo.id)).toBe(false);
        const hits = await store.vectorSearch({
          repositoryIds: [repo.id],
          model: MODEL,
          vector: vectorFor(1),
          limit: 5,
        });
        expect(hits.map((h) => h.path)).toEqual(['a.ts']);
        expect(hits[0]!.score).toBeCloseTo(1, 5);
      } finally {
        await store.close();
      }
      expect(await hnswIndexes(backend, url)).toEqual([]);
    });
  });
}

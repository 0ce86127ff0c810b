/**
 * Vectors that come with the chunks of a file write (`ChunkWrite.vector`): the indexer's workers
 * embed with a local model as they cut, and the vectors land in the chunks' own transaction.
 * Every backend (PGlite always, PostgreSQL when CODEBASE_MCP_TEST_POSTGRES_URL is set).
 */
import { describe, expect, it } from 'vitest';
import { StoreError } from '../../src/core/index.js';
import type { ChunkWrite, FileWrite } from '../../src/store/index.js';
import { selectedBackends, suiteStore } from './backends.js';
import { chunk, cosine, file, unit, vectorOf, unique } from './fixtures.js';

const MODEL = 'test:model-a';
const OTHER = 'test:model-b';

/** A chunk with its vector, as an embedding worker sends it. */
function embedded(startLine: number, content: string, dims = 4): ChunkWrite {
  return { ...chunk(startLine, { x: 1 }, { content }), vector: vectorOf(content, dims) };
}

for (const backend of selectedBackends()) {
  describe(`store vectors written with their chunks: ${backend.name}`, () => {
    const store = suiteStore(backend);

    async function repository(model: string | null, dims: number | null): Promise<number> {
      const project = await store.getOrCreateProject(unique('project'));
      const repo = await store.getOrCreateRepository(project.id, '/repo');
      await store.setRepositoryEmbedding(repo.id, model, dims);
      return repo.id;
    }

    async function similarities(repositoryId: number, path: string, query: Float32Array) {
      const chunks = await store.getFileChunks(repositoryId, path);
      const scores = await store.vectorSimilarities({
        model: MODEL,
        vector: query,
        chunkIds: chunks.map((c) => c.chunkId),
      });
      return chunks.map((c) => scores.get(c.chunkId));
    }

    it('stores the vectors in the same write as their chunks, searchable at once, nothing left to embed', async () => {
      const id = await repository(MODEL, 4);
      const a = file('a.ts', [embedded(1, `aaaa ${unique('a')}`), embedded(5, `dddd ${unique('d')}`)]);
      await store.writeFiles(id, [a], { embeddingModel: MODEL });
      expect(await store.countChunksWithoutEmbedding(id, MODEL)).toBe(0);
      const query = vectorOf('aaaa');
      const scores = await similarities(id, 'a.ts', query);
      a.chunks.forEach((c, i) => expect(scores[i]).toBeCloseTo(cosine(query, c.vector!), 5));
      const [top] = await store.vectorSearch({ repositoryIds: [id], model: MODEL, vector: query, limit: 1 });
      expect(top).toMatchObject({ path: 'a.ts', startLine: 1 });
    });

    it("files its vectors under each chunk's own file, so filtered vector searches find them", async () => {
      const id = await repository(MODEL, 4);
      const text = `aaaa ${unique('shared')}`;
      await store.writeFiles(
        id,
        [
          file('src/a.ts', [embedded(1, text)]),
          file('lib/b.py', [embedded(1, text), embedded(9, `bbbb ${unique('b')}`)], 'python'),
          file('src/c.ts', [embedded(1, `cccc ${unique('c')}`)]),
        ],
        { embeddingModel: MODEL },
      );
      const query = vectorOf(text);
      const search = (filter: { languages?: ['python']; pathRegex?: string }) =>
        store.vectorSearch({ repositoryIds: [id], model: MODEL, vector: query, limit: 10, ...filter });
      expect((await search({ languages: ['python'] })).map((h) => h.path)).toEqual(['lib/b.py', 'lib/b.py']);
      expect(new Set((await search({ pathRegex: '^src/' })).map((h) => h.path))).toEqual(
        new Set(['src/a.ts', 'src/c.ts']),
      );
      expect(await search({})).toHaveLength(4);
    });

    it('drops the vectors of another model, and ignores vectors when the write names no model', async () => {
      const id = await repository(MODEL, 4);
      await store.writeFiles(id, [file('a.ts', [embedded(1, `aaaa ${unique('a')}`)])], {
        embeddingModel: OTHER,
      });
      await store.writeFiles(id, [file('b.ts', [embedded(1, `bbbb ${unique('b')}`)])]);
      // Written, searchable by words, and counted as missing a vector until an embedding phase runs.
      expect(await store.countChunksWithoutEmbedding(id, MODEL)).toBe(2);
      expect((await store.chunksWithoutEmbedding(id, MODEL, 10)).map((c) => c.path).sort()).toEqual([
        'a.ts',
        'b.ts',
      ]);
      expect(await store.getRepository(id)).toMatchObject({ embeddingModel: MODEL, embeddingDimensions: 4 });
    });

    it('drops vectors of another length than the repository has, and learns the length when it has none', async () => {
      const fixed = await repository(MODEL, 4);
      await store.writeFiles(fixed, [file('a.ts', [embedded(1, `aaaa ${unique('a')}`, 6)])], {
        embeddingModel: MODEL,
      });
      expect(await store.countChunksWithoutEmbedding(fixed, MODEL)).toBe(1);

      const open = await repository(MODEL, null);
      await store.writeFiles(open, [file('a.ts', [embedded(1, `aaaa ${unique('a')}`, 6)])], {
        embeddingModel: MODEL,
      });
      expect(await store.countChunksWithoutEmbedding(open, MODEL)).toBe(0);
      expect(await store.getRepository(open)).toMatchObject({
        embeddingModel: MODEL,
        embeddingDimensions: 6,
      });
    });

    it('writes neither the chunks nor their vectors when one vector is invalid, keeping the previous version', async () => {
      const id = await repository(MODEL, 4);
      const before: FileWrite = file('a.ts', [embedded(1, `aaaa ${unique('a')}`)]);
      await store.writeFiles(id, [before], { embeddingModel: MODEL });
      const broken = {
        ...chunk(3, { y: 1 }, { content: 'broken' }),
        vector: new Float32Array([1, Number.NaN, 0, 0]),
      };
      await expect(
        store.writeFiles(id, [file('a.ts', [embedded(1, `cccc ${unique('c')}`), broken])], {
          embeddingModel: MODEL,
        }),
      ).rejects.toBeInstanceOf(StoreError);
      const chunks = await store.getFileChunks(id, 'a.ts');
      expect(chunks.map((c) => c.content)).toEqual([before.chunks[0]!.content]);
      expect(await similarities(id, 'a.ts', unit([1, 0, 0, 0]))).toEqual([expect.any(Number)]);
      expect(await store.countChunksWithoutEmbedding(id, MODEL)).toBe(0);
    });
  });
}

/**
 * Vectors, in the contract style: every backend (PGlite always, PostgreSQL when
 * CODEBASE_MCP_TEST_POSTGRES_URL is set). Small hand-made vectors, so cosine similarities can be
 * checked by hand.
 */
import { describe, expect, it } from 'vitest';
import { StoreError } from '../../src/core/index.js';
import type { SqlStore } from '../../src/store/sql/sql-store.js';
import type { FileWrite } from '../../src/store/index.js';
import { selectedBackends, suiteStore } from './backends.js';
import { chunk, cosine, file, unit, vectorOf, unique } from './fixtures.js';

const MODEL = 'test:model-a';
const OTHER = 'test:model-b';

for (const backend of selectedBackends()) {
  describe(`store vectors: ${backend.name}`, () => {
    const store = suiteStore(backend);

    async function repository(
      files: FileWrite[],
      model: string | null = MODEL,
      dims: number | null = 4,
    ): Promise<number> {
      const project = await store.getOrCreateProject(unique('project'));
      const repo = await store.getOrCreateRepository(project.id, '/repo');
      await store.writeFiles(repo.id, files);
      await store.setRepositoryEmbedding(repo.id, model, dims);
      return repo.id;
    }

    /** Embeds everything missing the way the indexer does; returns how many chunks were embedded. */
    async function embedAll(repositoryId: number, model = MODEL, dims = 4): Promise<number> {
      let embedded = 0;
      for (;;) {
        const todo = await store.chunksWithoutEmbedding(repositoryId, model, 2);
        if (todo.length === 0) return embedded;
        await store.writeEmbeddings(
          repositoryId,
          model,
          todo.map((c) => ({ chunkId: c.chunkId, hash: c.hash, vector: vectorOf(c.content, dims) })),
        );
        embedded += todo.length;
      }
    }

    const search = (repositoryIds: number[], vector: Float32Array, extra: Record<string, unknown> = {}) =>
      store.vectorSearch({ repositoryIds, model: MODEL, vector, limit: 10, ...extra });

    it('records the model, lists chunks without a vector with their text, and counts them', async () => {
      const content = `aaaa ${unique('first')}`;
      const id = await repository([file('a.ts', [chunk(1, { alpha: 1 }, { content, symbol: 'A' })])]);
      expect(await store.getRepository(id)).toMatchObject({ embeddingModel: MODEL, embeddingDimensions: 4 });
      const todo = await store.chunksWithoutEmbedding(id, MODEL, 10);
      expect(todo).toEqual([
        { chunkId: expect.any(Number), hash: expect.any(String), path: 'a.ts', symbol: 'A', content },
      ]);
      expect(await store.countChunksWithoutEmbedding(id, MODEL)).toBe(1);
      expect(await embedAll(id)).toBe(1);
      expect(await store.countChunksWithoutEmbedding(id, MODEL)).toBe(0);
      expect(await store.chunksWithoutEmbedding(id, MODEL, 10)).toEqual([]);
    });

    it('reuses cached vectors for unchanged content, so re-indexing embeds only changed chunks', async () => {
      // Contents unique to this test: the cache is shared by every repository of the store.
      const [a, b, c] = ['aaaa', 'bbbb', 'cccc'].map((x) => `${x} ${unique('reuse')}`) as [
        string,
        string,
        string,
      ];
      const id = await repository([
        file('a.ts', [chunk(1, { alpha: 1 }, { content: a }), chunk(3, { beta: 1 }, { content: b })]),
      ]);
      expect(await embedAll(id)).toBe(2);
      // The file changes: one chunk keeps its content, one is new.
      await store.writeFiles(id, [
        file('a.ts', [chunk(1, { alpha: 1 }, { content: a }), chunk(3, { gamma: 1 }, { content: c })]),
      ]);
      const todo = await store.chunksWithoutEmbedding(id, MODEL, 10);
      expect(todo.map((c) => c.content)).toEqual([c]);
      // Another repository with the same content gets it from the cache too.
      const copy = await repository([file('b.ts', [chunk(1, { alpha: 1 }, { content: a })])]);
      expect(await store.chunksWithoutEmbedding(copy, MODEL, 10)).toEqual([]);
      const hits = await search([copy], vectorOf(a));
      expect(hits.map((h) => [h.path, h.score])).toEqual([['b.ts', expect.closeTo(1, 5)]]);
    });

    it('stores vectors without caching them when asked to, so changed files embed their unchanged chunks again', async () => {
      const [a, b] = ['aaaa', 'bbbb'].map((x) => `${x} ${unique('nocache')}`) as [string, string];
      const id = await repository([
        file('a.ts', [chunk(1, { alpha: 1 }, { content: a }), chunk(3, { beta: 1 }, { content: b })]),
      ]);
      const todo = await store.chunksWithoutEmbedding(id, MODEL, 10);
      await store.writeEmbeddings(
        id,
        MODEL,
        todo.map((c) => ({ chunkId: c.chunkId, hash: c.hash, vector: vectorOf(c.content) })),
        { cache: false },
      );
      expect(await store.countChunksWithoutEmbedding(id, MODEL)).toBe(0);
      const hits = await search([id], vectorOf(a));
      expect(hits[0]).toMatchObject({ path: 'a.ts', score: expect.closeTo(1, 5) });
      // The file is rewritten with the same content: nothing cached, so both chunks come back.
      await store.writeFiles(id, [
        file('a.ts', [
          chunk(1, { alpha: 1 }, { content: a }),
          chunk(3, { beta: 1 }, { content: b }),
          chunk(5, { x: 1 }, { content: 'x' }),
        ]),
      ]);
      const again = await store.chunksWithoutEmbedding(id, MODEL, 10);
      expect(again.map((c) => c.content).sort()).toEqual([a, b, 'x'].sort());
    });

    it('discards the vectors when the model changes, and gets them back from the cache when it changes back', async () => {
      const id = await repository([
        file('a.ts', [
          chunk(1, { alpha: 1 }, { content: 'aaaa' }),
          chunk(3, { beta: 1 }, { content: 'bbbb' }),
        ]),
      ]);
      await embedAll(id);
      expect(await store.countChunksWithoutEmbedding(id, OTHER)).toBe(2);
      await store.setRepositoryEmbedding(id, OTHER, 4);
      expect(await store.getRepository(id)).toMatchObject({ embeddingModel: OTHER, embeddingDimensions: 4 });
      expect(await store.countChunksWithoutEmbedding(id, OTHER)).toBe(2);
      expect(await search([id], vectorOf('aaaa'))).toEqual([]);
      // Writing vectors of the old model is refused.
      const [first] = await store.chunksWithoutEmbedding(id, OTHER, 1);
      await expect(
        store.writeEmbeddings(id, MODEL, [
          { chunkId: first!.chunkId, hash: first!.hash, vector: vectorOf('aaaa') },
        ]),
      ).rejects.toMatchObject({ code: 'EMBEDDING_MODEL_MISMATCH' });
      await store.setRepositoryEmbedding(id, MODEL, 4);
      expect(await embedAll(id)).toBe(0);
      expect(await search([id], vectorOf('aaaa'))).toHaveLength(2);
    });

    it('orders by cosine similarity, scores with the similarity, and applies repository, language and path filters', async () => {
      const contents = ['aaaa', 'aaab', 'abcd', 'dddd'];
      const id = await repository([
        file('src/a.ts', [chunk(1, { x: 1 }, { content: contents[0] })]),
        file('src/b.py', [chunk(1, { x: 1 }, { content: contents[1] })], 'python'),
        file('lib/c.ts', [chunk(1, { x: 1 }, { content: contents[2] })]),
        file('lib/d.go', [chunk(1, { x: 1 }, { content: contents[3] })], 'go'),
      ]);
      const other = await repository([file('src/a.ts', [chunk(1, { x: 1 }, { content: 'aaaa' })])]);
      await embedAll(id);
      await embedAll(other);
      const query = unit([1, 0.1, 0, 0]);
      const expected = contents
        .map((c, i) => ({
          path: ['src/a.ts', 'src/b.py', 'lib/c.ts', 'lib/d.go'][i]!,
          score: cosine(query, vectorOf(c)),
        }))
        .sort((a, b) => b.score - a.score);
      const hits = await search([id], query);
      expect(hits.map((h) => h.path)).toEqual(expected.map((e) => e.path));
      hits.forEach((h, i) => expect(h.score).toBeCloseTo(expected[i]!.score, 5));
      expect(hits[0]).toMatchObject({
        repositoryId: id,
        startLine: 1,
        endLine: 2,
        kind: 'function',
        symbol: null,
      });
      expect((await search([id], query, { limit: 2 })).map((h) => h.path)).toEqual(
        expected.slice(0, 2).map((e) => e.path),
      );
      expect((await search([id], query, { languages: ['python', 'go'] })).map((h) => h.path)).toEqual(
        expected.filter((e) => /\.(py|go)$/.test(e.path)).map((e) => e.path),
      );
      expect((await search([id], query, { pathRegex: '^lib/' })).map((h) => h.path)).toEqual(
        expected.filter((e) => e.path.startsWith('lib/')).map((e) => e.path),
      );
      expect((await search([id, other], query)).filter((h) => h.repositoryId === other)).toHaveLength(1);
      expect(
        await store.vectorSearch({ repositoryIds: [id], model: OTHER, vector: query, limit: 10 }),
      ).toEqual([]);
    });

    it('gives the exact similarity of named chunks, only for vectors of the model asked for', async () => {
      const id = await repository([
        file('a.ts', [
          chunk(1, { x: 1 }, { content: 'aaaa' }),
          chunk(3, { x: 1 }, { content: 'abcd' }),
          chunk(5, { x: 1 }, { content: 'dddd' }),
        ]),
      ]);
      const elsewhere = await repository([file('b.ts', [chunk(1, { x: 1 }, { content: 'aaab' })])], OTHER, 4);
      await embedAll(id);
      await embedAll(elsewhere, OTHER);
      const [a, b, c] = await store.getFileChunks(id, 'a.ts');
      const [d] = await store.getFileChunks(elsewhere, 'b.ts');
      // The last chunk has no vector: it was written after embedding.
      await store.writeFiles(id, [
        file('a.ts', [
          chunk(1, { x: 1 }, { content: 'aaaa' }),
          chunk(3, { x: 1 }, { content: 'abcd' }),
          chunk(5, { x: 1 }, { content: 'dddd' }),
        ]),
      ]);
      const [fresh] = await store.getFileChunks(id, 'a.ts');
      const query = unit([1, 0.2, 0.1, 0]);
      const scores = await store.vectorSimilarities({
        model: MODEL,
        vector: query,
        chunkIds: [a!.chunkId, b!.chunkId, c!.chunkId, d!.chunkId, fresh!.chunkId],
      });
      // Rewriting the file replaced its chunks; the replaced ones and the other model's are absent.
      expect([...scores.keys()]).toEqual([]);
      await embedAll(id);
      const now = await store.getFileChunks(id, 'a.ts');
      const again = await store.vectorSimilarities({
        model: MODEL,
        vector: query,
        chunkIds: [...now.map((x) => x.chunkId), d!.chunkId],
      });
      expect(again.size).toBe(3);
      now.forEach((x) => expect(again.get(x.chunkId)).toBeCloseTo(cosine(query, vectorOf(x.content)), 5));
      expect(await store.vectorSimilarities({ model: MODEL, vector: query, chunkIds: [] })).toEqual(
        new Map(),
      );
    });

    it('never returns replaced or deleted chunks, and removing a repository forgets its vectors and cached embeddings', async () => {
      const [aaaa, bbbb, cccc] = ['aaaa', 'bbbb', 'cccc'].map((x) => `${x} ${unique('dead')}`) as [
        string,
        string,
        string,
      ];
      const id = await repository([
        file('a.ts', [chunk(1, { x: 1 }, { content: aaaa })]),
        file('b.ts', [chunk(1, { x: 1 }, { content: bbbb })]),
      ]);
      await embedAll(id);
      await store.writeFiles(id, [file('a.ts', [chunk(1, { x: 1 }, { content: cccc })])]);
      await store.deleteFiles(id, ['b.ts']);
      // The replacement has no vector yet; the old chunk's vector is gone with it.
      expect(await search([id], vectorOf(aaaa))).toEqual([]);
      expect(await store.countChunksWithoutEmbedding(id, MODEL)).toBe(1);
      await embedAll(id);
      expect((await search([id], vectorOf(aaaa))).map((h) => [h.path, h.startLine])).toEqual([['a.ts', 1]]);
      await store.markRepositoryIndexed(id, new Date());
      expect(await search([id], vectorOf(cccc))).toHaveLength(1);

      const lonely = `zzzz ${unique('gone')}`;
      const gone = await repository([file('z.ts', [chunk(1, { x: 1 }, { content: lonely })])]);
      await embedAll(gone);
      await store.removeRepository(gone);
      expect(await search([gone], vectorOf(lonely))).toEqual([]);
      const again = await repository([file('z.ts', [chunk(1, { x: 1 }, { content: lonely })])]);
      expect((await store.chunksWithoutEmbedding(again, MODEL, 10)).map((c) => c.content)).toEqual([lonely]);
    });

    it('rejects vectors and queries whose dimensions do not match the repository clearly', async () => {
      const id = await repository([
        file('a.ts', [chunk(1, { x: 1 }, { content: `aaaa ${unique('dims')}` })]),
      ]);
      const [todo] = await store.chunksWithoutEmbedding(id, MODEL, 1);
      const wrong = store.writeEmbeddings(id, MODEL, [
        { chunkId: todo!.chunkId, hash: todo!.hash, vector: unit([1, 2, 3]) },
      ]);
      await expect(wrong).rejects.toBeInstanceOf(StoreError);
      await expect(wrong).rejects.toMatchObject({
        code: 'INVALID_ARGUMENT',
        message: expect.stringMatching(/4-dimensional.*got 3/),
      });
      await embedAll(id);
      await expect(search([id], unit([1, 2, 3]))).rejects.toMatchObject({
        code: 'INVALID_ARGUMENT',
        message: expect.stringMatching(/dimension mismatch/i),
      });
      const nan = Float32Array.from([1, Number.NaN, 0, 0]);
      await expect(search([id], nan)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
      await expect(store.setRepositoryEmbedding(id, MODEL, 0)).rejects.toMatchObject({
        code: 'INVALID_ARGUMENT',
      });
    });

    it('lists a chunk that one round left without a vector again before reporting nothing left', async () => {
      const contents = ['one', 'two', 'three', 'four', 'five'].map((x) => `${x} ${unique('skip')}`);
      const id = await repository([
        file(
          'a.ts',
          contents.map((content, i) => chunk(i * 2 + 1, { x: 1 }, { content })),
        ),
      ]);
      const first = await store.chunksWithoutEmbedding(id, MODEL, 2);
      // Only the second chunk gets a vector (say the provider dropped the first).
      await store.writeEmbeddings(id, MODEL, [
        { chunkId: first[1]!.chunkId, hash: first[1]!.hash, vector: vectorOf(first[1]!.content) },
      ]);
      const seen = new Set<string>();
      for (;;) {
        const todo = await store.chunksWithoutEmbedding(id, MODEL, 2);
        if (todo.length === 0) break;
        for (const c of todo) seen.add(c.content);
        await store.writeEmbeddings(
          id,
          MODEL,
          todo.map((c) => ({ chunkId: c.chunkId, hash: c.hash, vector: vectorOf(c.content) })),
        );
      }
      expect([...seen].sort()).toEqual([contents[0], ...contents.slice(2)].sort());
      expect(await store.countChunksWithoutEmbedding(id, MODEL)).toBe(0);
    });

    it('learns the dimensions from the first vectors when the model did not say', async () => {
      const id = await repository(
        [file('a.ts', [chunk(1, { x: 1 }, { content: `aaaa ${unique('learn')}` })])],
        MODEL,
        null,
      );
      expect(await embedAll(id, MODEL, 6)).toBe(1);
      expect(await store.getRepository(id)).toMatchObject({ embeddingModel: MODEL, embeddingDimensions: 6 });
      expect(
        await store.vectorSearch({
          repositoryIds: [id],
          model: MODEL,
          vector: vectorOf('aaaa', 6),
          limit: 5,
        }),
      ).toHaveLength(1);
    });

    it('searches through the HNSW index once built for a corpus that outgrew exact search, with filters and exact fallback', async () => {
      (store as SqlStore).configureVectors({ exactBelow: 50 });
      try {
        const dims = 12;
        const files = Array.from({ length: 120 }, (_, i) =>
          file(
            `${i % 2 === 0 ? 'even' : 'odd'}/f${i}.ts`,
            [chunk(1, { x: 1 }, { content: `chunk ${i} ${'xyz'.repeat(i % 7)}${i}` })],
            i % 10 === 0 ? 'python' : 'typescript',
          ),
        );
        const id = await repository(files, MODEL, dims);
        await embedAll(id, MODEL, dims);
        expect(await store.buildVectorIndex(id)).toBe(true);
        const target = `chunk 42 ${'xyz'.repeat(0)}42`;
        const hits = await store.vectorSearch({
          repositoryIds: [id],
          model: MODEL,
          vector: vectorOf(target, dims),
          limit: 5,
        });
        expect(hits).toHaveLength(5);
        expect(hits[0]!.score).toBeCloseTo(1, 4);
        for (let i = 1; i < hits.length; i++)
          expect(hits[i]!.score).toBeLessThanOrEqual(hits[i - 1]!.score + 1e-6);
        // 12 python chunks (every tenth): a selective filter still fills the limit.
        const python = await store.vectorSearch({
          repositoryIds: [id],
          model: MODEL,
          vector: vectorOf(target, dims),
          limit: 10,
          languages: ['python'],
        });
        expect(python).toHaveLength(10);
        expect(python.every((h) => h.language === 'python')).toBe(true);
        const odd = await store.vectorSearch({
          repositoryIds: [id],
          model: MODEL,
          vector: vectorOf(target, dims),
          limit: 100,
          pathRegex: '^odd/',
        });
        expect(odd).toHaveLength(60);
      } finally {
        (store as SqlStore).configureVectors({ exactBelow: 10_000 });
      }
    });
  });
}

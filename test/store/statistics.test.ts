/**
 * Planner statistics after an indexing run (`markRepositoryIndexed`): refreshed when the
 * repository's files, chunks or vectors changed since the last refresh, left alone by a run that
 * changed nothing (it cost ~1 s per run at 10,000 files), and never collected for columns no query
 * filters on (postings arrays, chunk text).
 */
import { describe, expect, it } from 'vitest';
import { selectedBackends, suitePair } from './backends.js';
import { chunk, file, vectorOf, unique } from './fixtures.js';

for (const backend of selectedBackends()) {
  describe(`planner statistics: ${backend.name}`, () => {
    const pair = suitePair(backend);

    /** How many times `files` was analyzed by hand (autovacuum's analyses count apart). */
    async function analyses(): Promise<number> {
      const result = await pair.db.query<{ n: unknown }>(
        `SELECT analyze_count AS n FROM pg_stat_user_tables WHERE relname = 'files'`,
      );
      return Number(result.rows[0]!.n);
    }

    async function newRepository(): Promise<number> {
      const project = await pair.store.getOrCreateProject(unique('project'));
      return (await pair.store.getOrCreateRepository(project.id, '/repo')).id;
    }

    const mark = (repositoryId: number) => pair.store.markRepositoryIndexed(repositoryId, new Date());

    it('refreshes after writes, deletions and new vectors, and not after a run that changed nothing', async () => {
      const id = await newRepository();
      await pair.store.writeFiles(id, [
        file('a.ts', [chunk(1, { alpha: 1 })]),
        file('b.ts', [chunk(1, { beta: 2 })]),
      ]);
      let before = await analyses();
      await mark(id);
      expect(await analyses()).toBe(before + 1);

      before = await analyses();
      await mark(id);
      await mark(id);
      expect(await analyses()).toBe(before);

      await pair.store.deleteFiles(id, ['b.ts']);
      before = await analyses();
      await mark(id);
      expect(await analyses()).toBe(before + 1);

      await pair.store.setRepositoryEmbedding(id, 'test-model', 4);
      const [todo] = await pair.store.chunksWithoutEmbedding(id, 'test-model', 10);
      await pair.store.writeEmbeddings(id, 'test-model', [
        { chunkId: todo!.chunkId, hash: todo!.hash, vector: vectorOf(todo!.content) },
      ]);
      before = await analyses();
      await mark(id);
      expect(await analyses()).toBe(before + 1);
      await mark(id);
      expect(await analyses()).toBe(before + 1);
    });

    it('keeps statistics for filtered and joined columns, none for postings arrays and chunk text', async () => {
      const id = await newRepository();
      await pair.store.writeFiles(
        id,
        Array.from({ length: 20 }, (_, i) => file(`f${i}.ts`, [chunk(1, { [`t${i}`]: 1, common: 2 })])),
      );
      await mark(id);
      const result = await pair.db.query<{ name: string }>(
        `SELECT tablename || '.' || attname AS name FROM pg_stats
         WHERE tablename IN ('postings', 'chunks') ORDER BY 1`,
      );
      const columns = result.rows.map((row) => row.name);
      expect(columns).toEqual(
        expect.arrayContaining(['postings.term', 'chunks.file_id', 'chunks.content_hash']),
      );
      for (const unused of ['postings.chunk_ids', 'postings.tfs', 'postings.dls', 'postings.file_ids']) {
        expect(columns).not.toContain(unused);
      }
      expect(columns).not.toContain('chunks.content');
    });
  });
}

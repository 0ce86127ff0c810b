/**
 * One contract, every store backend: PGlite always, PostgreSQL when CODEBASE_MCP_TEST_POSTGRES_URL
 * is set (see backends.ts). Tests share one migrated store per backend and isolate themselves by
 * creating their own projects.
 */
import { describe, expect, it } from 'vitest';
import { StoreError } from '../../src/core/index.js';
import type { LexicalQuery } from '../../src/store/index.js';
import { open, selectedBackends, suiteStore } from './backends.js';
import { bm25Term, chunk, file, unique } from './fixtures.js';

const K1 = 1.2;
const B = 0.75;

for (const backend of selectedBackends()) {
  describe(`store contract: ${backend.name}`, () => {
    const store = suiteStore(backend);

    async function newRepository(root = '/repo'): Promise<{ projectId: number; repositoryId: number }> {
      const project = await store.getOrCreateProject(unique('project'));
      const repository = await store.getOrCreateRepository(project.id, root);
      return { projectId: project.id, repositoryId: repository.id };
    }

    const search = (repositoryIds: number[], terms: string[], extra: Partial<LexicalQuery> = {}) =>
      store.lexicalSearch({
        repositoryIds,
        terms: terms.map((term) => ({ term, weight: 1 })),
        limit: 10,
        k1: K1,
        b: B,
        ...extra,
      });

    it('reports the schema as current after opening, and migrating again applies nothing', async () => {
      const status = await store.migrationStatus();
      expect(status.current).toBe(status.latest);
      expect(status.latest).toBeGreaterThanOrEqual(1);
      const again = await store.migrate();
      expect(again.applied).toEqual([]);
      expect(again.current).toBe(status.latest);
      await store.ping();
    });

    it('applies migrations once when two stores migrate the same new database at once, and keeps data across reopen', async () => {
      const url = await backend.fresh();
      const first = await open(url, { migrate: false });
      const second = backend.name === 'postgres' ? await open(url, { migrate: false }) : first;
      try {
        expect(await first.migrationStatus()).toMatchObject({ current: 0 });
        const [a, b] = await Promise.all([first.migrate(), second.migrate()]);
        expect([...a.applied, ...b.applied]).toHaveLength((await first.migrationStatus()).latest);
        const project = await first.getOrCreateProject('persisted');
        const repo = await first.getOrCreateRepository(project.id, '/persisted');
        await first.writeFiles(repo.id, [file('kept.ts', [chunk(1, { durable: 1 })])]);
      } finally {
        if (second !== first) await second.close();
        await first.close();
      }
      const reopened = await open(url);
      try {
        const project = await reopened.getProject('persisted');
        const repo = await reopened.findRepository(project!.id, '/persisted');
        const hits = await reopened.lexicalSearch({
          repositoryIds: [repo!.id],
          terms: [{ term: 'durable', weight: 1 }],
          limit: 5,
          k1: K1,
          b: B,
        });
        expect(hits.map((h) => h.path)).toEqual(['kept.ts']);
      } finally {
        await reopened.close();
      }
    });

    it('scores BM25 exactly as the formula does on a three-chunk corpus', async () => {
      const { repositoryId } = await newRepository();
      await store.writeFiles(repositoryId, [
        file('a.ts', [chunk(1, { apple: 2, banana: 1 })]),
        file('b.ts', [chunk(1, { apple: 1, cherry: 1 })]),
        file('c.ts', [chunk(1, { banana: 1, cherry: 3 })]),
      ]);
      const stats = { n: 3, avgdl: (3 + 2 + 4) / 3, k1: K1, b: B };
      const expected = {
        'a.ts': bm25Term(2, 3, { ...stats, df: 2 }) + bm25Term(1, 3, { ...stats, df: 2 }),
        'b.ts': bm25Term(1, 2, { ...stats, df: 2 }),
        'c.ts': bm25Term(1, 4, { ...stats, df: 2 }),
      };
      const hits = await search([repositoryId], ['apple', 'banana']);
      expect(hits.map((h) => h.path)).toEqual(['a.ts', 'b.ts', 'c.ts']);
      for (const hit of hits) expect(hit.score).toBeCloseTo(expected[hit.path as keyof typeof expected], 6);
      // Query term weights multiply a term's contribution.
      const weighted = await store.lexicalSearch({
        repositoryIds: [repositoryId],
        terms: [{ term: 'cherry', weight: 2.5 }],
        limit: 10,
        k1: K1,
        b: B,
      });
      expect(weighted.find((h) => h.path === 'c.ts')!.score).toBeCloseTo(
        bm25Term(3, 4, { ...stats, df: 2, weight: 2.5 }),
        6,
      );
    });

    it('ranks rarer and more frequent matches higher, returns metadata without content, and honours limit', async () => {
      const { repositoryId } = await newRepository();
      await store.writeFiles(repositoryId, [
        file('src/router.ts', [
          chunk(10, { router: 3, handle: 1 }, { symbol: 'Router.handle', endLine: 20 }),
          chunk(30, { router: 1, common: 1 }),
        ]),
        ...Array.from({ length: 5 }, (_, i) =>
          file(`src/other${i}.ts`, [chunk(1, { common: 1, filler: 4 })]),
        ),
      ]);
      const hits = await search([repositoryId], ['router', 'common']);
      expect(hits[0]).toMatchObject({
        path: 'src/router.ts',
        startLine: 10,
        endLine: 20,
        kind: 'function',
        symbol: 'Router.handle',
        language: 'typescript',
        repositoryId,
      });
      expect(hits[1]).toMatchObject({ path: 'src/router.ts', startLine: 30 });
      expect(hits).toHaveLength(7);
      expect(hits[0]).not.toHaveProperty('content');
      for (let i = 1; i < hits.length; i++) expect(hits[i - 1]!.score).toBeGreaterThanOrEqual(hits[i]!.score);
      expect(await search([repositoryId], ['router', 'common'], { limit: 2 })).toHaveLength(2);
      expect(await search([repositoryId], ['absent'])).toEqual([]);
    });

    it('filters by language and by path regular expression', async () => {
      const { repositoryId } = await newRepository();
      await store.writeFiles(repositoryId, [
        file('src/a.ts', [chunk(1, { token: 1 })], 'typescript'),
        file('src/b.py', [chunk(1, { token: 1 })], 'python'),
        file('docs/c.md', [chunk(1, { token: 1 })], 'markdown'),
      ]);
      const paths = async (extra: Partial<LexicalQuery>) =>
        (await search([repositoryId], ['token'], extra)).map((h) => h.path).sort();
      expect(await paths({ languages: ['python', 'markdown'] })).toEqual(['docs/c.md', 'src/b.py']);
      expect(await paths({ pathRegex: '^src/' })).toEqual(['src/a.ts', 'src/b.py']);
      expect(await paths({ pathRegex: '^src/', languages: ['typescript'] })).toEqual(['src/a.ts']);
      await expect(search([repositoryId], ['token'], { pathRegex: '(' })).rejects.toMatchObject({
        code: 'INVALID_ARGUMENT',
      });
    });

    it('replaces a file atomically: new chunks replace old ones, and a failed batch leaves the old version', async () => {
      const { repositoryId } = await newRepository();
      await store.writeFiles(repositoryId, [
        file('f.ts', [chunk(1, { oldterm: 1 }), chunk(5, { oldterm: 2 })]),
      ]);
      await store.writeFiles(repositoryId, [file('f.ts', [chunk(3, { newterm: 1 })])]);
      expect((await store.getFileChunks(repositoryId, 'f.ts')).map((c) => c.startLine)).toEqual([3]);
      expect(await search([repositoryId], ['oldterm'])).toEqual([]);
      expect(await store.getRepository(repositoryId)).toMatchObject({
        chunkCount: 1,
        tokenTotal: 1,
        fileCount: 1,
      });

      const broken = file('f.ts', [chunk(Number.NaN, { brokenterm: 1 })]);
      await expect(
        store.writeFiles(repositoryId, [file('g.ts', [chunk(1, { gterm: 1 })]), broken]),
      ).rejects.toBeInstanceOf(StoreError);
      expect((await store.getFileChunks(repositoryId, 'f.ts')).map((c) => c.startLine)).toEqual([3]);
      expect(await store.getFileChunks(repositoryId, 'g.ts')).toEqual([]);
      expect(await store.getRepository(repositoryId)).toMatchObject({
        chunkCount: 1,
        tokenTotal: 1,
        fileCount: 1,
      });
    });

    it('gives the same results and scores before and after compacting replaced and deleted chunks', async () => {
      const { repositoryId } = await newRepository();
      const batch = Array.from({ length: 10 }, (_, i) =>
        file(`f${i}.ts`, [
          chunk(1, { shared: 1 + (i % 3), [`own${i}`]: 1 }),
          chunk(9, { shared: 1, tail: 2 }),
        ]),
      );
      await store.writeFiles(repositoryId, batch);
      await store.writeFiles(repositoryId, [file('f1.ts', [chunk(1, { shared: 4, fresh: 1 })])]);
      await store.deleteFiles(repositoryId, ['f2.ts', 'f3.ts', 'f4.ts']);
      const before = await search([repositoryId], ['shared', 'tail', 'fresh', 'own2']);
      expect(before.some((h) => ['f2.ts', 'f3.ts', 'f4.ts'].includes(h.path))).toBe(false);
      await store.markRepositoryIndexed(repositoryId, new Date());
      const after = await search([repositoryId], ['shared', 'tail', 'fresh', 'own2']);
      expect(after.map((h) => [h.chunkId, h.score.toFixed(9)])).toEqual(
        before.map((h) => [h.chunkId, h.score.toFixed(9)]),
      );
      expect(await store.getRepository(repositoryId)).toMatchObject({ fileCount: 7, chunkCount: 13 });
      // Writes after compaction keep working on the rewritten segments.
      await store.deleteFiles(repositoryId, ['f5.ts']);
      await store.markRepositoryIndexed(repositoryId, new Date());
      expect((await search([repositoryId], ['own5', 'own6'])).map((h) => h.path)).toEqual(['f6.ts']);
    });

    it('records the content version of a repository, which the end of a run leaves alone', async () => {
      const { repositoryId } = await newRepository();
      expect((await store.getRepository(repositoryId))?.contentVersion).toBeNull();
      await store.setContentVersion(repositoryId, 7);
      expect((await store.getRepository(repositoryId))?.contentVersion).toBe(7);
      await store.markRepositoryIndexed(repositoryId, new Date());
      expect((await store.getRepository(repositoryId))?.contentVersion).toBe(7);
      const listed = await store.listRepositories();
      expect(listed.find((r) => r.id === repositoryId)?.contentVersion).toBe(7);
    });

    it('maintains chunk, token and file counts through writes, rewrites and deletes', async () => {
      const { repositoryId } = await newRepository();
      await store.writeFiles(repositoryId, [
        file('a.ts', [chunk(1, { x: 2, y: 1 }), chunk(4, { x: 1 })]),
        file('b.ts', [chunk(1, { y: 5 })]),
      ]);
      expect(await store.getRepository(repositoryId)).toMatchObject({
        chunkCount: 3,
        tokenTotal: 9,
        fileCount: 2,
      });
      await store.writeFiles(repositoryId, [file('a.ts', [chunk(1, { x: 1 })])]);
      expect(await store.getRepository(repositoryId)).toMatchObject({
        chunkCount: 2,
        tokenTotal: 6,
        fileCount: 2,
      });
      await store.deleteFiles(repositoryId, ['b.ts', 'never-existed.ts']);
      expect(await store.getRepository(repositoryId)).toMatchObject({
        chunkCount: 1,
        tokenTotal: 1,
        fileCount: 1,
      });
      expect((await store.listFiles(repositoryId)).map((f) => f.path)).toEqual(['a.ts']);
      expect(await search([repositoryId], ['y'])).toEqual([]);
    });

    it('lists files with their metadata and touches size and mtime without reindexing', async () => {
      const { repositoryId } = await newRepository();
      await store.writeFiles(repositoryId, [
        { ...file('m.rs', [chunk(1, { m: 1 })], 'rust'), size: 123, changedMs: 5.5 },
      ]);
      expect(await store.listFiles(repositoryId)).toEqual([
        expect.objectContaining({ path: 'm.rs', size: 123, changedMs: 5.5, language: 'rust' }),
      ]);
      await store.touchFiles(repositoryId, [{ path: 'm.rs', size: 456, changedMs: 7.25 }]);
      expect(await store.listFiles(repositoryId)).toEqual([
        expect.objectContaining({ size: 456, changedMs: 7.25 }),
      ]);
      expect(await store.getFileChunks(repositoryId, 'm.rs')).toHaveLength(1);
    });

    it('lists only the files whose path matches a POSIX regular expression, options included', async () => {
      const { repositoryId } = await newRepository();
      await store.writeFiles(
        repositoryId,
        ['src/Index.ts', 'src/deep/a/index.ts', 'lib/util.ts', 'main.go'].map((p) =>
          file(p, [chunk(1, { x: 1 })]),
        ),
      );
      const paths = async (regex: string) => (await store.listFiles(repositoryId, regex)).map((f) => f.path);
      expect(await paths('^(src/)?[^/]+\\.ts$')).toEqual(['src/Index.ts']);
      expect(await paths('(?i)^(src/)?([^/]+/)?(index|main)\\.[^/]+$')).toEqual(['main.go', 'src/Index.ts']);
    });

    it('writes a batch of new and rewritten files with their metadata, each file keeping one row', async () => {
      const { repositoryId } = await newRepository();
      const mtime = 1_700_000_000_123.456; // a real mtime in ms, fractional: must come back exactly
      await store.writeFiles(repositoryId, [
        { ...file('keep.ts', [chunk(1, { alpha: 1 })]), size: 10, changedMs: mtime },
        { ...file('change.ts', [chunk(1, { beta: 1 })]), size: 20, changedMs: mtime },
      ]);
      await store.writeFiles(repositoryId, [
        { ...file('change.py', [chunk(1, { gamma: 1 })], 'python'), size: 30, changedMs: mtime + 1 },
        { ...file('change.ts', [chunk(1, { delta: 1 })]), size: 21, changedMs: mtime + 2.5 },
        { ...file('new.ts', [chunk(1, { epsilon: 1 })]), size: 40, changedMs: mtime + 3 },
      ]);
      const files = new Map((await store.listFiles(repositoryId)).map((f) => [f.path, f]));
      expect([...files.keys()].sort()).toEqual(['change.py', 'change.ts', 'keep.ts', 'new.ts']);
      expect(files.get('keep.ts')).toMatchObject({ size: 10, changedMs: mtime, language: 'typescript' });
      expect(files.get('change.ts')).toMatchObject({
        size: 21,
        changedMs: mtime + 2.5,
        language: 'typescript',
      });
      expect(files.get('change.py')).toMatchObject({ size: 30, changedMs: mtime + 1, language: 'python' });
      expect(files.get('new.ts')).toMatchObject({ size: 40, changedMs: mtime + 3 });
      expect(files.get('change.ts')!.hash).toBe(file('change.ts', [chunk(1, { delta: 1 })]).hash);
      expect(await store.getRepository(repositoryId)).toMatchObject({ fileCount: 4, chunkCount: 4 });
      expect((await search([repositoryId], ['beta'])).map((h) => h.path)).toEqual([]);
      expect((await search([repositoryId], ['delta'])).map((h) => h.path)).toEqual(['change.ts']);
      expect((await search([repositoryId], ['epsilon'])).map((h) => h.path)).toEqual(['new.ts']);
      // Ids stay unique across batches: a third batch's new file gets its own row and chunks.
      await store.writeFiles(repositoryId, [file('third.ts', [chunk(1, { zeta: 1 })])]);
      expect((await search([repositoryId], ['zeta', 'epsilon'])).map((h) => h.path).sort()).toEqual([
        'new.ts',
        'third.ts',
      ]);
    });

    it('keeps projects isolated: the same repository path in two projects never shares results', async () => {
      const one = await store.getOrCreateProject(unique('one'));
      const two = await store.getOrCreateProject(unique('two'));
      const repoOne = await store.getOrCreateRepository(one.id, '/shared/path');
      const repoTwo = await store.getOrCreateRepository(two.id, '/shared/path');
      expect(repoOne.id).not.toBe(repoTwo.id);
      await store.writeFiles(repoOne.id, [file('same.ts', [chunk(1, { isolated: 1, onlyone: 1 })])]);
      await store.writeFiles(repoTwo.id, [file('same.ts', [chunk(1, { isolated: 1, onlytwo: 1 })])]);

      const inOne = await search([repoOne.id], ['isolated', 'onlytwo']);
      expect(inOne.map((h) => h.repositoryId)).toEqual([repoOne.id]);
      expect(await search([repoOne.id], ['onlytwo'])).toEqual([]);
      expect((await store.listRepositories(one.id)).map((r) => r.id)).toEqual([repoOne.id]);

      await store.removeRepository(repoOne.id);
      expect(await store.getRepository(repoOne.id)).toBeNull();
      const inTwo = await search([repoTwo.id], ['isolated']);
      expect(inTwo.map((h) => h.repositoryId)).toEqual([repoTwo.id]);
      expect(await store.getFileChunks(repoTwo.id, 'same.ts')).toHaveLength(1);
      expect(await store.getRepository(repoTwo.id)).toMatchObject({ chunkCount: 1, fileCount: 1 });
    });

    it('returns stored chunks with content in the order asked, and file chunks in line order', async () => {
      const { repositoryId } = await newRepository();
      await store.writeFiles(repositoryId, [
        file('order.ts', [chunk(40, { c: 1 }), chunk(1, { a: 1 }), chunk(20, { b: 1 })]),
      ]);
      const inFile = await store.getFileChunks(repositoryId, 'order.ts');
      expect(inFile.map((c) => c.startLine)).toEqual([1, 20, 40]);
      expect(inFile[0]).toMatchObject({ path: 'order.ts', content: 'a', language: 'typescript' });
      expect(inFile[0]!.hash).toMatch(/^[0-9a-f]{64}$/);
      const ids = [inFile[2]!.chunkId, inFile[0]!.chunkId];
      expect((await store.getChunks(ids)).map((c) => c.chunkId)).toEqual(ids);
      expect(await store.getChunks([])).toEqual([]);
      expect(await store.getFileChunks(repositoryId, 'missing.ts')).toEqual([]);
    });

    it('round-trips unicode, quotes, backslashes and large content exactly', async () => {
      const { repositoryId } = await newRepository();
      const tricky = 'const s = "naïve \\"quoted\\" \\\\ {braces}, NULL" // 日本語 🎉\n\ttab\r\nend';
      const large = 'x'.repeat(2_000_000) + '\nlast line ✓';
      await store.writeFiles(repositoryId, [
        file('ünï/🎉.ts', [chunk(1, { naive: 1 }, { content: tricky, symbol: 'Ärger.🎉' })]),
        file('big.txt', [chunk(1, { big: 1 }, { content: large })], 'text'),
      ]);
      const [hit] = await search([repositoryId], ['naive']);
      expect(hit).toMatchObject({ path: 'ünï/🎉.ts', symbol: 'Ärger.🎉' });
      expect((await store.getChunks([hit!.chunkId]))[0]!.content).toBe(tricky);
      expect((await store.getFileChunks(repositoryId, 'big.txt'))[0]!.content).toBe(large);
    });

    it('runs a job through its lifecycle: pending, running with progress, cancel request, finished', async () => {
      const { projectId, repositoryId } = await newRepository();
      expect(await store.findActiveJob(repositoryId)).toBeNull();
      const job = await store.createJob(repositoryId, { force: true });
      expect(job).toMatchObject({
        repositoryId,
        projectId,
        status: 'pending',
        phase: 'queued',
        force: true,
        owner: null,
      });
      expect(job.id).toMatch(/^[0-9a-f-]{36}$/);
      expect((await store.findActiveJob(repositoryId))?.id).toBe(job.id);

      const startedAt = new Date('2026-01-02T03:04:05.000Z');
      await store.updateJob(job.id, {
        status: 'running',
        phase: 'indexing',
        filesTotal: 10,
        filesDone: 4,
        chunks: 17,
        startedAt,
        skipped: [{ path: 'big.bin', reason: 'binary' }],
        failed: [{ path: 'bad.ts', reason: 'parse error' }],
        stats: { embedded: 3 },
      });
      await store.requestJobCancel(job.id);
      const running = await store.getJob(job.id);
      expect(running).toMatchObject({
        status: 'running',
        phase: 'indexing',
        filesTotal: 10,
        filesDone: 4,
        chunks: 17,
        skipped: [{ path: 'big.bin', reason: 'binary' }],
        failed: [{ path: 'bad.ts', reason: 'parse error' }],
        stats: { embedded: 3 },
        cancelRequested: true,
        error: null,
      });
      expect(running!.startedAt!.toISOString()).toBe(startedAt.toISOString());
      expect(running!.updatedAt.getTime()).toBeGreaterThanOrEqual(job.updatedAt.getTime());

      await store.updateJob(job.id, {
        status: 'cancelled',
        phase: 'done',
        finishedAt: new Date(),
        error: 'cancelled',
      });
      expect(await store.findActiveJob(repositoryId)).toBeNull();
      const second = await store.createJob(repositoryId, { force: false });
      expect((await store.latestJob(repositoryId))?.id).toBe(second.id);
      const summary = (await store.listRepositories(projectId))[0];
      expect(summary).toMatchObject({ id: repositoryId, lastJobStatus: 'pending' });
      expect(await store.getJob('00000000-0000-0000-0000-000000000000')).toBeNull();
      await expect(store.createJob(987654, { force: false })).rejects.toMatchObject({
        code: 'REPOSITORY_NOT_FOUND',
      });
    });

    it('claims pending jobs oldest first, each exactly once, and marks running jobs interrupted', async () => {
      const { repositoryId } = await newRepository();
      // Drain jobs other tests left pending, so "oldest" means ours.
      while ((await store.claimNextJob('drain')) !== null);
      const older = await store.createJob(repositoryId, { force: false });
      const newer = await store.createJob(repositoryId, { force: false });
      expect((await store.claimNextJob('first'))?.id).toBe(older.id);
      expect((await store.claimNextJob('second'))?.id).toBe(newer.id);

      const jobs = [older, newer];
      for (let i = 0; i < 6; i++) jobs.push(await store.createJob(repositoryId, { force: false }));
      const claimed: string[] = [];
      for (;;) {
        const batch = await Promise.all([1, 2, 3].map((n) => store.claimNextJob(`owner-${n}`)));
        const got = batch.filter((j) => j !== null);
        for (const job of got) {
          expect(job.status).toBe('running');
          expect(job.startedAt).not.toBeNull();
          claimed.push(job.id);
        }
        if (got.length < batch.length) break;
      }
      expect(claimed).toHaveLength(6);
      expect(new Set(claimed)).toEqual(new Set(jobs.slice(2).map((j) => j.id)));

      const owner = (await store.getJob(jobs[0]!.id))!.owner!;
      const interrupted = await store.markInterruptedJobs(owner);
      expect(interrupted).toBeGreaterThanOrEqual(1);
      const after = await store.getJob(jobs[0]!.id);
      expect(after).toMatchObject({ status: 'interrupted' });
      expect(after!.finishedAt).not.toBeNull();
      await store.markInterruptedJobs();
      for (const job of jobs) expect((await store.getJob(job.id))!.status).toBe('interrupted');
    });

    it('removes a repository with its files, chunks and jobs', async () => {
      const { projectId, repositoryId } = await newRepository('/to/remove');
      await store.writeFiles(repositoryId, [file('x.ts', [chunk(1, { removed: 1 })])]);
      const job = await store.createJob(repositoryId, { force: false });
      await store.removeRepository(repositoryId);
      expect(await store.findRepository(projectId, '/to/remove')).toBeNull();
      expect(await store.getJob(job.id)).toBeNull();
      expect(await store.getFileChunks(repositoryId, 'x.ts')).toEqual([]);
      expect(await search([repositoryId], ['removed'])).toEqual([]);
    });
  });
}

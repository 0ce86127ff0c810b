import { chmod, mkdir, readFile, rename, rm, stat, unlink, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CONTENT_VERSION } from '../../src/indexer/content-version.js';
import { indexRepository, jobWarning } from '../../src/indexer/index.js';
import { searchCode } from '../../src/search/index.js';
import { openStore, type Store } from '../../src/store/index.js';
import { makeRepo, SAMPLE_REPO, writeTree } from '../support/fixture-repo.js';

const MAX = 1024 * 1024;
/** Files of SAMPLE_REPO that get indexed (all but dist/ and *.log, which .gitignore excludes). */
const INDEXED = 7;
let store: Store;
let root: string;
let project: string;
let n = 0;

// One database per file (starting PGlite costs seconds); each test gets its own project.
beforeAll(async () => {
  store = await openStore({ url: 'memory://' });
});
afterAll(async () => {
  await store.close();
});
beforeEach(async () => {
  root = await makeRepo(SAMPLE_REPO);
  project = `p${++n}`;
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

const index = (extra: Partial<Parameters<typeof indexRepository>[1]> = {}) =>
  indexRepository(store, { root, project, maxFileBytes: MAX, ...extra });
const paths = async (query: string) =>
  (await searchCode(store, { query, project })).results.map((r) => r.path);

describe('indexRepository', () => {
  it('indexes source files and skips ignored build output and logs', async () => {
    const result = await index();
    expect(result.status).toBe('completed');
    expect(result.indexed).toBe(INDEXED);
    expect(result.repository.fileCount).toBe(INDEXED);
    expect(result.skipped.map((s) => s.path)).toEqual(
      expect.arrayContaining(['dist', 'debug.log'].map((p) => expect.stringContaining(p))),
    );
    expect((await paths('parseQueryString'))[0]).toBe('src/query.ts');
    expect((await paths('retry with exponential backoff'))[0]).toBe('lib/retry.py');
  });

  it('ranks a comment block that repeats the query below the code it describes', async () => {
    const notes = Array.from(
      { length: 12 },
      () => '// retry with exponential backoff: retry, backoff, retry',
    );
    await writeFile(join(root, 'src/notes.ts'), `${notes.join('\n')}\nimport { x } from './x';\n`);
    await index();
    const found = await paths('retry with exponential backoff');
    expect(found[0]).toBe('lib/retry.py');
    expect(found).toContain('src/notes.ts');
  });

  it('touches nothing on a no-change re-index', async () => {
    await index();
    const again = await index();
    expect(again).toMatchObject({ indexed: 0, unchanged: INDEXED, deleted: 0, status: 'completed' });
  });

  it('re-indexes an edited file and forgets its old content', async () => {
    await index();
    await writeFile(
      join(root, 'src/query.ts'),
      'export function splitCookieHeader(header: string) {\n  return header.split(";");\n}\n',
    );
    const again = await index();
    expect(again).toMatchObject({ indexed: 1, unchanged: INDEXED - 1 });
    expect(await paths('splitCookieHeader')).toEqual(['src/query.ts']);
    expect(await paths('decodeURIComponent')).not.toContain('src/query.ts');
  });

  it.each([
    ['restores its old mtime (cp -p, touch -r)', new Date('2024-01-02T03:04:05Z')],
    ['keeps an mtime in the future (a wrong clock)', new Date('2031-01-02T03:04:05Z')],
  ])('re-indexes an edit of the same size that %s', async (_, mtime) => {
    const file = join(root, 'src/query.ts');
    await utimes(file, mtime, mtime);
    await index();
    const text = await readFile(file, 'utf8');
    const edited = text.replace('parseQueryString', 'parseQueryStrinX');
    expect(edited).not.toBe(text);
    await writeFile(file, edited);
    await utimes(file, mtime, mtime);
    expect((await stat(file)).mtimeMs).toBe(mtime.getTime());
    const again = await index();
    expect(again).toMatchObject({ indexed: 1, unchanged: INDEXED - 1 });
    expect((await paths('parseQueryStrinX'))[0]).toBe('src/query.ts');
  });

  it('follows renames and deletions', async () => {
    await index();
    await rename(join(root, 'lib/retry.py'), join(root, 'lib/backoff.py'));
    await unlink(join(root, 'cmd/server/main.go'));
    const again = await index();
    expect(again).toMatchObject({ indexed: 1, deleted: 2 });
    const found = await paths('retry_with_backoff');
    expect(found).toContain('lib/backoff.py');
    expect(found).not.toContain('lib/retry.py');
    expect(await paths('ListenAndServe')).toEqual([]);
  });

  it('does not rewrite a file whose mtime or mode changed but content did not', async () => {
    await index();
    const future = new Date(Date.now() + 60_000);
    await utimes(join(root, 'src/router.ts'), future, future);
    await chmod(join(root, 'lib/retry.py'), 0o755);
    const again = await index();
    expect(again).toMatchObject({ indexed: 0, unchanged: INDEXED });
    // and the new change time was recorded, so the next run takes the fast path
    const files = await store.listFiles(again.repository.id);
    expect(files.find((f) => f.path === 'src/router.ts')!.changedMs).toBe(
      (await stat(join(root, 'src/router.ts'))).ctimeMs,
    );
  });

  it('rebuilds everything with force', async () => {
    await index();
    expect(await index({ force: true })).toMatchObject({ indexed: INDEXED, unchanged: 0 });
  });

  it('re-processes every file once when the index was built by another content version', async () => {
    const first = await index();
    expect(first.repository.contentVersion).toBe(CONTENT_VERSION);
    // what an index built by the previous release looks like
    await store.setContentVersion(first.repository.id, CONTENT_VERSION - 1);
    const upgraded = await index();
    expect(upgraded).toMatchObject({ indexed: INDEXED, unchanged: 0, deleted: 0, status: 'completed' });
    expect(upgraded.repository.contentVersion).toBe(CONTENT_VERSION);
    expect(upgraded.repository.chunkCount).toBe(first.repository.chunkCount); // replaced, not added
    expect(await index()).toMatchObject({ indexed: 0, unchanged: INDEXED });
  });

  it('stops at a file boundary when cancelled and the next run completes the index', async () => {
    const many: Record<string, string> = {};
    for (let i = 0; i < 300; i++) many[`gen/mod${i}.py`] = `def handler_${i}(x):\n    return x + ${i}\n`;
    await writeTree(root, many);
    const controller = new AbortController();
    const partial = await index({
      signal: controller.signal,
      workers: 1,
      batchFiles: 20,
      onProgress: (p) => {
        if (p.filesDone >= 50) controller.abort();
      },
    });
    expect(partial.status).toBe('cancelled');
    const job = await store.getJob(partial.jobId);
    expect(job!.status).toBe('cancelled');
    const done = await index({ workers: 1 });
    expect(done.status).toBe('completed');
    expect(done.repository.fileCount).toBe(300 + INDEXED);
    expect(done.indexed + done.unchanged).toBe(300 + INDEXED);
    expect((await paths('handler_299'))[0]).toBe('gen/mod299.py');
  });

  it('records the job with counters and skipped files', async () => {
    const result = await index();
    const job = await store.getJob(result.jobId);
    expect(job).toMatchObject({ status: 'completed', filesTotal: INDEXED, filesDone: INDEXED });
    expect(job!.skipped.length).toBeGreaterThan(0);
    expect(job!.finishedAt).toBeInstanceOf(Date);
    // in order: created, started, finished
    expect(job!.startedAt!.getTime()).toBeGreaterThanOrEqual(job!.createdAt.getTime());
    expect(job!.finishedAt!.getTime()).toBeGreaterThanOrEqual(job!.startedAt!.getTime());
  });

  it('removes every file when all of them were deleted, and search finds nothing there', async () => {
    const first = await index();
    await rm(root, { recursive: true, force: true });
    await mkdir(root);
    const emptied = await index();
    expect(emptied).toMatchObject({ status: 'completed', filesTotal: 0, indexed: 0, deleted: INDEXED });
    expect(emptied.warning).toMatch(/No files matched this time.*7 files indexed before were removed/);
    expect(emptied.repository).toMatchObject({ id: first.repository.id, fileCount: 0, chunkCount: 0 });
    expect(await paths('parseQueryString')).toEqual([]);
    // The repository stays listed, empty, and its job says why.
    const listed = (await store.listRepositories()).find((r) => r.id === first.repository.id);
    expect(listed).toMatchObject({ fileCount: 0, lastJobStatus: 'completed' });
    const job = await store.getJob(emptied.jobId);
    expect(job).toMatchObject({ status: 'completed', filesTotal: 0, stats: { deleted: INDEXED } });
    expect(jobWarning(job!)).toBe(emptied.warning);
    // Nothing left to remove: a further run is the empty-folder error again.
    await expect(index()).rejects.toMatchObject({ code: 'EMPTY_REPOSITORY' });
  });

  it('removes every file when the include globs now match none', async () => {
    await index();
    const emptied = await index({ include: ['nothing-here/**'] });
    expect(emptied).toMatchObject({ status: 'completed', deleted: INDEXED, filesTotal: 0 });
    expect(emptied.warning).toBeDefined();
    expect(await paths('retry with exponential backoff')).toEqual([]);
  });

  it('refuses a first index of a folder without source files', async () => {
    const empty = join(root, 'empty');
    await mkdir(empty);
    await writeFile(join(empty, 'yarn.lock'), '');
    await expect(index({ root: empty })).rejects.toMatchObject({
      code: 'EMPTY_REPOSITORY',
      message: expect.stringMatching(/No files to index in .*empty \(1 default-exclude\)/),
    });
    expect((await store.listRepositories()).map((r) => r.rootPath)).not.toContain(empty);
  });

  it('fails clearly on a missing path and on a file instead of a directory', async () => {
    await expect(index({ root: join(root, 'nope') })).rejects.toThrow(/does not exist|not found/i);
    await expect(index({ root: join(root, 'src/query.ts') })).rejects.toThrow(/not a directory/i);
  });
});

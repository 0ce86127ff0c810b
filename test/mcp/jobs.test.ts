import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { JobManager } from '../../src/mcp/index.js';
import { openStore, type Store } from '../../src/store/index.js';
import { makeLargeRepo, removeDir, startHarness, tempDir, type Harness } from '../support/mcp-harness.js';

// One database for the file (opening PGlite costs seconds); every test removes what it indexed.
let shared: Store;
beforeAll(async () => {
  shared = await openStore({ url: 'memory://' });
});
afterAll(async () => {
  await shared.close();
});

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanup.length > 0) await cleanup.pop()!();
});

async function setup(options: { files: number; repos?: number; maxConcurrentJobs?: number }) {
  const parent = await tempDir();
  const repos: string[] = [];
  for (let i = 0; i < (options.repos ?? 1); i++) repos.push(await makeLargeRepo(options.files, parent));
  const h = await startHarness({
    roots: [parent],
    maxConcurrentJobs: options.maxConcurrentJobs ?? 1,
    store: shared,
  });
  cleanup.push(async () => {
    await h.close();
    await removeDir(parent);
  });
  return { h, repos, parent };
}

/** Resolves on the first progress report of the job with at least one file done. */
function firstProgress(h: Harness, jobId: string): Promise<void> {
  return new Promise((resolve) => {
    const off = h.jobs.onProgress(jobId, (p) => {
      if (p.filesDone > 0) {
        off();
        resolve();
      }
    });
  });
}

describe('background indexing jobs', () => {
  it('a job reads "queued" only while pending: claimed it is scanning, interrupted it is done', async () => {
    const project = await shared.getOrCreateProject('phases');
    const repo = await shared.getOrCreateRepository(project.id, '/nowhere/phases');
    const job = await shared.createJob(repo.id, { force: false });
    expect(job).toMatchObject({ status: 'pending', phase: 'queued' });
    const claimed = await shared.claimNextJob('phases-test');
    expect(claimed).toMatchObject({ id: job.id, status: 'running', phase: 'scanning' });
    await shared.markInterruptedJobs('phases-test');
    expect(await shared.getJob(job.id)).toMatchObject({ status: 'interrupted', phase: 'done' });
    await shared.removeRepository(repo.id);
  });

  it('sends progress notifications while files are processed when the client asks for them', async () => {
    const { h, repos } = await setup({ files: 150 });
    const updates: { progress: number; total?: number; message?: string }[] = [];
    const result = await h.call(
      'index_repository',
      { path: repos[0] },
      { onprogress: (p) => updates.push(p), timeout: 60_000 },
    );
    const answer = JSON.parse((result.content[0] as { text: string }).text);
    expect(answer).toMatchObject({ status: 'completed', files_done: 150, files_total: 150 });
    expect(updates.length).toBeGreaterThanOrEqual(2);
    for (let i = 1; i < updates.length; i++)
      expect(updates[i]!.progress).toBeGreaterThan(updates[i - 1]!.progress);
    expect(updates.at(-1)).toMatchObject({ progress: 150, total: 150 });
    expect(updates.some((u) => /files/.test(u.message ?? ''))).toBe(true);
  });

  it('counters move while the job runs', async () => {
    const { h, repos } = await setup({ files: 400 });
    const { job_id } = await h.json('index_repository', { path: repos[0] });
    await firstProgress(h, job_id);
    const during = await h.json('get_indexing_status', { job_id });
    expect(['running', 'completed']).toContain(during['status']);
    expect(during['files_total']).toBe(400);
    expect(during['files_done']).toBeGreaterThan(0);
    await h.jobs.waitFor(job_id);
    const after = await h.json('get_indexing_status', { job_id });
    expect(after['files_done']).toBe(400);
    expect(after['chunks']).toBeGreaterThanOrEqual(during['chunks']);
  });

  it('cancel_indexing stops at a file boundary; committed files stay searchable and a re-run continues', async () => {
    const { h, repos } = await setup({ files: 600 });
    const { job_id } = await h.json('index_repository', { path: repos[0] });
    await firstProgress(h, job_id);
    const cancelled = await h.json('cancel_indexing', { job_id });
    expect(cancelled['status']).toBe('cancelled');
    expect(cancelled['files_done']).toBeLessThan(600);
    const { repositories } = await h.json('list_repositories');
    const kept = repositories[0].files as number;
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThan(600);

    const rerun = await h.json('index_repository', { path: repos[0] });
    const done = await h.jobs.waitFor(rerun['job_id']);
    expect(done).toMatchObject({ status: 'completed', filesDone: 600 });
    expect(done!.stats['unchanged']).toBe(kept);
    expect(done!.stats['indexed']).toBe(600 - kept);
  });

  it('a job that finds no files empties an indexed repository and says so; a first one fails', async () => {
    const { h, repos, parent } = await setup({ files: 5 });
    const first = await h.json('index_repository', { path: repos[0] });
    await h.jobs.waitFor(first['job_id']);
    await removeDir(repos[0]!);
    await mkdir(repos[0]!);
    const rerun = await h.json('index_repository', { path: repos[0] });
    await h.jobs.waitFor(rerun['job_id']);
    const status = await h.json('get_indexing_status', { job_id: rerun['job_id'] });
    expect(status).toMatchObject({ status: 'completed', files_total: 0, stats: { deleted: 5 } });
    expect(status['warning']).toMatch(/5 files indexed before were removed/);
    expect(status['next']).toMatch(/no files matched/);
    const { repositories } = await h.json('list_repositories');
    expect(repositories).toEqual([expect.objectContaining({ files: 0, status: 'completed' })]);

    const empty = join(parent, 'empty');
    await mkdir(empty);
    const never = await h.json('index_repository', { path: empty });
    await h.jobs.waitFor(never['job_id']);
    const failed = await h.json('get_indexing_status', { job_id: never['job_id'] });
    expect(failed).toMatchObject({ status: 'failed', error: expect.stringMatching(/No files to index/) });
  });

  it('a global limit on concurrent jobs queues the rest', async () => {
    const { h, repos } = await setup({ files: 200, repos: 3, maxConcurrentJobs: 1 });
    const jobs = [];
    for (const path of repos) jobs.push(await h.json('index_repository', { path }));
    expect(jobs[1]!['status']).toBe('pending');
    expect(jobs[2]!['status']).toBe('pending');
    expect(jobs[1]!['next']).toMatch(/Queued/);
    expect(h.jobs.runningCount).toBeLessThanOrEqual(1);
    for (const job of jobs) expect((await h.jobs.waitFor(job['job_id']))?.status).toBe('completed');
  });

  it('cancelling a queued job cancels it without running it', async () => {
    const { h, repos } = await setup({ files: 200, repos: 2 });
    await h.json('index_repository', { path: repos[0] });
    const queued = await h.json('index_repository', { path: repos[1] });
    expect(queued['status']).toBe('pending');
    expect((await h.json('cancel_indexing', { job_id: queued['job_id'] }))['status']).toBe('cancelled');
    const { repositories } = await h.json('list_repositories');
    const second = repositories.find((r: { repository: string }) => r.repository === repos[1]);
    expect(second.files).toBe(0);
  });

  it('shutdown stops the running job at a file boundary and records it as interrupted; pending jobs stay queued', async () => {
    const { h, repos } = await setup({ files: 600, repos: 2 });
    const first = await h.json('index_repository', { path: repos[0] });
    const second = await h.json('index_repository', { path: repos[1] });
    await firstProgress(h, first['job_id']);
    expect(await h.jobs.stop(10_000)).toBe(true);
    expect((await h.store.getJob(first['job_id']))!.status).toBe('interrupted');
    expect((await h.store.getJob(second['job_id']))!.status).toBe('pending');
  });
});

describe('jobs recorded in the database', () => {
  let store: Store;
  let parent: string | undefined;
  beforeAll(() => {
    store = shared;
  });
  afterEach(async () => {
    for (const repo of await store.listRepositories()) await store.removeRepository(repo.id);
    if (parent) await removeDir(parent);
  });

  const manager = (owner: string) =>
    new JobManager({
      store,
      owner,
      maxConcurrentJobs: 1,
      maxFileBytes: 1 << 20,
      workers: 0,
      pollIntervalMs: 50,
    });

  it('marks a job left running by a crashed server as interrupted on the next start', async () => {
    const project = await store.getOrCreateProject('default');
    const repo = await store.getOrCreateRepository(project.id, '/somewhere/repo');
    const job = await store.createJob(repo.id, { force: false });
    await (store as Store & { claimNextJob(o: string): Promise<unknown> }).claimNextJob('crashed-server');
    expect((await store.getJob(job.id))!.status).toBe('running');
    const jobs = manager('new-server');
    expect(await jobs.start()).toEqual({ interrupted: 1 });
    expect((await store.getJob(job.id))!.status).toBe('interrupted');
    await jobs.stop(1000);
  });

  it('a cancel sent to another server reaches the one running the job; and the shared queue runs every job once', async () => {
    parent = await tempDir();
    const repos = [
      await makeLargeRepo(2000, parent),
      await makeLargeRepo(30, parent),
      await makeLargeRepo(30, parent),
    ];
    const a = manager('server-a');
    const b = manager('server-b');
    await a.start();
    await b.start();
    const running = await a.submit({ root: repos[0]!, project: 'default', force: false });
    // Cancel as soon as one of them has claimed the job, while it scans: with inline chunking
    // (workers: 0, as here) the event loop does not turn between files, so the runner's poll only
    // fires before and after the indexing phase. With worker threads it fires throughout.
    while (!a.live(running.job.id) && !b.live(running.job.id)) await new Promise((r) => setImmediate(r));
    // Cancel through the server that is not running it: only the database connects them.
    const owner = (await store.getJob(running.job.id))!.owner;
    const [runner, other] = owner === 'server-a' ? [a, b] : [b, a];
    await other.cancel(running.job.id);
    const final = await runner.waitFor(running.job.id);
    expect(final?.status, JSON.stringify({ owner, final })).toBe('cancelled');

    const queued = [
      await a.submit({ root: repos[1]!, project: 'default', force: false }),
      await b.submit({ root: repos[2]!, project: 'default', force: false }),
    ];
    for (const { job } of queued) expect((await a.waitFor(job.id))?.status).toBe('completed');
    const owners = await Promise.all(queued.map(async ({ job }) => (await store.getJob(job.id))!.owner));
    expect(owners.every((o) => o === 'server-a' || o === 'server-b')).toBe(true);
    await Promise.all([a.stop(5000), b.stop(5000)]);
  });
});

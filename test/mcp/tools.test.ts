import { basename } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  SAMPLE_FILES,
  makeRepo,
  removeDir,
  startHarness,
  tempDir,
  textOf,
  type Harness,
} from '../support/mcp-harness.js';

describe('MCP tools (SDK client over a linked pair)', () => {
  let parent: string;
  let repo: string;
  let h: Harness;

  beforeAll(async () => {
    parent = await tempDir();
    repo = await makeRepo(SAMPLE_FILES, parent);
    h = await startHarness({ roots: [parent] });
  });
  afterAll(async () => {
    await h.close();
    await removeDir(parent);
  });

  it('lists every tool with a short description, annotations and a strict input schema', async () => {
    const { tools } = await h.client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual([
      'cancel_indexing',
      'get_indexing_status',
      'index_repository',
      'list_repositories',
      'read_code',
      'remove_repository',
      'search_code',
    ]);
    for (const tool of tools) {
      expect(tool.description!.length).toBeLessThan(220);
      expect(tool.inputSchema.additionalProperties).toBe(false);
      expect(tool.annotations?.readOnlyHint).toBeTypeOf('boolean');
    }
    expect(tools.find((t) => t.name === 'remove_repository')!.annotations?.destructiveHint).toBe(true);
    const search = tools.find((t) => t.name === 'search_code')!;
    expect(search.inputSchema.required).toEqual(['query']);
    expect((search.inputSchema.properties as Record<string, { maximum?: number }>)['limit']!.maximum).toBe(
      50,
    );
  });

  it('index_repository returns a job at once, and get_indexing_status follows it to completion', async () => {
    const started = await h.json('index_repository', { path: repo });
    expect(started).toMatchObject({ repository: repo, project: 'default' });
    expect(started['job_id']).toBeTypeOf('string');
    expect(['pending', 'running', 'completed']).toContain(started['status']);

    await h.jobs.waitFor(started['job_id']);
    const status = await h.json('get_indexing_status', { job_id: started['job_id'] });
    expect(status).toMatchObject({
      job_id: started['job_id'],
      status: 'completed',
      phase: 'done',
      files_done: 4,
      files_total: 4,
      failed: 0,
    });
    expect(status['chunks']).toBeGreaterThan(0);
    expect(status['started_at']).toBeTypeOf('string');
    expect(status['finished_at']).toBeTypeOf('string');
    expect(status['elapsed_s']).toBeGreaterThanOrEqual(0);

    const byRepo = await h.json('get_indexing_status', { repository: repo });
    expect(byRepo['job_id']).toBe(started['job_id']);
  });

  it('list_repositories shows the repository with counts and last indexed time', async () => {
    const { repositories } = await h.json('list_repositories');
    expect(repositories).toEqual([
      expect.objectContaining({
        repository: repo,
        project: 'default',
        files: 4,
        status: 'completed',
        last_indexed: expect.any(String),
      }),
    ]);
    expect(await h.json('list_repositories', { project: 'nothing-here' })).toMatchObject({
      repositories: [],
    });
  });

  it('search_code returns ranked chunks with path, lines, symbol, kind, score, code and freshness', async () => {
    const answer = await h.json('search_code', { query: 'sign session token' });
    expect(answer['repository']).toBe(repo);
    expect(answer['index']).toMatchObject({ files: 4, last_indexed: expect.any(String) });
    const top = answer['results'][0];
    expect(top).toMatchObject({
      path: 'src/auth/token.ts',
      symbol: expect.stringContaining('signSessionToken'),
      language: 'typescript',
    });
    expect(top.start_line).toBeGreaterThan(0);
    expect(top.end_line).toBeGreaterThanOrEqual(top.start_line);
    expect(top.score).toBeGreaterThan(0);
    expect(top.content).toContain('createHmac');
  });

  it('search_code filters by language and path, and honours limit', async () => {
    const py = await h.json('search_code', { query: 'invoice report', language: 'python' });
    expect(py['results'].map((r: { path: string }) => r.path)).toEqual(['scripts/report.py']);
    const none = await h.json('search_code', { query: 'invoice report', path: 'src/**' });
    expect(none['results']).toEqual([]);
    expect(none['next']).toMatch(/No matches/);
    const one = await h.json('search_code', { query: 'token cart item invoice', limit: 1 });
    expect(one['results']).toHaveLength(1);
  });

  it('search_code adds context lines and stays within max_tokens', async () => {
    const plain = await h.json('search_code', { query: 'totalQuantity', limit: 1 });
    const wide = await h.json('search_code', { query: 'totalQuantity', limit: 1, context_lines: 20 });
    expect(wide['results'][0].start_line).toBeLessThanOrEqual(plain['results'][0].start_line);
    expect(wide['results'][0].content.length).toBeGreaterThanOrEqual(plain['results'][0].content.length);
    const small = await h.call('search_code', {
      query: 'token session cart invoice sample',
      max_tokens: 200,
    });
    expect(textOf(small).length / 4).toBeLessThanOrEqual(200);
  });

  it('read_code returns indexed lines of a file', async () => {
    const whole = await h.json('read_code', { repository: repo, path: 'src/cart/cart.ts' });
    expect(whole).toMatchObject({ path: 'src/cart/cart.ts', start_line: 1, language: 'typescript' });
    expect(whole['content']).toContain('export class ShoppingCart');
    const part = await h.json('read_code', {
      repository: basename(repo),
      path: './src/cart/cart.ts',
      start_line: 4,
      end_line: 6,
    });
    expect(part['content'].split('\n')).toEqual(SAMPLE_FILES['src/cart/cart.ts']!.split('\n').slice(3, 6));
    expect(part).toMatchObject({ start_line: 4, end_line: 6 });
  });

  it('a second index_repository while a job runs returns the running job', async () => {
    const a = await h.json('index_repository', { path: repo, force: true });
    const b = await h.json('index_repository', { path: repo });
    expect(b['job_id']).toBe(a['job_id']);
    if (b['status'] !== 'completed') expect(b['already_running']).toBe(true);
    await h.jobs.waitFor(a['job_id']);
  });

  it('cancel_indexing on a finished job reports its final status', async () => {
    const job = await h.json('index_repository', { path: repo });
    await h.jobs.waitFor(job['job_id']);
    const cancelled = await h.json('cancel_indexing', { job_id: job['job_id'] });
    expect(cancelled).toMatchObject({ job_id: job['job_id'], status: 'completed' });
  });

  it('remove_repository deletes the repository and everything indexed for it', async () => {
    const other = await makeRepo({ 'x.ts': 'export const removableThing = 1;\n' }, parent);
    const job = await h.json('index_repository', { path: other });
    await h.jobs.waitFor(job['job_id']);
    const removed = await h.json('remove_repository', { repository: other });
    expect(removed).toMatchObject({ removed: other, project: 'default', files: 1 });
    const { repositories } = await h.json('list_repositories');
    expect(repositories.map((r: { repository: string }) => r.repository)).toEqual([repo]);
  });
});

/**
 * QA's repro of two processes on one PGlite data directory, with a real `serve --http` process:
 * while it runs, `index` and a stdio `serve` fail at once with one `error:` line naming it; after
 * its graceful shutdown (SIGTERM) the directory is free and nothing indexed before is lost.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCK_FILE } from '../../src/store/pglite/data-dir-lock.js';
import { makeRepo, SAMPLE_REPO } from '../support/fixture-repo.js';
import { spawnServer } from '../support/mcp-process.js';
import { runCli } from '../support/run-cli.js';

let data: string;
let repoA: string;
let repoB: string;
beforeAll(async () => {
  data = await mkdtemp(join(tmpdir(), 'cmcp-lock-cli-'));
  repoA = await makeRepo(SAMPLE_REPO);
  repoB = await makeRepo({ 'b.py': 'def only_in_b():\n    return 1\n' });
});
afterAll(async () => {
  for (const dir of [data, repoA, repoB]) await rm(dir, { recursive: true, force: true });
});

describe('one process per PGlite data directory (CLI)', () => {
  it('index fails with one error line while a server holds the directory, and works after it stops', async () => {
    const db = join(data, 'db');
    const env = { CODEBASE_MCP_DATABASE_URL: db };
    expect((await runCli(['index', repoA], { env })).code).toBe(0);
    expect(existsSync(join(db, LOCK_FILE))).toBe(false);

    const server = spawnServer(['serve', '--http', '--port', '0'], { ...env, CODEBASE_MCP_WORKERS: '0' });
    await server.waitForLog(/database ready/, 60_000);
    const pid = server.child.pid!;

    const index = await runCli(['index', repoB], { env });
    expect(index.code).toBe(1);
    expect(index.stdout).toBe('');
    const lines = index.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      new RegExp(`^error: The PGlite data directory ${db} is in use by process ${pid} \\(codebase-mcp`),
    );
    expect(lines[0]).toContain('serve --http --port 0');
    expect(lines[0]).toContain('PGlite allows one process per data directory');

    const stdio = await runCli(['serve'], { env });
    expect(stdio.code).toBe(1);
    expect(stdio.stderr).toMatch(/^error: The PGlite data directory .* is in use by process/m);

    server.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    expect(existsSync(join(db, LOCK_FILE))).toBe(false);

    expect((await runCli(['index', repoB], { env })).code).toBe(0);
    const list = await runCli(['list', '--json'], { env });
    const roots = (JSON.parse(list.stdout) as { rootPath: string }[]).map((r) => r.rootPath);
    expect(roots).toEqual(expect.arrayContaining([repoA, repoB]));
  });

  it('migrate releases the directory before the next command opens it (the container entrypoint)', async () => {
    const env = { CODEBASE_MCP_DATABASE_URL: join(data, 'entry') };
    expect((await runCli(['migrate'], { env })).code).toBe(0);
    const status = await runCli(['db', 'status'], { env });
    expect(status.stderr).toBe('');
    expect(status.code).toBe(0);
  });
});

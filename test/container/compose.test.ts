/**
 * The dev compose stack end to end: PostgreSQL + pgvector and the server built from this tree,
 * driven by an MCP client over Streamable HTTP. The steps build on each other and run in order.
 */
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docker, dockerOk, IMAGE, report } from './docker.js';
import { callTool, createStack, resultPaths, waitForJob, type Stack } from './stack.js';

const GRACE_PERIOD_MS = 30_000; // stop_grace_period of mcp-server in compose.yaml

describe('the compose stack', () => {
  let stack: Stack;
  let client: Client | undefined;

  beforeAll(async () => {
    stack = await createStack();
  });
  afterAll(async () => {
    await client?.close().catch(() => undefined);
    if (stack) await stack.destroy();
  });

  async function reconnect(): Promise<Client> {
    await client?.close().catch(() => undefined);
    client = await stack.connect();
    return client;
  }

  async function migrationsApplied(): Promise<string> {
    const sql = "select count(*) || ':' || max(version) from schema_migrations";
    const out = await stack.compose([
      'exec',
      '-T',
      'postgres',
      'psql',
      '-U',
      'codebase',
      '-d',
      'codebase',
      '-Atc',
      sql,
    ]);
    expect(out.code, out.stderr).toBe(0);
    return out.stdout.trim();
  }

  it('comes up healthy with `docker compose up --wait`', async () => {
    const up = await stack.compose(['up', '-d', '--no-build', '--wait']);
    expect(up.code, `${up.stdout}\n${up.stderr}`).toBe(0);
    report('compose up --wait (image already built) to healthy', `${(up.ms / 1000).toFixed(1)} s`);
    expect(await stack.health('mcp-server')).toBe('healthy');
    const ready = await fetch(`http://127.0.0.1:${stack.port}/readyz`);
    expect(ready.status).toBe(200);
  });

  it('indexes the mounted repository over MCP and finds the right file', async () => {
    const mcp = await reconnect();
    const started = await callTool(mcp, 'index_repository', { path: '/repo/small' });
    const done = await waitForJob(mcp, String(started['job_id']));
    expect(done['status']).toBe('completed');
    expect(done['files_done']).toBe(3);
    const found = await callTool(mcp, 'search_code', {
      query: 'calculate invoice total with VAT',
      repository: '/repo/small',
    });
    expect(resultPaths(found)[0]).toBe('src/billing/invoice.ts');
  });

  it('keeps the index across a restart, and migrate is a no-op the second time', async () => {
    const before = await migrationsApplied();
    const restart = await stack.compose(['restart', 'mcp-server']);
    expect(restart.code, restart.stderr).toBe(0);
    const up = await stack.compose(['up', '-d', '--no-build', '--wait']);
    expect(up.code, up.stderr).toBe(0);
    expect(await migrationsApplied()).toBe(before);
    const migrate = await stack.compose(['exec', '-T', 'mcp-server', 'codebase-mcp', 'migrate']);
    expect(migrate.code, migrate.stderr).toBe(0);
    expect(migrate.stderr).toMatch(/nothing to apply/);
    expect(await migrationsApplied()).toBe(before);

    const mcp = await reconnect();
    const found = await callTool(mcp, 'search_code', { query: 'refund_payment', repository: '/repo/small' });
    expect(resultPaths(found)).toContain('app/payments.py');
  });

  it('stops cleanly during an indexing job and the job can be resumed', async () => {
    const mcp = await reconnect();
    const started = await callTool(mcp, 'index_repository', { path: '/repo/big' });
    const jobId = String(started['job_id']);
    // stop once the job is writing files (or has already finished on a fast machine)
    let status = started;
    while (
      status['status'] === 'pending' ||
      (status['status'] === 'running' && Number(status['files_done']) === 0)
    ) {
      await new Promise((r) => setTimeout(r, 200));
      status = await callTool(mcp, 'get_indexing_status', { job_id: jobId });
    }
    report(
      'job state when stopping',
      `${String(status['status'])}, ${String(status['files_done'])}/${String(status['files_total'])} files`,
    );
    await client?.close().catch(() => undefined);
    client = undefined;

    const stop = await stack.compose(['stop', 'mcp-server'], GRACE_PERIOD_MS + 30_000);
    expect(stop.code, stop.stderr).toBe(0);
    report('docker compose stop mcp-server during indexing', `${(stop.ms / 1000).toFixed(1)} s`);
    expect(stop.ms).toBeLessThan(GRACE_PERIOD_MS);
    const exit = await dockerOk(['inspect', '-f', '{{.State.ExitCode}}', await stack.id('mcp-server')]);
    expect(exit.stdout.trim()).toBe('0');

    const up = await stack.compose(['up', '-d', '--no-build', '--wait']);
    expect(up.code, up.stderr).toBe(0);
    const after = await callTool(await reconnect(), 'get_indexing_status', { job_id: jobId });
    expect(['interrupted', 'completed']).toContain(after['status']);

    // resuming indexes the rest; the whole repository is then searchable
    const resumed = await callTool(client!, 'index_repository', { path: '/repo/big' });
    const done = await waitForJob(client!, String(resumed['job_id']));
    expect(done['status']).toBe('completed');
    expect(done['files_total']).toBe(3000);
    const found = await callTool(client!, 'search_code', {
      query: 'transformRecord_59_49_11',
      repository: '/repo/big',
    });
    expect(resultPaths(found)[0]).toBe('pkg59/module49.ts');
  });

  it('turns unhealthy while the database is down, and healthy again after', async () => {
    const stop = await stack.compose(['stop', 'postgres']);
    expect(stop.code, stop.stderr).toBe(0);
    const started = Date.now();
    let health = await stack.health('mcp-server');
    while (health !== 'unhealthy' && Date.now() - started < 120_000) {
      await new Promise((r) => setTimeout(r, 1000));
      health = await stack.health('mcp-server');
    }
    expect(health).toBe('unhealthy');
    report('database stopped to mcp-server unhealthy', `${((Date.now() - started) / 1000).toFixed(1)} s`);

    const start = await stack.compose(['start', 'postgres']);
    expect(start.code, start.stderr).toBe(0);
    // `up --wait` would give up at once on the unhealthy server: poll until the checks pass again
    const restarted = Date.now();
    while (health !== 'healthy' && Date.now() - restarted < 120_000) {
      await new Promise((r) => setTimeout(r, 1000));
      health = await stack.health('mcp-server');
    }
    expect(health).toBe('healthy');
    report('database started to mcp-server healthy', `${((Date.now() - restarted) / 1000).toFixed(1)} s`);
  });

  it('exits non-zero with a clear message when the database never becomes reachable', async () => {
    const name = `codebase-mcp-ctest-nodb-${process.pid}`;
    // no --rm: podman's Docker API reports exit code 0 for `docker run --rm`
    const runResult = await docker(
      [
        'run',
        '--name',
        name,
        '-e',
        'CODEBASE_MCP_DATABASE_URL=postgres://u:secret@127.0.0.1:1/db',
        '-e',
        'DB_WAIT_TIMEOUT=3',
        IMAGE,
        '--http',
      ],
      { timeoutMs: 120_000 },
    );
    try {
      const exit = await dockerOk(['inspect', '-f', '{{.State.ExitCode}}', name]);
      expect(exit.stdout.trim()).not.toBe('0');
      const logs = await dockerOk(['logs', name]);
      const output = logs.stdout + logs.stderr;
      expect(output).toMatch(
        /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ codebase-mcp entrypoint: database 127\.0\.0\.1:1 not reachable after 3s/m,
      );
      expect(output).not.toContain('secret');
      report('unreachable database: run to exit', `${(runResult.ms / 1000).toFixed(1)} s`);
    } finally {
      await docker(['rm', '-f', '-v', name]);
    }
  });
});

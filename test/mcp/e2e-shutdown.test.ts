import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indexRepository } from '../../src/indexer/index.js';
import { openStore } from '../../src/store/index.js';
import { makeLargeRepo, removeDir, tempDir } from '../support/mcp-harness.js';
import { spawnServer } from '../support/mcp-process.js';

const FILES = 3000;

describe('SIGTERM while indexing (spawned HTTP server, PGlite on disk)', () => {
  let work: string;
  let repo: string;
  beforeAll(async () => {
    work = await tempDir();
    repo = await makeLargeRepo(FILES, work);
  });
  afterAll(async () => {
    await removeDir(work);
  });

  it('exits 0 within the shutdown timeout and leaves a consistent index that a re-run completes', async () => {
    const db = `${work}/db`;
    const server = spawnServer(['serve', '--http', '--port', '0'], {
      CODEBASE_MCP_DATABASE_URL: db,
      CODEBASE_MCP_ROOTS: work,
      CODEBASE_MCP_SHUTDOWN_TIMEOUT: '10',
    });
    const url = String((await server.waitForLog(/MCP server listening/))['url']);
    await server.waitForLog(/database ready/, 120_000);
    const client = new Client({ name: 'e2e-shutdown', version: '1.0.0' });
    await client.connect(new StreamableHTTPClientTransport(new URL(url)));
    await client.callTool({ name: 'index_repository', arguments: { path: repo } });
    // A running job logs its first progress report at once, then every 5 s (stderr is a pipe,
    // written synchronously): the first line means files are being processed, most still to do.
    await server.waitForLog(/indexing progress/, 120_000);

    const signalled = Date.now();
    server.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    const took = Date.now() - signalled;
    expect(took).toBeLessThan(10_000);
    await client.close().catch(() => undefined);
    expect(server.stderr()).toMatch(/shutting down/);
    expect(server.stderr()).toMatch(/database closed/);
    expect(server.stderr()).toMatch(/shutdown complete/);

    const store = await openStore({ url: db });
    try {
      const [summary] = await store.listRepositories();
      const job = (await store.latestJob(summary!.id))!;
      expect(job.status, server.stderr()).toBe('interrupted');
      expect(job.error).toMatch(/shut down/);
      const files = await store.listFiles(summary!.id);
      expect(files.length).toBeGreaterThan(0);
      expect(files.length).toBeLessThan(FILES);
      // Every committed file has its chunks: no half-written files.
      for (const file of files.slice(0, 50))
        expect((await store.getFileChunks(summary!.id, file.path)).length).toBeGreaterThan(0);

      const rerun = await indexRepository(store, {
        root: repo,
        project: 'default',
        maxFileBytes: 1 << 20,
        workers: 1,
      });
      expect(rerun.status).toBe('completed');
      expect(rerun.unchanged).toBe(files.length);
      expect(rerun.indexed).toBe(FILES - files.length);
      expect(rerun.repository.fileCount).toBe(FILES);
    } finally {
      await store.close();
    }
    process.stderr.write(`SIGTERM to exit: ${took} ms\n`);
  }, 180_000);
});

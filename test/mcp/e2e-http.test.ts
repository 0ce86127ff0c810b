import { request } from 'node:http';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_FILES, makeRepo, removeDir, tempDir } from '../support/mcp-harness.js';
import { spawnServer, type ServerProcess } from '../support/mcp-process.js';

const TOKEN = 'test-token-0123456789abcdef';
const parse = (r: CallToolResult) => JSON.parse((r.content[0] as { text: string }).text);

async function startHttp(env: Record<string, string>): Promise<{ server: ServerProcess; base: string }> {
  const server = spawnServer(['serve', '--http', '--port', '0'], env);
  const record = await server.waitForLog(/MCP server listening/);
  return { server, base: String(record['url']).replace(/\/mcp$/, '') };
}

async function connect(base: string, headers: Record<string, string> = {}): Promise<Client> {
  const client = new Client({ name: 'e2e-http', version: '1.0.0' });
  await client.connect(
    new StreamableHTTPClientTransport(new URL(`${base}/mcp`), { requestInit: { headers } }),
  );
  return client;
}

const initialize = (extra: Record<string, string> = {}) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...extra },
  body: JSON.stringify({
    jsonrpc: '2.0',
    id: 1,
    method: 'initialize',
    params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'curl', version: '1' } },
  }),
});

/** fetch() may not set Host; node:http can, as a DNS-rebinding page's browser would. */
function statusWithHost(base: string, host: string, headers: Record<string, string>): Promise<number> {
  const { body, headers: h } = initialize(headers);
  return new Promise((resolve, reject) => {
    const req = request(`${base}/mcp`, { method: 'POST', headers: { ...h, host } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('codebase-mcp serve --http (spawned process)', () => {
  let work: string;
  let repo: string;
  let server: ServerProcess;
  let base: string;

  beforeAll(async () => {
    work = await tempDir();
    repo = await makeRepo(SAMPLE_FILES, work);
    ({ server, base } = await startHttp({
      CODEBASE_MCP_DATABASE_URL: `${work}/db`,
      CODEBASE_MCP_ROOTS: work,
      CODEBASE_MCP_AUTH_TOKEN: TOKEN,
    }));
    await server.waitForLog(/database ready/, 120_000);
  });
  afterAll(async () => {
    server?.kill('SIGTERM');
    expect(await server?.exited).toBe(0);
    await removeDir(work);
  });

  it('answers /healthz and /readyz', async () => {
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });
  });

  it('requires the bearer token on /mcp when one is configured', async () => {
    const res = await fetch(`${base}/mcp`, initialize());
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toBe('Bearer');
    await expect(connect(base, { authorization: 'Bearer wrong' })).rejects.toThrow();
  });

  it('rejects a foreign Origin and a rebound Host with 403', async () => {
    const auth = { authorization: `Bearer ${TOKEN}` };
    expect((await fetch(`${base}/mcp`, initialize({ ...auth, origin: 'https://evil.example' }))).status).toBe(
      403,
    );
    const port = new URL(base).port;
    expect(await statusWithHost(base, `evil.example:${port}`, auth)).toBe(403);
  });

  it('rejects oversized request bodies with 413', async () => {
    const res = await fetch(`${base}/mcp`, {
      ...initialize({ authorization: `Bearer ${TOKEN}` }),
      body: 'x'.repeat(2 * 1024 * 1024),
    });
    expect(res.status).toBe(413);
  });

  it('says which port is taken when another server holds it', async () => {
    const second = spawnServer(['serve', '--http', '--port', new URL(base).port], {
      CODEBASE_MCP_DATABASE_URL: 'memory://',
    });
    expect(await second.exited).not.toBe(0);
    expect(second.stderr()).toMatch(/^error: Port \d+ on 127\.0\.0\.1 is already in use\. .*--port/m);
  });

  it('serves two concurrent sessions', async () => {
    const auth = { authorization: `Bearer ${TOKEN}` };
    const [a, b] = await Promise.all([connect(base, auth), connect(base, auth)]);
    try {
      const job = parse(
        (await a.callTool({ name: 'index_repository', arguments: { path: repo } })) as CallToolResult,
      );
      // The second session sees the same job (and does not start a duplicate).
      const again = parse(
        (await b.callTool({ name: 'index_repository', arguments: { path: repo } })) as CallToolResult,
      );
      if (again['status'] !== 'completed') expect(again['job_id']).toBe(job['job_id']);
      let status = job;
      for (let i = 0; i < 200 && status['status'] !== 'completed'; i++) {
        await new Promise((r) => setTimeout(r, 50));
        status = parse(
          (await b.callTool({
            name: 'get_indexing_status',
            arguments: { job_id: job['job_id'] },
          })) as CallToolResult,
        );
      }
      expect(status['status']).toBe('completed');
      const [ra, rb] = await Promise.all([
        a.callTool({ name: 'search_code', arguments: { query: 'session token' } }),
        b.callTool({ name: 'search_code', arguments: { query: 'invoice report' } }),
      ]);
      expect(parse(ra as CallToolResult)['results'][0].path).toBe('src/auth/token.ts');
      expect(parse(rb as CallToolResult)['results'][0].path).toBe('scripts/report.py');
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});

describe('codebase-mcp serve --http without a database', () => {
  it('stays alive but answers /readyz 503 (and /mcp 503) while the database is unreachable', async () => {
    const { server, base } = await startHttp({
      CODEBASE_MCP_DATABASE_URL: 'postgres://nobody:x@127.0.0.1:9/none',
      CODEBASE_MCP_PG_CONNECT_TIMEOUT_MS: '500',
    });
    try {
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
      const ready = await fetch(`${base}/readyz`);
      expect(ready.status).toBe(503);
      expect(((await ready.json()) as { status: string }).status).toBe('not ready');
      expect((await fetch(`${base}/mcp`, initialize())).status).toBe(503);
    } finally {
      server.kill('SIGTERM');
      expect(await server.exited).toBe(0);
    }
  });

  it('exits 1 when its PGlite data directory cannot be created, instead of retrying for ever', async () => {
    const server = spawnServer(['serve', '--http', '--port', '0'], {
      CODEBASE_MCP_DATABASE_URL: '/proc/codebase-mcp-test/data',
    });
    expect(await server.exited, server.stderr()).toBe(1);
    expect(server.stderr()).toMatch(
      /^error: Could not create the data directory \/proc\/codebase-mcp-test\/data \(ENOENT\)\./m,
    );
  });

  it('refuses to bind beyond loopback without a token', async () => {
    const server = spawnServer(['serve', '--http', '--host', '0.0.0.0', '--port', '0'], {
      CODEBASE_MCP_DATABASE_URL: 'memory://',
    });
    expect(await server.exited).toBe(1);
    expect(server.stderr()).toMatch(/CODEBASE_MCP_AUTH_TOKEN/);
  });
});

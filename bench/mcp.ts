/**
 * MCP benchmark: server start-to-ready time (target < 1 s) and tools/call latency of search_code
 * over stdio and Streamable HTTP (p50/p95), on real code nobody here wrote (the MCP SDK's ESM build).
 *   node --import tsx bench/mcp.ts        (uses dist/ when built, else the source through tsx)
 *   BENCH_CALLS (200), BENCH_STARTS (5), BENCH_REPO (directory to index)
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';

const here = resolve(import.meta.dirname, '..');
const CALLS = Number(process.env['BENCH_CALLS'] ?? 200);
const STARTS = Number(process.env['BENCH_STARTS'] ?? 5);
const built = existsSync(join(here, 'dist/cli/index.js'));
const cli = built
  ? [join(here, 'bin/codebase-mcp.js')]
  : [
      '--import',
      pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href,
      join(here, 'test/support/mcp-cli-entry.ts'),
    ];
const log = (s: string) => process.stderr.write(s + '\n');
const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)]!;
const QUERIES = [
  'streamable http transport session',
  'handle request body parse',
  'progress notification token',
  'zod schema validation',
  'McpServer registerTool',
  'oauth token refresh',
  'json rpc error code',
  'stdio read buffer',
  'abort signal cancel request',
  'list tools result',
];

function env(work: string, root: string): Record<string, string> {
  const base: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env))
    if (v !== undefined && !k.startsWith('CODEBASE_MCP_')) base[k] = v;
  return {
    ...base,
    CODEBASE_MCP_DATABASE_URL: join(work, 'db'),
    CODEBASE_MCP_ROOTS: root,
    CODEBASE_MCP_LOG_LEVEL: 'warn',
    XDG_CONFIG_HOME: join(work, 'config'),
  };
}

async function timeCalls(client: Client): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < CALLS; i++) {
    const t = performance.now();
    const r = (await client.callTool({
      name: 'search_code',
      arguments: { query: QUERIES[i % QUERIES.length]! },
    })) as CallToolResult;
    times.push(performance.now() - t);
    if (r.isError) throw new Error(JSON.stringify(r.content));
  }
  return times;
}

async function main() {
  const work = await mkdtemp(join(tmpdir(), 'cmcp-bench-mcp-'));
  const root = join(work, 'repo');
  await cp(process.env['BENCH_REPO'] ?? join(here, 'node_modules/@modelcontextprotocol/sdk/dist/esm'), root, {
    recursive: true,
  });
  const e = env(work, root);
  log(`bench/mcp: ${built ? 'built bin (dist/)' : 'source through tsx'}; repository ${root}`);
  try {
    // 1. stdio: start-to-ready (spawn → initialize answered), then index and time search_code.
    const starts: number[] = [];
    let client: Client | undefined;
    for (let i = 0; i < STARTS; i++) {
      const t = performance.now();
      const c = new Client({ name: 'bench', version: '1' });
      await c.connect(
        new StdioClientTransport({
          command: process.execPath,
          args: [...cli, 'serve'],
          env: e,
          cwd: root,
          stderr: 'ignore',
        }),
      );
      await c.listTools();
      starts.push(performance.now() - t);
      if (i < STARTS - 1) await c.close();
      else client = c;
    }
    const t0 = performance.now();
    const job = JSON.parse(
      (
        (await client!.callTool({ name: 'index_repository', arguments: { path: root } }, undefined, {
          onprogress: () => {},
          timeout: 600_000,
        })) as CallToolResult
      ).content
        .map((c) => (c as { text: string }).text)
        .join(''),
    );
    log(
      `indexed ${job.files_done} files, ${job.chunks} chunks in ${((performance.now() - t0) / 1000).toFixed(1)} s (${job.status})`,
    );
    await timeCalls(client!); // warm-up
    const stdio = await timeCalls(client!);
    await client!.close();

    // 2. HTTP: start-to-ready (spawn → /readyz 200), then time search_code.
    const httpStarts: number[] = [];
    let url = '';
    let child: ReturnType<typeof spawn> | undefined;
    for (let i = 0; i < STARTS; i++) {
      const port = 7500 + i;
      const t = performance.now();
      child = spawn(process.execPath, [...cli, 'serve', '--http', '--port', String(port)], {
        env: e,
        stdio: 'ignore',
      });
      url = `http://127.0.0.1:${port}`;
      for (;;) {
        const ok = await fetch(`${url}/readyz`).then(
          (r) => r.ok,
          () => false,
        );
        if (ok) break;
        await new Promise((r) => setTimeout(r, 10));
      }
      httpStarts.push(performance.now() - t);
      if (i < STARTS - 1) {
        child.kill('SIGTERM');
        await new Promise((r) => child!.once('exit', r));
      }
    }
    const http = new Client({ name: 'bench', version: '1' });
    await http.connect(new StreamableHTTPClientTransport(new URL(`${url}/mcp`)));
    await timeCalls(http);
    const httpTimes = await timeCalls(http);
    await http.close();
    child!.kill('SIGTERM');
    await new Promise((r) => child!.once('exit', r));

    const row = (name: string, xs: number[]) =>
      `${name.padEnd(34)} p50 ${pct(xs, 50).toFixed(1).padStart(7)} ms   p95 ${pct(xs, 95).toFixed(1).padStart(7)} ms   (n=${xs.length})`;
    const out = [
      row('start-to-ready, stdio (initialize)', starts),
      row('start-to-ready, HTTP (/readyz 200)', httpStarts),
      row('search_code over stdio', stdio),
      row('search_code over HTTP', httpTimes),
      `target start-to-ready < 1000 ms: ${pct(starts, 50) < 1000 && pct(httpStarts, 50) < 1000 ? 'met' : 'NOT met'} (medians)`,
    ];
    process.stdout.write(out.join('\n') + '\n');
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

await main();

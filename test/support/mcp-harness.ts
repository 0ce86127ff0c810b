/**
 * MCP test harness: a real store (PGlite in memory), a real job manager and the SDK's real Client
 * over an in-memory linked pair, with repositories written to temp dirs.
 */
import { mkdir, mkdtemp, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { JobManager, createServer, type McpSession } from '../../src/mcp/index.js';
import { openStore, type Store } from '../../src/store/index.js';

export async function tempDir(prefix = 'cmcp-mcp-'): Promise<string> {
  return realpath(await mkdtemp(join(tmpdir(), prefix)));
}

/** Writes `files` (relative path → content) under `root`. */
export async function writeFiles(root: string, files: Record<string, string>): Promise<void> {
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), content);
  }
}

export async function makeRepo(files: Record<string, string>, parent?: string): Promise<string> {
  const root = parent ? await realpath(await mkdtemp(join(parent, 'repo-'))) : await tempDir('cmcp-repo-');
  await writeFiles(root, files);
  return root;
}

/** A small TypeScript and Python repository with well-known symbols. */
export const SAMPLE_FILES: Record<string, string> = {
  'src/auth/token.ts': [
    'import { createHmac } from "node:crypto";',
    '',
    '/** Signs a session token for the user. */',
    'export function signSessionToken(userId: string, secret: string): string {',
    '  const payload = `${userId}.${Date.now()}`;',
    '  return payload + "." + createHmac("sha256", secret).update(payload).digest("hex");',
    '}',
    '',
    'export function verifySessionToken(token: string, secret: string): boolean {',
    '  const [user, time, mac] = token.split(".");',
    '  return signSessionToken(user + "." + time, secret).endsWith(mac ?? "");',
    '}',
    '',
  ].join('\n'),
  'src/cart/cart.ts': [
    'export class ShoppingCart {',
    '  private items: { sku: string; qty: number }[] = [];',
    '',
    '  addItem(sku: string, qty = 1): void {',
    '    this.items.push({ sku, qty });',
    '  }',
    '',
    '  totalQuantity(): number {',
    '    return this.items.reduce((n, i) => n + i.qty, 0);',
    '  }',
    '}',
    '',
  ].join('\n'),
  'scripts/report.py': [
    'def render_invoice_report(invoices):',
    '    """Render invoices as a plain text report."""',
    '    lines = []',
    '    for invoice in invoices:',
    '        lines.append(f"{invoice.id}: {invoice.total}")',
    '    return "\\n".join(lines)',
    '',
  ].join('\n'),
  'README.md': '# Sample\n\nA sample repository for the MCP tests.\n',
};

export interface Harness {
  readonly store: Store;
  readonly jobs: JobManager;
  readonly client: Client;
  readonly session: McpSession;
  /** Calls a tool and returns the raw result. */
  call(
    name: string,
    args?: Record<string, unknown>,
    options?: Parameters<Client['callTool']>[2],
  ): Promise<CallToolResult>;
  /** Calls a tool that must succeed and parses its JSON answer. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read nested JSON answers
  json<T = Record<string, any>>(name: string, args?: Record<string, unknown>): Promise<T>;
  /** Opens one more client session on the same store and jobs. */
  connect(options?: { roots?: string[] }): Promise<{ client: Client; close(): Promise<void> }>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  readonly roots: readonly string[];
  readonly trustClientRoots?: boolean;
  readonly clientRoots?: string[];
  readonly maxConcurrentJobs?: number;
  /** A store shared with other harnesses; its repositories are removed on close. */
  readonly store?: Store;
  readonly pollIntervalMs?: number;
}

export async function startHarness(options: HarnessOptions): Promise<Harness> {
  const store = options.store ?? (await openStore({ url: 'memory://' }));
  const jobs = new JobManager({
    store,
    maxConcurrentJobs: options.maxConcurrentJobs ?? 1,
    maxFileBytes: 1024 * 1024,
    workers: 0,
    pollIntervalMs: options.pollIntervalMs ?? 100,
  });
  await jobs.start();
  const sessions: { client: Client; session: McpSession }[] = [];

  const connect = async (opts: { roots?: string[] } = {}) => {
    const session = createServer({
      store,
      jobs,
      project: 'default',
      roots: options.roots,
      trustClientRoots: options.trustClientRoots ?? false,
      version: '0.0.0-test',
    });
    const client = new Client(
      { name: 'test-client', version: '1.0.0' },
      opts.roots ? { capabilities: { roots: { listChanged: true } } } : {},
    );
    if (opts.roots) {
      const { ListRootsRequestSchema } = await import('@modelcontextprotocol/sdk/types.js');
      client.setRequestHandler(ListRootsRequestSchema, () => ({
        roots: opts.roots!.map((r) => ({ uri: `file://${r}` })),
      }));
    }
    const [a, b] = InMemoryTransport.createLinkedPair();
    await Promise.all([session.server.connect(a), client.connect(b)]);
    sessions.push({ client, session });
    return { client, close: () => client.close() };
  };

  const first = await connect(options.clientRoots ? { roots: options.clientRoots } : {});
  const { session } = sessions[0]!;
  const call = (
    name: string,
    args: Record<string, unknown> = {},
    callOptions?: Parameters<Client['callTool']>[2],
  ) => first.client.callTool({ name, arguments: args }, undefined, callOptions) as Promise<CallToolResult>;
  return {
    store,
    jobs,
    client: first.client,
    session,
    call,
    async json(name, args) {
      const result = await call(name, args);
      const text = textOf(result);
      if (result.isError) throw new Error(`${name} failed: ${text}`);
      return JSON.parse(text);
    },
    connect,
    async close() {
      await jobs.stop(10_000);
      for (const s of sessions) await s.client.close().catch(() => undefined);
      if (!options.store) await store.close();
      else for (const repo of await store.listRepositories()) await store.removeRepository(repo.id);
    },
  };
}

export function textOf(result: CallToolResult): string {
  const first = result.content[0];
  return first && first.type === 'text' ? first.text : '';
}

export async function removeDir(path: string): Promise<void> {
  await rm(path, { recursive: true, force: true });
}

/** A repository of `count` TypeScript files, each with two small functions: slow enough to cancel. */
export async function makeLargeRepo(count: number, parent?: string): Promise<string> {
  const files: Record<string, string> = {};
  for (let i = 0; i < count; i++) {
    files[`src/module${Math.floor(i / 100)}/file${i}.ts`] = [
      `export function compute${i}(input: number): number {`,
      `  const scaled = input * ${i + 1};`,
      `  return scaled + helper${i}(scaled);`,
      '}',
      '',
      `function helper${i}(value: number): number {`,
      `  return value % ${(i % 13) + 2} === 0 ? value / 2 : value * 3 + 1;`,
      '}',
      '',
    ].join('\n');
  }
  return makeRepo(files, parent);
}

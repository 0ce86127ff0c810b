/**
 * The dev compose stack (compose.yaml) under a throw-away project name, with a fixture repository
 * mounted at /repo, and an MCP client that talks to it over Streamable HTTP.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { docker, dockerOk, freePort, IMAGE, type RunResult } from './docker.js';

const TOKEN = 'container-test-token-0123456789';

export interface Stack {
  readonly dir: string;
  readonly port: number;
  compose(args: readonly string[], timeoutMs?: number): Promise<RunResult>;
  /** Container id of a service. */
  id(service: string): Promise<string>;
  health(service: string): Promise<string>;
  connect(): Promise<Client>;
  destroy(): Promise<void>;
}

/** Writes the fixture repositories and the env file; nothing is started yet. */
export async function createStack(): Promise<Stack> {
  const dir = await mkdtemp(join(tmpdir(), 'codebase-mcp-stack-'));
  const repos = join(dir, 'repos');
  await writeSmallRepo(join(repos, 'small'));
  await writeBigRepo(join(repos, 'big'), 60, 50);
  const port = await freePort();
  const pgPort = await freePort();
  const envFile = join(dir, 'stack.env');
  await writeFile(
    envFile,
    [
      'POSTGRES_PASSWORD=container-test-password',
      `CODEBASE_MCP_AUTH_TOKEN=${TOKEN}`,
      `CODEBASE_MCP_IMAGE=${IMAGE}`,
      `REPO_PATH=${repos}`,
      `CODEBASE_MCP_HOST_PORT=${port}`,
      `POSTGRES_HOST_PORT=${pgPort}`,
      'CODEBASE_MCP_SHUTDOWN_TIMEOUT=20',
      'DB_WAIT_TIMEOUT=30',
      '',
    ].join('\n'),
  );
  const project = `codebase-mcp-ctest-${process.pid}`;
  const compose = (args: readonly string[], timeoutMs = 600_000) =>
    docker(['compose', '-p', project, '--env-file', envFile, '-f', 'compose.yaml', ...args], { timeoutMs });
  const id = async (service: string) =>
    (await compose(['ps', '-aq', service])).stdout.trim().split('\n')[0] ?? '';
  return {
    dir,
    port,
    compose,
    id,
    async health(service) {
      return (await dockerOk(['inspect', '-f', '{{.State.Health.Status}}', await id(service)])).stdout.trim();
    },
    async connect() {
      const transport = new StreamableHTTPClientTransport(new URL(`http://127.0.0.1:${port}/mcp`), {
        requestInit: { headers: { Authorization: `Bearer ${TOKEN}` } },
      });
      const client = new Client({ name: 'container-test', version: '0.0.0' });
      await client.connect(transport);
      return client;
    },
    async destroy() {
      await compose(['down', '-v', '--remove-orphans', '-t', '5']);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Calls a tool and returns its structured answer; a tool error throws with its text. */
export async function callTool(
  client: Client,
  name: string,
  args: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  const result = await client.callTool({ name, arguments: args });
  const text =
    (result.content as { type: string; text?: string }[] | undefined)?.find((c) => c.type === 'text')?.text ??
    '';
  if (result.isError) throw new Error(`${name} failed: ${text}`);
  return (
    (result.structuredContent as Record<string, unknown> | undefined) ??
    (JSON.parse(text) as Record<string, unknown>)
  );
}

const TERMINAL = ['completed', 'completed_with_errors', 'failed', 'cancelled', 'interrupted'];

/** Polls get_indexing_status until the job ends (the server offers no push for a plain call). */
export async function waitForJob(
  client: Client,
  jobId: string,
  timeoutMs = 240_000,
): Promise<Record<string, unknown>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const status = await callTool(client, 'get_indexing_status', { job_id: jobId });
    if (TERMINAL.includes(String(status['status']))) return status;
    if (Date.now() > deadline)
      throw new Error(`job ${jobId} still ${String(status['status'])} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 300));
  }
}

/** Paths of the results of a search_code answer. */
export function resultPaths(answer: Record<string, unknown>): string[] {
  return ((answer['results'] as { path?: string }[] | undefined) ?? []).map((r) => String(r.path));
}

async function put(path: string, content: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, content);
}

async function writeSmallRepo(root: string): Promise<void> {
  await put(
    join(root, 'src/billing/invoice.ts'),
    [
      'export interface LineItem { readonly sku: string; readonly cents: number; readonly quantity: number }',
      '',
      '/** Sum of the line items, with the VAT rate applied once at the end. */',
      'export function calculateInvoiceTotal(items: readonly LineItem[], vatRate: number): number {',
      '  const net = items.reduce((sum, item) => sum + item.cents * item.quantity, 0);',
      '  return Math.round(net * (1 + vatRate));',
      '}',
      '',
    ].join('\n'),
  );
  await put(
    join(root, 'app/payments.py'),
    [
      'class PaymentGateway:',
      '    def refund_payment(self, payment_id: str, amount_cents: int) -> bool:',
      '        """Send a refund to the card network."""',
      '        return self.client.post(f"/refunds/{payment_id}", {"amount": amount_cents}).ok',
      '',
    ].join('\n'),
  );
  await put(join(root, 'README.md'), '# Shop\n\nInvoices and payments for the shop.\n');
}

/** Many ordinary files, so that indexing takes long enough to be interrupted. */
async function writeBigRepo(root: string, packages: number, filesPerPackage: number): Promise<void> {
  for (let p = 0; p < packages; p++) {
    for (let f = 0; f < filesPerPackage; f++) {
      const lines: string[] = [`// package ${p}, module ${f}`];
      for (let fn = 0; fn < 12; fn++) {
        lines.push(
          `export function transformRecord_${p}_${f}_${fn}(input: Record<string, number>): number {`,
          `  let total = ${fn};`,
          '  for (const [key, value] of Object.entries(input)) total += key.length * value;',
          `  return total % ${997 + fn};`,
          '}',
          '',
        );
      }
      await put(join(root, `pkg${p}/module${f}.ts`), lines.join('\n'));
    }
  }
}

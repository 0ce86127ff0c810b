import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_FILES, makeRepo, removeDir, tempDir } from '../support/mcp-harness.js';
import { cliCommand, serverEnv } from '../support/mcp-process.js';

const parse = (r: CallToolResult) => JSON.parse((r.content[0] as { text: string }).text);

describe('codebase-mcp serve over stdio (spawned process)', () => {
  let work: string;
  let repo: string;
  let client: Client;
  let transport: StdioClientTransport;
  let stderr = '';

  beforeAll(async () => {
    work = await tempDir();
    repo = await makeRepo(SAMPLE_FILES, work);
    const { command, args } = cliCommand();
    transport = new StdioClientTransport({
      command,
      args: [...args, 'serve'],
      cwd: repo, // the default allowed root for stdio is the working directory
      env: serverEnv({ CODEBASE_MCP_DATABASE_URL: `${work}/db` }),
      stderr: 'pipe',
    });
    transport.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    client = new Client({ name: 'e2e', version: '1.0.0' });
    await client.connect(transport);
  });
  afterAll(async () => {
    await client.close();
    await removeDir(work);
  });

  it('initializes with instructions and lists the tools', async () => {
    expect(client.getServerVersion()?.name).toBe('codebase-mcp');
    expect(client.getInstructions()).toMatch(/search_code/);
    const { tools } = await client.listTools();
    expect(tools).toHaveLength(7);
  });

  it('indexes the working directory, then searches and reads it', async () => {
    const started = parse(
      (await client.callTool({ name: 'index_repository', arguments: { path: '.' } })) as CallToolResult,
    );
    expect(started['repository']).toBe(repo);
    let status = started;
    for (
      let i = 0;
      i < 200 && !['completed', 'completed_with_errors', 'failed'].includes(status['status']);
      i++
    ) {
      await new Promise((r) => setTimeout(r, 50)); // polling is how an assistant uses this tool
      status = parse(
        (await client.callTool({
          name: 'get_indexing_status',
          arguments: { job_id: started['job_id'] },
        })) as CallToolResult,
      );
    }
    expect(status['status']).toBe('completed');
    const found = parse(
      (await client.callTool({
        name: 'search_code',
        arguments: { query: 'ShoppingCart addItem' },
      })) as CallToolResult,
    );
    expect(found['results'][0].path).toBe('src/cart/cart.ts');
    const read = parse(
      (await client.callTool({
        name: 'read_code',
        arguments: { repository: repo, path: 'scripts/report.py' },
      })) as CallToolResult,
    );
    expect(read['content']).toContain('def render_invoice_report');
  });

  it('refuses directories outside the working directory', async () => {
    const result = (await client.callTool({
      name: 'index_repository',
      arguments: { path: work },
    })) as CallToolResult;
    expect(result.isError).toBe(true);
  });

  it('writes logs to stderr only (stdout carries protocol messages, or the client would have failed)', () => {
    expect(stderr).toMatch(/MCP server ready on stdio/);
  });
});

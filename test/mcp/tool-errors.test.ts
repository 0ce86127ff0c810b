import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
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

/** Expected failures: tool results with isError and a message that says what to do. */
async function expectToolError(
  h: Harness,
  name: string,
  args: Record<string, unknown>,
  pattern: RegExp,
): Promise<string> {
  const result = await h.call(name, args);
  const text = textOf(result);
  expect(result.isError, text).toBe(true);
  expect(text).toMatch(pattern);
  expect(text).not.toMatch(/\n\s+at /); // never a stack trace
  return text;
}

async function expectProtocolError(
  h: Harness,
  name: string,
  args: Record<string, unknown>,
  pattern: RegExp,
): Promise<void> {
  const error = await h.call(name, args).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(McpError);
  expect((error as McpError).code).toBe(ErrorCode.InvalidParams);
  expect((error as McpError).message).toMatch(pattern);
}

describe('MCP tool errors', () => {
  let allowed: string;
  let outside: string;
  let h: Harness;

  beforeAll(async () => {
    allowed = await tempDir();
    outside = await tempDir();
    await writeFile(join(outside, 'secret.ts'), 'export const secret = 1;\n');
    h = await startHarness({ roots: [allowed] });
  });
  afterAll(async () => {
    await h.close();
    await removeDir(allowed);
    await removeDir(outside);
  });

  it('nothing indexed yet: search, list status and read say to index first', async () => {
    await expectToolError(h, 'search_code', { query: 'anything' }, /NOT_INDEXED.*index_repository/);
    await expectToolError(h, 'read_code', { repository: allowed, path: 'a.ts' }, /NOT_INDEXED/);
    await expectToolError(h, 'get_indexing_status', { repository: allowed }, /NOT_INDEXED/);
    await expectToolError(h, 'remove_repository', { repository: allowed }, /NOT_INDEXED/);
  });

  it('refuses to index a directory outside the allowed roots, also through a symlink', async () => {
    const text = await expectToolError(h, 'index_repository', { path: outside }, /PATH_NOT_ALLOWED/);
    expect(text).toContain(allowed);
    expect(text).toContain('CODEBASE_MCP_ROOTS');
    // h does not trust client roots (as over HTTP): only the configured roots and a restart help.
    expect(text).toMatch(/restart the server \(roots announced by clients are not used over HTTP\)/);
    const link = join(allowed, 'sneaky');
    await symlink(outside, link);
    await expectToolError(h, 'index_repository', { path: link }, /PATH_NOT_ALLOWED/);
    await expectToolError(h, 'index_repository', { path: join(allowed, '..', '..') }, /PATH_NOT_ALLOWED/);
  });

  it('reports a missing directory and a file given as repository', async () => {
    await expectToolError(
      h,
      'index_repository',
      { path: join(allowed, 'missing') },
      /PATH_NOT_FOUND.*does not exist/,
    );
    await writeFile(join(allowed, 'file.txt'), 'x');
    await expectToolError(h, 'index_repository', { path: join(allowed, 'file.txt') }, /NOT_A_DIRECTORY/);
  });

  describe('with a repository indexed', () => {
    let repo: string;
    beforeAll(async () => {
      repo = await makeRepo(SAMPLE_FILES, allowed);
      const job = await h.json('index_repository', { path: repo });
      await h.jobs.waitFor(job['job_id']);
    });

    it('unknown repository lists the indexed ones', async () => {
      const text = await expectToolError(
        h,
        'search_code',
        { query: 'cart', repository: '/no/such/repo' },
        /REPOSITORY_NOT_FOUND/,
      );
      expect(text).toContain(repo);
      await expectToolError(h, 'read_code', { repository: 'nope', path: 'a.ts' }, /REPOSITORY_NOT_FOUND/);
    });

    it('unknown job id', async () => {
      await expectToolError(h, 'get_indexing_status', { job_id: 'no-such-job' }, /JOB_NOT_FOUND/);
      await expectToolError(h, 'cancel_indexing', { job_id: 'no-such-job' }, /JOB_NOT_FOUND/);
    });

    it('read_code refuses paths that leave the repository and explains files missing from the index', async () => {
      await expectToolError(h, 'read_code', { repository: repo, path: '../secret.ts' }, /PATH_NOT_ALLOWED/);
      await expectToolError(h, 'read_code', { repository: repo, path: '/etc/passwd' }, /PATH_NOT_ALLOWED/);
      await expectToolError(
        h,
        'read_code',
        { repository: repo, path: 'src/none.ts' },
        /not in the index.*search_code/,
      );
      await expectToolError(
        h,
        'read_code',
        { repository: repo, path: 'src/cart/cart.ts', start_line: 500 },
        /past the end/,
      );
    });

    it('search_code rejects an invalid glob as a tool error', async () => {
      await expectToolError(h, 'search_code', { query: 'cart', path: '[' }, /glob|pattern/i);
    });

    it('a query of only stop words answers with a notice, not an error', async () => {
      const answer = await h.json('search_code', { query: 'the and of' });
      expect(answer['results']).toEqual([]);
      expect(answer['notice']).toBeTypeOf('string');
    });
  });

  it('malformed arguments are JSON-RPC invalid-params errors', async () => {
    await expectProtocolError(h, 'search_code', {}, /query/);
    await expectProtocolError(h, 'search_code', { query: 'x', limit: 51 }, /limit/);
    await expectProtocolError(h, 'search_code', { query: 'x'.repeat(2001) }, /query/);
    await expectProtocolError(
      h,
      'search_code',
      { query: 'x', language: 'klingon' },
      /language: expected a language name, or a list of them, from: typescript, tsx, .*, python, /,
    );
    await expectProtocolError(
      h,
      'search_code',
      { query: 'x', language: ['go', 'klingon'] },
      /from: typescript/,
    );
    await expectProtocolError(h, 'search_code', { query: 'x', unexpected: true }, /unexpected|Unrecognized/i);
    await expectProtocolError(h, 'index_repository', { path: 42 }, /path/);
    await expectProtocolError(h, 'get_indexing_status', {}, /job_id or repository/);
    await expectProtocolError(
      h,
      'read_code',
      { repository: 'r', path: 'a', start_line: 5, end_line: 2 },
      /start_line/,
    );
    await expectProtocolError(h, 'no_such_tool', {}, /Unknown tool/);
  });

  it('honours roots announced by the client when the transport trusts them', async () => {
    const clientRoot = await tempDir();
    await mkdir(join(clientRoot, 'r'));
    await writeFile(join(clientRoot, 'r', 'a.ts'), 'export const fromClientRoot = 1;\n');
    const trusted = await startHarness({
      roots: [allowed],
      trustClientRoots: true,
      clientRoots: [clientRoot],
      store: h.store,
    });
    const untrusted = await startHarness({
      roots: [allowed],
      trustClientRoots: false,
      clientRoots: [clientRoot],
      store: h.store,
    });
    try {
      const job = await trusted.json('index_repository', { path: join(clientRoot, 'r') });
      await trusted.jobs.waitFor(job['job_id']);
      expect((await trusted.jobs.waitFor(job['job_id']))?.status).toBe('completed');
      const refused = await expectToolError(
        trusted,
        'index_repository',
        { path: outside },
        /PATH_NOT_ALLOWED/,
      );
      expect(refused).toMatch(/roots of your MCP client \(it applies without a restart\)/);
      await expectToolError(
        untrusted,
        'index_repository',
        { path: join(clientRoot, 'r') },
        /PATH_NOT_ALLOWED/,
      );
    } finally {
      await trusted.close();
      await untrusted.close();
      await removeDir(clientRoot);
    }
  });
});

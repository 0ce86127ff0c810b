import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeRepo, SAMPLE_REPO } from '../support/fixture-repo.js';
import { runCli } from '../support/run-cli.js';

let root: string;
let data: string;
let env: Record<string, string>;

beforeAll(async () => {
  root = await makeRepo(SAMPLE_REPO);
  data = await mkdtemp(join(tmpdir(), 'cmcp-data-'));
  env = { CODEBASE_MCP_DATABASE_URL: join(data, 'db') };
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
  await rm(data, { recursive: true, force: true });
});

describe('codebase-mcp CLI', () => {
  it('index reports what it did and exits 0', async () => {
    const run = await runCli(['index', root], { env });
    expect(run.stderr).not.toMatch(/error/i);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/7 files indexed, 0 unchanged, 0 removed/);
    expect(run.stdout).toMatch(/Skipped \d+:/);
  });

  it('search prints path:start-end, the symbol and a snippet', async () => {
    const run = await runCli(['search', 'dispatch request to handler', '--limit', '3'], { env });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^1\. src\/router\.ts:\d+-\d+ {2}Router(\.handle)?/m);
    expect(run.stdout).toMatch(/^\s+3 \| \/\*\* Routes requests to handlers/m);
  });

  it('search --json prints the documented fields', async () => {
    const run = await runCli(['search', 'TokenBucket', '--json'], { env });
    expect(run.code).toBe(0);
    const rows = JSON.parse(run.stdout) as Record<string, unknown>[];
    expect(rows[0]).toEqual({
      repository: root,
      path: 'lib/retry.py',
      startLine: expect.any(Number),
      endLine: expect.any(Number),
      symbol: 'TokenBucket',
      kind: 'class',
      language: 'python',
      score: expect.any(Number),
      content: expect.stringContaining('class TokenBucket'),
    });
  });

  it('search --repository takes a path relative to the working directory', async () => {
    const here = await runCli(['search', 'TokenBucket', '--repository', '.', '--json'], { env, cwd: root });
    expect(here.code).toBe(0);
    expect((JSON.parse(here.stdout) as { repository: string }[])[0]!.repository).toBe(root);
    const elsewhere = await runCli(['search', 'TokenBucket', '--repository', '.'], { env, cwd: tmpdir() });
    expect(elsewhere.code).not.toBe(0);
    expect(elsewhere.stderr).toMatch(/^error: Repository "\/[^"]*" is not indexed/m);
  });

  it('search filters by path glob and language', async () => {
    const byLang = JSON.parse(
      (await runCli(['search', 'server listen', '--lang', 'go', '--json'], { env })).stdout,
    ) as { language: string }[];
    expect(byLang.length).toBeGreaterThan(0);
    expect(byLang.every((r) => r.language === 'go')).toBe(true);
    const byPath = JSON.parse(
      (await runCli(['search', 'router', '--path', 'test/**', '--json'], { env })).stdout,
    ) as { path: string }[];
    expect(byPath.map((r) => r.path)).toEqual(['test/router.test.ts']);
  });

  it('dry run lists files per language and exclusions without writing', async () => {
    const other = await makeRepo({
      'a.py': 'x = 1\n',
      'b.ts': 'export const y = 2;\n',
      'node_modules/z/index.js': 'z',
    });
    const run = await runCli(['index', other, '--dry-run'], { env });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Would index 2 files/);
    expect(run.stdout).toMatch(/python\s+1/);
    expect(run.stdout).toMatch(/default-exclude\s+1/);
    const list = await runCli(['list', '--json'], { env });
    expect(JSON.parse(list.stdout).map((r: { rootPath: string }) => r.rootPath)).not.toContain(other);
  });

  it('status, list and remove manage indexed repositories', async () => {
    const status = await runCli(['status', root], { env });
    expect(status.code).toBe(0);
    expect(status.stdout).toMatch(/7 files, \d+ chunks/);
    expect(status.stdout).toMatch(/last job .*: completed/);
    const list = await runCli(['list'], { env });
    expect(list.stdout).toContain('[project default]');
    const other = await makeRepo({ 'x.rb': 'def hello\n  puts "hi"\nend\n' });
    const dry = await runCli(['index', other, '--dry-run'], { env });
    expect(dry.stdout).toMatch(/Would index 1 file \(26 bytes\):/);
    const one = await runCli(['index', other, '--project', 'second'], { env });
    expect(one.code).toBe(0);
    expect(one.stdout).toMatch(/ 1 file indexed, 0 unchanged, 0 removed; 1 file and 1 chunk in the index\./);
    const second = await runCli(['status', other, '--project', 'second'], { env });
    expect(second.stdout).toMatch(/ 1 file, 1 chunk, last indexed/);
    expect(second.stdout).toMatch(/1\/1 file, 1 chunk written/);
    expect((await runCli(['remove', other, '--project', 'second'], { env })).stdout).toMatch(
      /Removed .* \(1 file, 1 chunk\)\./,
    );
    expect((await runCli(['status', other, '--project', 'second'], { env })).code).toBe(1);
  });

  it('re-indexing a repository whose files are all gone removes them and warns', async () => {
    const gone = await makeRepo({ 'v.py': 'def vanishing_fn():\n    pass\n' });
    const opts = { env: { ...env, CODEBASE_MCP_LOG_LEVEL: 'error' } };
    expect((await runCli(['index', gone, '--project', 'gone'], opts)).code).toBe(0);
    await rm(join(gone, 'v.py'));
    const run = await runCli(['index', gone, '--project', 'gone'], opts);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/0 files indexed, 0 unchanged, 1 removed; 0 files and 0 chunks in the index/);
    expect(run.stdout).toMatch(
      /WARNING No files matched this time, so the 1 file indexed before was removed/,
    );
    const search = await runCli(['search', 'vanishing_fn', '--repository', gone, '--project', 'gone'], opts);
    expect(search.stdout).not.toMatch(/v\.py/);
    const status = await runCli(['status', gone, '--project', 'gone'], opts);
    expect(status.stdout).toMatch(/0 files, 0 chunks/);
    expect(status.stdout).toMatch(/warning: No files matched/);
    await runCli(['remove', gone, '--project', 'gone'], opts);
    await rm(gone, { recursive: true, force: true });
  });

  it('index --help explains --include', async () => {
    const run = await runCli(['index', '--help'], { env });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/--include GLOB +Index only the files matching/);
    expect(run.stdout).toMatch(/removed from\s+the index on this run/);
  });

  it('fails with one clear line and a non-zero code on bad input', async () => {
    const missing = await runCli(['index', join(root, 'no-such-dir')], { env });
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    expect(missing.stderr).toMatch(/^error: .*no-such-dir/);

    const file = join(root, 'README.md');
    expect((await runCli(['index', file], { env })).stderr).toMatch(/not a directory/i);

    const empty = await mkdtemp(join(tmpdir(), 'cmcp-empty-'));
    const emptyRun = await runCli(['index', empty], { env });
    expect(emptyRun.code).toBe(1);
    expect(emptyRun.stderr).toMatch(/no files to index|empty/i);

    const usage = await runCli(['search'], { env });
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/Usage: codebase-mcp search/);

    const badLimit = await runCli(['search', 'x', '--limit', '500'], { env });
    expect(badLimit.code).toBe(2);

    const unknown = await runCli(['frobnicate'], { env });
    expect(unknown.stderr).toMatch(/Unknown command "frobnicate"/);
    // a command group names its subcommands
    const group = await runCli(['db'], { env });
    expect(group.code).toBe(2);
    expect(group.stderr).toMatch(/^error: "db" needs a subcommand\. Use db status or db wait/m);
    expect((await runCli(['db', 'bogus'], { env })).stderr).toMatch(/Unknown command "db bogus"/);
  });

  it('db wait gives up at once on a PGlite directory that cannot be created', async () => {
    const started = Date.now();
    const run = await runCli(['db', 'wait', '--timeout', '20'], {
      env: { ...env, CODEBASE_MCP_DATABASE_URL: '/proc/codebase-mcp-test/data' },
    });
    expect(run.code).toBe(1);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(run.stderr).toMatch(
      /^error: database \/proc\/codebase-mcp-test\/data cannot be opened: Could not create the data directory .* \(ENOENT\)/m,
    );
  });

  it('reports usage errors in one line of its own words, with exit code 2', async () => {
    const usage = async (argv: string[], message: RegExp) => {
      const run = await runCli(argv, { env });
      expect(run.code).toBe(2);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(run.stderr).toMatch(/^error: /);
      expect(run.stderr).toMatch(message);
      expect(run.stderr).not.toMatch(/Did you forget|Invalid input|Missing closing|as in '/);
    };
    await usage(['search', 'x', '--limit', '-3'], /Option --limit needs a value; "-3" .*--limit=-3/);
    await usage(['search', 'x', '-n', '-3'], /--limit=-3/);
    await usage(
      ['search', 'x', '--bogus'],
      /Unknown option "--bogus" \(to pass it as an argument, put it after "--"\)/,
    );
    await usage(['search', 'x', '--json=yes'], /Option --json takes no value/);
    await usage(['search', 'x', '--path', '[abc'], /Invalid path glob "\[abc"/);
    await usage(
      ['index', root, '--dry-run', '--include', 'src/[ab'],
      /Invalid include glob "src\/\[ab": the "\[" is never closed/,
    );
    await usage(['serve', '--port', '1234'], /^error: --port applies only with --http\. Add --http/);
    await usage(['serve', '--host', '0.0.0.0', '--port', '1'], /--host and --port apply only with --http/);
    await usage(['index', root, '--workers', 'abc'], /--workers\): expected a number, got "abc"/);
    await usage(['index', root, '--max-file-bytes', '0'], /must be at least 1 byte, got "0"/);
  });

  it('reports an unreadable database clearly', async () => {
    const bogus = join(data, 'not-a-db');
    await writeFile(bogus, 'this is a file, not a PGlite directory');
    const run = await runCli(['list'], { env: { CODEBASE_MCP_DATABASE_URL: bogus } });
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/^error: .*not-a-db/);
  });

  it('searching before indexing anything tells the user what to do', async () => {
    const fresh = await mkdtemp(join(tmpdir(), 'cmcp-fresh-'));
    const run = await runCli(['search', 'anything'], {
      env: { CODEBASE_MCP_DATABASE_URL: join(fresh, 'db') },
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/Nothing is indexed.*codebase-mcp index/);
  });
});

import { execFile } from 'node:child_process';
import { chmod } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { CodebaseError } from '../../src/core/index.js';
import { scanRepository } from '../../src/scan/index.js';
import { createTree } from './support/tree.js';
import type { Entry, Tree } from './support/tree.js';

const trees: Tree[] = [];
afterEach(async () => {
  await Promise.all(trees.splice(0).map((tree) => tree.remove()));
});

async function tree(entries: Record<string, Entry>): Promise<Tree> {
  const created = await createTree(entries);
  trees.push(created);
  return created;
}

async function rejection(promise: Promise<unknown>): Promise<CodebaseError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CodebaseError);
  return error as CodebaseError;
}

describe('scanRepository errors', () => {
  it('rejects a missing root with PATH_NOT_FOUND and a hint', async () => {
    const { root } = await tree({});
    const error = await rejection(scanRepository(join(root, 'nope')));
    expect(error.code).toBe('PATH_NOT_FOUND');
    expect(error.message).toContain(join(root, 'nope'));
    expect(error.hint).toMatch(/existing directory/);
  });

  it('rejects a file as root with NOT_A_DIRECTORY', async () => {
    const { root } = await tree({ 'file.ts': 'x' });
    const error = await rejection(scanRepository(join(root, 'file.ts')));
    expect(error.code).toBe('NOT_A_DIRECTORY');
    expect(error.hint).toMatch(/directory/);
  });

  it.each([['src/[a'], ['**/*.{ts,tsx'], [''], ['/etc/*.conf'], ['../other/**']])(
    'rejects the include glob %j with INVALID_GLOB naming it',
    async (glob) => {
      const { root } = await tree({ 'a.ts': 'x' });
      const error = await rejection(scanRepository(root, { include: ['*.ts', glob] }));
      expect(error.code).toBe('INVALID_GLOB');
      expect(error.message).toContain(JSON.stringify(glob));
      expect(error.details).toEqual({ glob });
    },
  );

  it('rejects a non-positive maxFileBytes', async () => {
    const { root } = await tree({ 'a.ts': 'x' });
    expect((await rejection(scanRepository(root, { maxFileBytes: 0 }))).code).toBe('INVALID_ARGUMENT');
  });

  it('stops with CANCELLED when the signal is aborted', async () => {
    const { root } = await tree({ 'a/b.ts': 'x' });
    const error = await rejection(scanRepository(root, { signal: AbortSignal.abort() }));
    expect(error.code).toBe('CANCELLED');
  });

  it('skips a named pipe as unreadable instead of blocking on it', async () => {
    const { root } = await tree({ 'a.ts': 'x', pipe: { fifo: true } });
    const result = await scanRepository(root);
    expect(result.files.map((f) => f.path)).toEqual(['a.ts']);
    expect(result.skipped).toEqual([{ path: 'pipe', reason: 'unreadable', detail: 'not a regular file' }]);
  });

  it('does not block on a .gitignore that is a named pipe', async () => {
    const { root } = await tree({ 'a.ts': 'x', '.gitignore': { fifo: true } });
    const result = await scanRepository(root);
    expect(result.files.map((f) => f.path)).toEqual(['a.ts']);
    expect(result.skipped).toEqual([
      { path: '.gitignore', reason: 'unreadable', detail: 'not a regular file' },
    ]);
  });

  it('reports files and directories it may not read as unreadable, and goes on', async () => {
    const { root } = await tree({
      'ok.ts': 'export {}',
      'locked-file.ts': 'export const hidden = 1;',
      'locked-dir/inner.ts': 'x',
    });
    await chmod(join(root, 'locked-file.ts'), 0o000);
    await chmod(join(root, 'locked-dir'), 0o000);
    // Root may read anything: run the scan as an unprivileged user in a child process.
    const repo = fileURLToPath(new URL('../../', import.meta.url));
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', join(repo, 'test/scan/support/scan-unprivileged.ts'), root],
      { cwd: repo },
    );
    const outcome = JSON.parse(stdout) as { uid: number; skipped: unknown[]; reads: unknown[] };
    expect(outcome.uid).not.toBe(0);
    expect(outcome.skipped).toEqual([{ path: 'locked-dir/', reason: 'unreadable', detail: 'EACCES' }]);
    expect(outcome.reads).toEqual([
      { path: 'locked-file.ts', kind: 'skipped', reason: 'unreadable', detail: 'EACCES' },
      { path: 'ok.ts', kind: 'text' },
    ]);
  });
});

describe('scanRepository include filter', () => {
  it('keeps matching files, counts the others without listing them', async () => {
    const { root } = await tree({
      'src/a.ts': '',
      'src/deep/b.ts': '',
      'src/c.py': '',
      'docs/guide/intro.md': '',
      'README.md': '',
    });
    const result = await scanRepository(root, { include: ['*.ts', 'docs/'] });
    expect(result.files.map((f) => f.path)).toEqual(['docs/guide/intro.md', 'src/a.ts', 'src/deep/b.ts']);
    expect(result.skipped).toEqual([]);
    expect(result.skippedCounts['not-matching-filter']).toBe(2);
  });

  it('selects whole directories by name or glob, and paths by full globs', async () => {
    const { root } = await tree({
      'packages/a/src/x.ts': '',
      'packages/b/y.go': '',
      'apps/web/z.ts': '',
      'apps/web/z.test.ts': '',
    });
    const result = await scanRepository(root, { include: ['packages/*', 'apps/**/*.test.ts'] });
    expect(result.files.map((f) => f.path)).toEqual([
      'apps/web/z.test.ts',
      'packages/a/src/x.ts',
      'packages/b/y.go',
    ]);
  });

  it('still applies ignore rules to files the include filter selects', async () => {
    const { root } = await tree({
      '.gitignore': 'gen.ts\n',
      'gen.ts': '',
      'node_modules/x/y.ts': '',
      'a.ts': '',
    });
    const result = await scanRepository(root, { include: ['**/*.ts'] });
    expect(result.files.map((f) => f.path)).toEqual(['a.ts']);
  });

  it('brings back a default-excluded directory that a glob names, and nothing else', async () => {
    const { root } = await tree({
      'build/gen/api.py': '',
      'build/tmp.py': '',
      'packages/foo/package.json': '{}',
      'packages/foo/dist/index.js': '',
      'node_modules/x/y.js': '',
      'dist/bundle.js': '',
      'src/a.py': '',
    });
    const result = await scanRepository(root, { include: ['build/gen/**', 'packages/*/dist/*.js', '*.py'] });
    expect(result.files.map((f) => f.path)).toEqual([
      'build/gen/api.py',
      'build/tmp.py',
      'packages/foo/dist/index.js',
      'src/a.py',
    ]);
    // `*.py` and `**` name no directory: node_modules/ and dist/ stay excluded.
    expect(result.skipped.map((s) => s.path)).toEqual(['dist/', 'node_modules/']);
  });

  it('brings back a directory named at any depth after a globstar', async () => {
    const { root } = await tree({ 'a/package.json': '{}', 'a/dist/x.js': '', 'b/dist/y.js': '' });
    const result = await scanRepository(root, { include: ['**/dist/**'] });
    expect(result.files.map((f) => f.path)).toEqual(['a/dist/x.js', 'b/dist/y.js']);
  });

  it('never brings back version control metadata or what .gitignore ignores', async () => {
    const { root } = await tree({
      '.gitignore': 'build/\n',
      '.git/config': '[core]',
      'build/x.py': '',
      'a.py': '',
    });
    const result = await scanRepository(root, { include: ['.git/**', 'build/**', 'a.py'] });
    expect(result.files.map((f) => f.path)).toEqual(['a.py']);
    expect(result.skipped.map((s) => `${s.path} ${s.reason}`)).toEqual([
      '.git/ default-exclude',
      'build/ ignored',
    ]);
  });
});

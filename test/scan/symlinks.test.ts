import { mkdtemp, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { scanRepository } from '../../src/scan/index.js';
import { createTree } from './support/tree.js';
import type { Tree } from './support/tree.js';

const trees: Tree[] = [];
const outside: string[] = [];
afterEach(async () => {
  await Promise.all(trees.splice(0).map((tree) => tree.remove()));
  await Promise.all(outside.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function tree(entries: Parameters<typeof createTree>[0]): Promise<Tree> {
  const created = await createTree(entries);
  trees.push(created);
  return created;
}

describe('scanRepository and symbolic links', () => {
  it('terminates on a directory link to its own parent and reports the loop', async () => {
    const { root } = await tree({ 'src/a.ts': 'x', 'src/again': { link: '..' }, 'src/self': { link: '.' } });
    const result = await scanRepository(root);
    expect(result.files.map((f) => f.path)).toEqual(['src/a.ts']);
    expect(result.skipped).toEqual([
      { path: 'src/again/', reason: 'symlink-loop', detail: 'points to its own ancestor ./' },
      { path: 'src/self/', reason: 'symlink-loop', detail: 'points to its own ancestor src/' },
    ]);
  });

  it('reports a link that resolves to itself (ELOOP) as a loop', async () => {
    const { root } = await tree({ 'a.ts': 'x', ping: { link: 'pong' }, pong: { link: 'ping' } });
    const result = await scanRepository(root);
    expect(result.files.map((f) => f.path)).toEqual(['a.ts']);
    expect(result.skipped.map((s) => [s.path, s.reason])).toEqual([
      ['ping', 'symlink-loop'],
      ['pong', 'symlink-loop'],
    ]);
  });

  it('walks two directories that link to each other without looping', async () => {
    const { root } = await tree({
      'a/one.ts': '1',
      'a/to-b': { link: '../b' },
      'b/two.ts': '2',
      'b/to-a': { link: '../a' },
    });
    const result = await scanRepository(root);
    expect(result.files.map((f) => f.path)).toEqual(['a/one.ts', 'b/two.ts']);
    expect(result.skipped.map((s) => [s.path, s.reason])).toEqual([
      ['a/to-b/', 'default-exclude'],
      ['b/to-a/', 'default-exclude'],
    ]);
  });

  it('skips links that lead outside the root, to files and to directories', async () => {
    const elsewhere = await realpath(await mkdtemp(join(tmpdir(), 'scan-outside-')));
    outside.push(elsewhere);
    await writeFile(join(elsewhere, 'passwords.txt'), 'hunter2');
    const { root } = await tree({
      'a.ts': 'x',
      'leak.txt': { link: join(elsewhere, 'passwords.txt') },
      leakdir: { link: elsewhere },
      etc: { link: '/etc' },
    });
    const result = await scanRepository(root);
    expect(result.files.map((f) => f.path)).toEqual(['a.ts']);
    expect(result.skipped).toEqual([
      { path: 'etc', reason: 'symlink-outside-root', detail: 'points to /etc' },
      { path: 'leak.txt', reason: 'symlink-outside-root', detail: `points to ${elsewhere}/passwords.txt` },
      { path: 'leakdir', reason: 'symlink-outside-root', detail: `points to ${elsewhere}` },
    ]);
  });

  it('indexes a file reached directly and through a link once, under its direct path', async () => {
    const { root } = await tree({ 'src/util.ts': 'export {}', 'alias.ts': { link: 'src/util.ts' } });
    const result = await scanRepository(root);
    expect(result.files.map((f) => f.path)).toEqual(['src/util.ts']);
    expect(result.skipped).toEqual([
      { path: 'alias.ts', reason: 'default-exclude', detail: 'same file as src/util.ts (symbolic link)' },
    ]);
  });

  it('indexes the target of a link under the link path when the target is not reached directly', async () => {
    const { root } = await tree({
      '.gitignore': 'shared-src/\n',
      'shared-src/lib.ts': 'export const lib = 1;',
      'shared-src/other.ts': 'export const other = 2;',
      'app/lib': { link: '../shared-src' },
      'app/config.ts': { link: '../shared-src/lib.ts' },
    });
    const result = await scanRepository(root);
    // Two routes lead to shared-src/lib.ts: it is kept once, under the smaller path.
    expect(result.files.map((f) => f.path)).toEqual(['.gitignore', 'app/config.ts', 'app/lib/other.ts']);
    expect(result.skipped).toContainEqual({
      path: 'app/lib/lib.ts',
      reason: 'default-exclude',
      detail: 'same file as app/config.ts (symbolic link)',
    });
  });

  it('does not index the same real directory twice through two links', async () => {
    const { root } = await tree({
      '.gitignore': 'real/\n',
      'real/a.ts': 'x',
      link1: { link: 'real' },
      link2: { link: 'real' },
    });
    const result = await scanRepository(root);
    expect(result.files.map((f) => f.path)).toEqual(['.gitignore', 'link1/a.ts']);
    expect(result.skipped).toContainEqual({
      path: 'link2/',
      reason: 'default-exclude',
      detail: 'same directory as real/ (already scanned)',
    });
  });

  it('reports a broken link as unreadable', async () => {
    const { root } = await tree({ 'a.ts': 'x', 'gone.ts': { link: 'does-not-exist.ts' } });
    const result = await scanRepository(root);
    expect(result.files.map((f) => f.path)).toEqual(['a.ts']);
    expect(result.skipped).toEqual([
      { path: 'gone.ts', reason: 'unreadable', detail: 'broken symbolic link (target does not exist)' },
    ]);
  });

  it('applies secret and media rules to the target name of a file link', async () => {
    const { root } = await tree({ '.gitignore': '.env\n', '.env': 'KEY=1', 'config.txt': { link: '.env' } });
    const result = await scanRepository(root);
    expect(result.files.map((f) => f.path)).toEqual(['.gitignore']);
    expect(result.skipped).toContainEqual({
      path: 'config.txt',
      reason: 'secret',
      detail: 'credentials file',
    });
  });

  it('does not reach version-control metadata through a link', async () => {
    const { root } = await tree({
      '.git/config': '[remote "origin"]',
      '.git/hooks/pre-commit': '#!/bin/sh',
      hooks: { link: '.git/hooks' },
      gitconfig: { link: '.git/config' },
    });
    const result = await scanRepository(root);
    expect(result.files).toEqual([]);
    expect(result.skipped).toContainEqual({
      path: 'hooks',
      reason: 'default-exclude',
      detail: 'version control (symbolic link)',
    });
    expect(result.skipped).toContainEqual({
      path: 'gitconfig',
      reason: 'default-exclude',
      detail: 'version control (symbolic link)',
    });
  });

  it('does not follow links at all when followSymlinks is false', async () => {
    const { root } = await tree({ 'src/a.ts': 'x', alias: { link: 'src' } });
    const result = await scanRepository(root, { followSymlinks: false });
    expect(result.files.map((f) => f.path)).toEqual(['src/a.ts']);
    expect(result.skipped).toEqual([
      { path: 'alias', reason: 'default-exclude', detail: 'symbolic link (followSymlinks is off)' },
    ]);
  });

  it('resolves a root given through a symbolic link and reports its real path', async () => {
    const { root } = await tree({ 'real/a.ts': 'x', door: { link: 'real' } });
    const result = await scanRepository(join(root, 'door'));
    expect(result.root).toBe(join(await realpath(root), 'real'));
    expect(result.files.map((f) => f.absPath)).toEqual([join(result.root, 'a.ts')]);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { scanRepository } from '../../src/scan/index.js';
import type { ScanResult } from '../../src/scan/index.js';
import { createTree } from './support/tree.js';
import type { Entry, Tree } from './support/tree.js';

const trees: Tree[] = [];
afterEach(async () => {
  await Promise.all(trees.splice(0).map((tree) => tree.remove()));
});

async function scan(entries: Record<string, Entry>, options = {}): Promise<ScanResult> {
  const tree = await createTree(entries);
  trees.push(tree);
  return scanRepository(tree.root, options);
}

const paths = (result: ScanResult): string[] => result.files.map((file) => file.path);
const reasonOf = (result: ScanResult, path: string): string | undefined =>
  result.skipped.find((entry) => entry.path === path)?.reason;

describe('scanRepository and ignore files', () => {
  it('lets a nested .gitignore re-include what the root .gitignore ignores', async () => {
    const result = await scan({
      '.gitignore': '*.log\n',
      'debug.log': 'x',
      'sub/.gitignore': '!keep.log\n',
      'sub/keep.log': 'kept',
      'sub/other.log': 'x',
      'sub/deeper/keep.log': 'kept too: the negation has no slash, so it applies at any depth',
    });
    expect(paths(result)).toEqual(['.gitignore', 'sub/.gitignore', 'sub/deeper/keep.log', 'sub/keep.log']);
    expect(result.skipped).toContainEqual({
      path: 'debug.log',
      reason: 'ignored',
      detail: '.gitignore: *.log',
    });
    expect(reasonOf(result, 'sub/other.log')).toBe('ignored');
  });

  it('applies a nested .gitignore only below its own directory', async () => {
    const result = await scan({
      'generated/a.ts': 'root level: not covered by sub/.gitignore',
      'sub/.gitignore': 'generated/\n',
      'sub/generated/b.ts': 'ignored',
      'sub/x/generated/c.ts': 'ignored at any depth below sub',
      'sub/src.ts': 'kept',
    });
    expect(paths(result)).toEqual(['generated/a.ts', 'sub/.gitignore', 'sub/src.ts']);
    expect(result.skipped).toContainEqual({
      path: 'sub/generated/',
      reason: 'ignored',
      detail: 'sub/.gitignore: generated/',
    });
    expect(reasonOf(result, 'sub/x/generated/')).toBe('ignored');
  });

  it('anchors patterns with a leading or middle slash to the directory of their file', async () => {
    const result = await scan({
      '.gitignore': '/scratch\nsub/anchored.ts\n',
      'scratch/a.ts': 'ignored',
      'other/scratch/b.ts': 'kept: /scratch is anchored at the root',
      'sub/anchored.ts': 'ignored',
      'other/sub/anchored.ts': 'kept',
      'pkg/.gitignore': '/local.ts\n',
      'pkg/local.ts': 'ignored',
      'pkg/inner/local.ts': 'kept',
    });
    expect(paths(result)).toEqual([
      '.gitignore',
      'other/scratch/b.ts',
      'other/sub/anchored.ts',
      'pkg/.gitignore',
      'pkg/inner/local.ts',
    ]);
  });

  it('matches dir-only patterns against directories only, and ** across levels', async () => {
    const result = await scan({
      '.gitignore': 'tmpdir/\ndocs/**/draft-*.md\n**/fixtures/big\n',
      'tmpdir/a.ts': 'ignored directory',
      'src/tmpdir': 'a file named like the directory is kept',
      'docs/a/b/draft-1.md': 'ignored',
      'docs/final.md': 'kept',
      'test/x/fixtures/big/data.txt': 'ignored',
    });
    expect(paths(result)).toEqual(['.gitignore', 'docs/final.md', 'src/tmpdir']);
    expect(reasonOf(result, 'tmpdir/')).toBe('ignored');
    expect(reasonOf(result, 'test/x/fixtures/big/')).toBe('ignored');
  });

  it('cannot re-include a file whose parent directory is excluded (git semantics)', async () => {
    const result = await scan({
      '.gitignore': 'logs/\n!logs/keep.txt\n',
      'logs/keep.txt': 'still ignored',
      'logs/sub/.gitignore': '!*\n',
      'logs/sub/x.txt': 'still ignored',
    });
    expect(paths(result)).toEqual(['.gitignore']);
    expect(result.skipped).toEqual([{ path: 'logs/', reason: 'ignored', detail: '.gitignore: logs/' }]);
  });

  it('re-includes a file when the directory rule allows it (dir/* then !dir/keep)', async () => {
    const result = await scan({
      '.gitignore': 'out2/*\n!out2/keep.ts\n',
      'out2/keep.ts': 'kept',
      'out2/drop.ts': 'ignored',
    });
    expect(paths(result)).toEqual(['.gitignore', 'out2/keep.ts']);
  });

  it('honours .git/info/exclude, with lower precedence than .gitignore', async () => {
    const result = await scan({
      '.git/info/exclude': 'secret-notes.md\n*.tmp\n',
      '.git/HEAD': 'ref: refs/heads/main\n',
      '.gitignore': '!important.tmp\n',
      'secret-notes.md': 'ignored',
      'a.tmp': 'ignored',
      'important.tmp': 'kept: .gitignore outranks info/exclude',
    });
    expect(paths(result)).toEqual(['.gitignore', 'important.tmp']);
    expect(result.skipped).toContainEqual({
      path: 'secret-notes.md',
      reason: 'ignored',
      detail: '.git/info/exclude: secret-notes.md',
    });
    expect(result.skipped).toContainEqual({
      path: '.git/',
      reason: 'default-exclude',
      detail: 'version control',
    });
  });

  it('honours .codebase-mcpignore at any level, after .gitignore of the same directory', async () => {
    const result = await scan({
      '.codebase-mcpignore': 'fixtures/\n',
      'test/fixtures/huge.json': '{}',
      'test/a.test.ts': 'kept',
      'pkg/.gitignore': '!*.snap\n',
      'pkg/.codebase-mcpignore': '*.snap\n',
      'pkg/x.snap': 'ignored: the mcpignore line comes after the gitignore negation',
    });
    expect(paths(result)).toEqual([
      '.codebase-mcpignore',
      'pkg/.codebase-mcpignore',
      'pkg/.gitignore',
      'test/a.test.ts',
    ]);
    expect(result.skipped).toContainEqual({
      path: 'pkg/x.snap',
      reason: 'ignored',
      detail: 'pkg/.codebase-mcpignore: *.snap',
    });
  });

  it('lets a .codebase-mcpignore negation bring back a default-excluded directory, not a .gitignore one', async () => {
    const result = await scan({
      '.codebase-mcpignore': '!vendor/\n',
      'vendor/lib/dep.go': 'package lib',
      '.gitignore': '!build/\n',
      'build/gen.ts': 'still excluded by default',
    });
    expect(paths(result)).toContain('vendor/lib/dep.go');
    expect(reasonOf(result, 'build/')).toBe('default-exclude');
  });

  it('never lets a negation bring back version-control metadata or secrets', async () => {
    const result = await scan({
      '.codebase-mcpignore': '!.git/\n!.env\n',
      '.git/config': '[core]',
      '.env': 'API_KEY=1',
    });
    expect(paths(result)).toEqual(['.codebase-mcpignore']);
    expect(reasonOf(result, '.env')).toBe('secret');
  });

  it('treats extraIgnore like a root .codebase-mcpignore', async () => {
    const result = await scan(
      { 'a.ts': 'x', 'docs/guide.md': '# Guide', 'keep/b.ts': 'y', 'keep/.gitignore': '!b.ts' },
      { extraIgnore: ['docs/', '*.ts'] },
    );
    expect(paths(result)).toEqual(['keep/.gitignore', 'keep/b.ts']);
    expect(result.skipped).toContainEqual({ path: 'a.ts', reason: 'ignored', detail: 'extraIgnore: *.ts' });
  });

  it('applies the .gitignore files above the root when the root is inside a git work tree', async () => {
    const tree = await createTree({
      '.git/HEAD': 'ref: refs/heads/main\n',
      '.git/info/exclude': 'packages/app/local/\n',
      '.gitignore': '*.generated.ts\n',
      'packages/.gitignore': '/app/cache-data/\n',
      'packages/app/src/a.ts': 'kept',
      'packages/app/src/a.generated.ts': 'ignored by the work tree root',
      'packages/app/cache-data/x.ts': 'ignored by packages/.gitignore',
      'packages/app/local/y.ts': 'ignored by info/exclude',
    });
    trees.push(tree);
    const result = await scanRepository(`${tree.root}/packages/app`);
    expect(paths(result)).toEqual(['src/a.ts']);
    expect(reasonOf(result, 'src/a.generated.ts')).toBe('ignored');
    expect(reasonOf(result, 'cache-data/')).toBe('ignored');
    expect(reasonOf(result, 'local/')).toBe('ignored');
  });

  it('still scans a root that its enclosing work tree ignores: the user asked for it', async () => {
    const tree = await createTree({
      '.git/HEAD': 'ref: refs/heads/main\n',
      '.gitignore': 'experiments/\n',
      'experiments/try.py': 'print(1)',
    });
    trees.push(tree);
    const result = await scanRepository(`${tree.root}/experiments`);
    expect(paths(result)).toEqual(['try.py']);
  });
});

/** Entry-point questions find the package's entry file even when it shares no word with them. */
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indexRepository } from '../../src/indexer/index.js';
import { entryFileDepth } from '../../src/search/path-kinds.js';
import { searchCode } from '../../src/search/index.js';
import { openStore, type Store } from '../../src/store/index.js';
import { makeRepo } from '../support/fixture-repo.js';

describe('entryFileDepth', () => {
  it('names entry files by their name, at the root (or under src/) and one folder down', () => {
    expect(entryFileDepth('index.ts', 'typescript')).toBe(0);
    expect(entryFileDepth('src/lib.rs', 'rust')).toBe(0);
    expect(entryFileDepth('mypkg/__init__.py', 'python')).toBe(1);
    expect(entryFileDepth('lib/index.js', 'javascript')).toBe(1);
    expect(entryFileDepth('lib/internal/index.js', 'javascript')).toBeNull();
    expect(entryFileDepth('src/parser.ts', 'typescript')).toBeNull();
    // Not code: a page or a README is no package entry.
    expect(entryFileDepth('index.html', 'html')).toBeNull();
    expect(entryFileDepth('docs/index.md', 'markdown')).toBeNull();
  });
});

describe('search for the entry point', () => {
  let store: Store;
  let root: string;
  let other: string;
  beforeAll(async () => {
    store = await openStore({ url: 'memory://' });
    root = await makeRepo({
      // A file of re-exports: none of the question's words is in it.
      'src/index.ts': `export { Observable } from './internal/Observable';\nexport { map } from './internal/operators/map';\n`,
      'src/internal/Observable.ts': `/** The public class every import starts from. */\nexport class Observable {\n  subscribe(next: (v: unknown) => void) {\n    return next;\n  }\n}\n`,
      'src/internal/operators/map.ts': `export function map(project: (v: unknown) => unknown) {\n  return (source: unknown) => project(source);\n}\n`,
      'src/internal/files.ts': `/** Whether a value is a file: the public check used by imports. */\nexport function isFile(value: unknown): boolean {\n  return value instanceof Blob;\n}\n`,
      'README.md': `# Example\n\nThe public entry point re-exports everything.\n`,
    });
    other = await makeRepo({
      'lib/util.js': `export function pad(s) {\n  return ' ' + s;\n}\n`,
    });
    await indexRepository(store, { root, project: 'entry', maxFileBytes: 1 << 20, workers: 0 });
    await indexRepository(store, { root: other, project: 'entry', maxFileBytes: 1 << 20, workers: 0 });
  });
  afterAll(async () => {
    await store.close();
    await rm(root, { recursive: true, force: true });
    await rm(other, { recursive: true, force: true });
  });

  const paths = async (query: string, options: { pathGlob?: string } = {}) =>
    (await searchCode(store, { query, project: 'entry', ...options })).results.map((r) => r.path);

  it('puts the file of re-exports first for "which file is the public entry point"', async () => {
    const found = await paths('which file is the public entry point that re-exports everything for imports');
    expect(found[0]).toBe('src/index.ts');
    // A repository without an entry file gains nothing from the question.
    expect(found).not.toContain('lib/util.js');
  });

  it("gives the entry file's main function, not its imports", async () => {
    const py = await makeRepo({
      'pip/__init__.py': `from typing import List, Optional\n\n__version__ = "23.0.1"\n\n\ndef main(args: Optional[List[str]] = None) -> int:\n    from pip._internal.utils.entrypoints import _wrapper\n\n    return _wrapper(args)\n`,
      'pip/_internal/metadata/base.py': `class Distribution:\n    def iter_entry_points(self):\n        """The entry points this distribution declares."""\n        return self._entry_points\n`,
    });
    try {
      await indexRepository(store, { root: py, project: 'entry-py', maxFileBytes: 1 << 20, workers: 0 });
      const [top] = (await searchCode(store, { query: 'where is the entry point', project: 'entry-py' }))
        .results;
      expect(top).toMatchObject({ path: 'pip/__init__.py', symbol: 'main' });
    } finally {
      await rm(py, { recursive: true, force: true });
    }
  });

  it('leaves other questions and path filters alone', async () => {
    expect(await paths('public check for imports')).not.toContain('src/index.ts');
    expect(
      await paths('which file is the public entry point', { pathGlob: 'src/internal/**' }),
    ).not.toContain('src/index.ts');
  });
});

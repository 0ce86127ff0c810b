/**
 * Finding and reading ignore files: `.gitignore` and `.codebase-mcpignore` in every directory,
 * `.git/info/exclude` of the enclosing work tree, and the ignore files of the directories between
 * that work tree and the scan root (when the root is a subdirectory of a repository).
 */
import { constants } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, sep } from 'node:path';
import { emptyScope, extendScope, testIgnored } from './ignore-rules.js';
import type { IgnoreFileContent, IgnoreScope } from './ignore-rules.js';

export const GITIGNORE = '.gitignore';
export const MCPIGNORE = '.codebase-mcpignore';

/** Reads the ignore files present in `dirAbs` (`names` are its entries), lowest precedence first. */
export async function readIgnoreFiles(
  dirAbs: string,
  dirRel: string,
  names: ReadonlySet<string>,
): Promise<IgnoreFileContent[]> {
  const files: IgnoreFileContent[] = [];
  for (const [name, source] of [
    [GITIGNORE, 'git'],
    [MCPIGNORE, 'mcp'],
  ] as const) {
    if (!names.has(name)) continue;
    const content = await readOptional(join(dirAbs, name));
    if (content !== null) files.push({ origin: dirRel === '' ? name : `${dirRel}/${name}`, source, content });
  }
  return files;
}

/**
 * The scope in force at the scan root before its own ignore files: the enclosing git work tree's
 * `info/exclude` and the ignore files of the directories above the root, up to the work tree.
 * Outer rules are dropped when they ignore the root itself: the user asked for that directory.
 */
export async function loadOuterScope(rootReal: string, ignoreCase: boolean): Promise<IgnoreScope> {
  const workTree = await findWorkTree(rootReal);
  if (workTree === null) return emptyScope('', ignoreCase);
  const rootRel = toPosix(relative(workTree.path, rootReal));
  let scope = emptyScope(rootRel === '' ? '' : rootRel + '/', ignoreCase);
  if (workTree.gitDir !== null) {
    const exclude = await readOptional(join(workTree.gitDir, 'info', 'exclude'));
    if (exclude !== null) {
      scope = extendScope(scope, '', [{ origin: '.git/info/exclude', source: 'git', content: exclude }]);
    }
  }
  if (rootRel === '') return scope;
  const parts = rootRel.split('/');
  for (let depth = 0; depth < parts.length; depth++) {
    const dirRel = parts.slice(0, depth).join('/');
    const names = new Set([GITIGNORE, MCPIGNORE]);
    const files = await readIgnoreFiles(join(workTree.path, ...parts.slice(0, depth)), dirRel, names);
    scope = extendScope(scope, dirRel, files);
  }
  // The root itself, tested as a directory in origin-relative terms (testIgnored adds base).
  const rootVerdict = testIgnored({ ...scope, base: '' }, rootRel, true);
  return rootVerdict.ignored ? emptyScope('', ignoreCase) : scope;
}

interface WorkTree {
  readonly path: string;
  /** The git directory (`.git`, or where a `.git` file points), or null when unreadable. */
  readonly gitDir: string | null;
}

async function findWorkTree(start: string): Promise<WorkTree | null> {
  let dir = start;
  for (;;) {
    const dotGit = join(dir, '.git');
    const info = await stat(dotGit).catch(() => null);
    if (info?.isDirectory()) return { path: dir, gitDir: dotGit };
    if (info?.isFile()) {
      // Worktrees and submodules: `.git` is a file containing `gitdir: <path>`.
      const content = await readOptional(dotGit);
      const target = /^gitdir:\s*(.+?)\s*$/m.exec(content ?? '')?.[1];
      const gitDir = target === undefined ? null : isAbsolute(target) ? target : join(dir, target);
      return { path: dir, gitDir };
    }
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

/** Ignore files larger than this are not read (a real one is a few KiB). */
const MAX_IGNORE_FILE_BYTES = 1024 * 1024;
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

/** Reads a small regular file, or returns null (missing, a directory, a FIFO, too large...). */
async function readOptional(path: string): Promise<string | null> {
  try {
    const handle = await open(path, OPEN_FLAGS);
    try {
      const info = await handle.stat();
      if (!info.isFile() || info.size > MAX_IGNORE_FILE_BYTES) return null;
      return await handle.readFile('utf8');
    } finally {
      await handle.close();
    }
  } catch {
    return null;
  }
}

function toPosix(path: string): string {
  return sep === '/' ? path : path.split(sep).join('/');
}

/**
 * `scanRepository`: from a root directory to the sorted list of files to index and a report of
 * everything left out.
 */
import { realpath, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { CodebaseError } from '../core/index.js';
import type { ScannedFile, SkipReason } from '../core/index.js';
import { loadOuterScope } from './ignore-files.js';
import { compileInclude } from './include-filter.js';
import { createLimiter } from './limit.js';
import { DEFAULT_MAX_FILE_BYTES } from './types.js';
import type { ScanOptions, ScanResult } from './types.js';
import { walkDirectory } from './walk.js';
import { cancelled, skip } from './walk-state.js';
import type { Candidate, WalkState } from './walk-state.js';

const DEFAULT_CONCURRENCY = 16;

/**
 * Walks `root` and returns the files to index (sorted by path, each real file once) and the
 * skipped ones with a reason. Honours .gitignore at every level, .git/info/exclude,
 * .codebase-mcpignore, the built-in excludes, the size limit and the include filter; follows
 * symbolic links only inside the root and never in a loop.
 *
 * @throws CodebaseError `PATH_NOT_FOUND`, `NOT_A_DIRECTORY`, `INVALID_GLOB`, `INVALID_ARGUMENT`
 *   or `CANCELLED`; problems with individual files never throw, they are reported in `skipped`.
 */
export async function scanRepository(root: string, options: ScanOptions = {}): Promise<ScanResult> {
  const maxFileBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  if (!Number.isFinite(maxFileBytes) || maxFileBytes <= 0) {
    throw new CodebaseError(
      'INVALID_ARGUMENT',
      `maxFileBytes must be a positive number, got ${maxFileBytes}.`,
      {
        details: { maxFileBytes },
      },
    );
  }
  const include = compileInclude(options.include);
  const rootReal = await resolveRoot(root);
  const ignoreCase = process.platform === 'darwin' || process.platform === 'win32';

  const state: WalkState = {
    rootReal,
    maxFileBytes,
    include,
    followSymlinks: options.followSymlinks ?? true,
    extraIgnore: options.extraIgnore ?? [],
    signal: options.signal,
    limiter: createLimiter(Math.max(1, options.concurrency ?? DEFAULT_CONCURRENCY)),
    candidates: [],
    skipped: [],
    counts: emptyCounts(),
    visited: new Set(),
    deferred: [],
    directories: 0,
  };
  const scope = await loadOuterScope(rootReal, ignoreCase);
  await walkDirectory(state, {
    abs: rootReal,
    rel: '',
    scope,
    included: include === null,
    viaSymlink: false,
  });

  // Symbolic links to directories, one at a time in path order, so that which path wins when two
  // routes lead to the same directory does not depend on timing.
  while (state.deferred.length > 0) {
    if (state.signal?.aborted) throw cancelled();
    state.deferred.sort((a, b) => compare(a.rel, b.rel));
    const next = state.deferred.shift() as (typeof state.deferred)[number];
    await walkDirectory(state, next);
  }

  const files = dedupe(state);
  const skipped = [...state.skipped].sort((a, b) => compare(a.path, b.path));
  return {
    root: rootReal,
    files,
    skipped,
    skippedCounts: state.counts,
    directoriesScanned: state.directories,
  };
}

async function resolveRoot(root: string): Promise<string> {
  const absolute = resolve(root);
  let real: string;
  try {
    real = await realpath(absolute);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CodebaseError(
      'PATH_NOT_FOUND',
      `Repository path ${absolute} does not exist or cannot be read.`,
      {
        hint: 'Pass the absolute path of an existing directory (a relative path is resolved against the server working directory).',
        details: { path: absolute, code },
        cause: error,
      },
    );
  }
  const info = await stat(real);
  if (!info.isDirectory()) {
    throw new CodebaseError('NOT_A_DIRECTORY', `Repository path ${absolute} is not a directory.`, {
      hint: 'Pass the directory that contains the repository, not a file inside it.',
      details: { path: absolute },
    });
  }
  return real;
}

/**
 * Keeps each real file once: a direct path wins over one through a symbolic link, then the
 * smaller path. The others are reported as duplicates.
 */
function dedupe(state: WalkState): ScannedFile[] {
  const order = (a: Candidate, b: Candidate): number =>
    a.viaSymlink === b.viaSymlink ? compare(a.path, b.path) : a.viaSymlink ? 1 : -1;
  const byReal = new Map<string, string>();
  const files: ScannedFile[] = [];
  for (const candidate of [...state.candidates].sort(order)) {
    const kept = byReal.get(candidate.absPath);
    if (kept !== undefined) {
      skip(state, candidate.path, 'default-exclude', `same file as ${kept} (symbolic link)`);
      continue;
    }
    byReal.set(candidate.absPath, candidate.path);
    const { path, absPath, size, changedMs } = candidate;
    files.push({ path, absPath, size, changedMs });
  }
  return files.sort((a, b) => compare(a.path, b.path));
}

function emptyCounts(): Record<SkipReason, number> {
  return {
    ignored: 0,
    'default-exclude': 0,
    secret: 0,
    'too-large': 0,
    binary: 0,
    'symlink-outside-root': 0,
    'symlink-loop': 0,
    unreadable: 0,
    'not-matching-filter': 0,
  };
}

/** Code-unit order: independent of the locale (git's byte order for all but rare characters). */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The state one scan shares across its directory walks, and the small helpers every step uses.
 */
import { relative, sep } from 'node:path';
import { CodebaseError } from '../core/index.js';
import type { SkipReason, SkippedFile } from '../core/index.js';
import type { IgnoreScope } from './ignore-rules.js';
import type { IncludeFilter } from './include-filter.js';
import type { Limiter } from './limit.js';

/** A file that passed every path-level check. */
export interface Candidate {
  readonly path: string;
  /** Real path of the file. */
  readonly absPath: string;
  readonly size: number;
  readonly changedMs: number;
  /** Reached through a symbolic link (loses to a direct path to the same real file). */
  readonly viaSymlink: boolean;
}

/** State shared by the whole walk. */
export interface WalkState {
  readonly rootReal: string;
  readonly maxFileBytes: number;
  readonly include: IncludeFilter | null;
  readonly followSymlinks: boolean;
  readonly extraIgnore: readonly string[];
  readonly signal: AbortSignal | undefined;
  readonly limiter: Limiter;
  readonly candidates: Candidate[];
  readonly skipped: SkippedFile[];
  readonly counts: Record<SkipReason, number>;
  /** Real paths of directories already walked (or being walked). */
  readonly visited: Set<string>;
  /** Symbolic links to directories inside the root, walked after the direct tree. */
  readonly deferred: DirFrame[];
  directories: number;
}

/** One directory to walk: where it really is and how the repository names it. */
export interface DirFrame {
  /** Real absolute path (used for I/O). */
  readonly abs: string;
  /** Path relative to the root with forward slashes, `''` for the root. */
  readonly rel: string;
  /** Ignore rules in force in the parent directory. */
  readonly scope: IgnoreScope;
  /** Whether a parent directory already matched the include filter. */
  readonly included: boolean;
  readonly viaSymlink: boolean;
}

export function skip(state: WalkState, path: string, reason: SkipReason, detail?: string): void {
  state.counts[reason]++;
  if (reason === 'not-matching-filter') return;
  state.skipped.push(detail === undefined ? { path, reason } : { path, reason, detail });
}

/** True when `path` is `root` or below it (both real, absolute paths). */
export function isInside(path: string, root: string): boolean {
  return path === root || path.startsWith(root.endsWith(sep) ? root : root + sep);
}

export function relFromRoot(state: WalkState, abs: string): string {
  const rel = relative(state.rootReal, abs);
  return rel === '' ? '.' : rel.split(sep).join('/');
}

export function errnoOf(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return code ?? (error instanceof Error ? error.message : String(error));
}

export function cancelled(): CodebaseError {
  return new CodebaseError('CANCELLED', 'The scan was cancelled.');
}

/**
 * Public types of the scanning stage.
 */
import type { Stats } from 'node:fs';
import type { Language, ScannedFile, SkippedFile, SkipReason } from '../core/index.js';

/** Files larger than this are skipped as `too-large` unless `maxFileBytes` says otherwise. */
export const DEFAULT_MAX_FILE_BYTES = 1024 * 1024;

/**
 * When a file last changed, as the fast path of a re-index compares it: its ctime, which moves on
 * every write and every mtime change and which no user-level call can set. The mtime alone misses an
 * edit that restores it (`cp -p`, `touch -r`, a tool that preserves it), and so does the later of
 * the two when the mtime lies in the future (an archive from a machine with a wrong clock).
 */
export function changeTimeMs(info: Pick<Stats, 'ctimeMs'>): number {
  return info.ctimeMs;
}

/** Options of `scanRepository`. */
export interface ScanOptions {
  /** Files larger than this many bytes are skipped with reason `too-large`. Default 1 MiB. */
  readonly maxFileBytes?: number;
  /**
   * Only files matching one of these globs (relative to the root) are scanned; others are counted
   * as `not-matching-filter` but not listed. A glob without `/` matches base names at any depth
   * (`*.ts`); one ending in `/` (or naming a directory) selects everything below it.
   */
  readonly include?: readonly string[];
  /**
   * Extra ignore rules in .gitignore syntax, applied as if they were a `.codebase-mcpignore` at
   * the root (after the root's own ignore files; deeper ignore files still take precedence).
   */
  readonly extraIgnore?: readonly string[];
  /** Follow symbolic links whose targets stay inside the root. Default true. */
  readonly followSymlinks?: boolean;
  /** Cancels the walk; the promise then rejects with a CodebaseError `CANCELLED`. */
  readonly signal?: AbortSignal;
  /** How many directory reads may be in flight at once. Default 16. */
  readonly concurrency?: number;
}

/** What `scanRepository` found. */
export interface ScanResult {
  /** The real (symlink-resolved) absolute path of the root. */
  readonly root: string;
  /** Files to index, sorted by path; each real file appears once. */
  readonly files: ScannedFile[];
  /**
   * Files and directories left out, sorted by path (a directory is one entry ending in `/`).
   * `not-matching-filter` paths are only counted, not listed: they can be the whole repository.
   */
  readonly skipped: SkippedFile[];
  /** Number of skipped entries per reason, including the unlisted `not-matching-filter` ones. */
  readonly skippedCounts: Readonly<Record<SkipReason, number>>;
  /** Directories read, for progress reporting and measurements. */
  readonly directoriesScanned: number;
}

/** The outcome of reading one scanned file: its text, or why it is not indexed after all. */
export type ReadResult =
  | {
      readonly kind: 'text';
      readonly text: string;
      /** sha256 (hex) of the raw bytes as read. */
      readonly hash: string;
      /** Size in bytes as read (may differ from the scan when the file changed since). */
      readonly size: number;
      readonly changedMs: number;
      readonly language: Language;
    }
  | { readonly kind: 'skipped'; readonly reason: SkipReason; readonly detail?: string };

/** Options of `readSourceFile`. */
export interface ReadOptions {
  readonly maxFileBytes?: number;
}

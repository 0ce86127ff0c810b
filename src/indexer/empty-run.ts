/**
 * A scan that finds no files: an error on a first index (nothing to do, probably the wrong
 * folder), a normal run that empties the index when the repository was indexed before (its files
 * were deleted, or ignore rules or include globs now leave none), reported with a warning.
 */
import { CodebaseError } from '../core/index.js';
import type { SkippedFile } from '../core/index.js';
import type { ScanResult } from '../scan/index.js';
import type { JobRecord, Store } from '../store/index.js';

const HINT = 'check .gitignore, .codebase-mcpignore and the include globs';

/** Whether the repository at `root` (real path) has indexed files in `project`. */
export async function hasIndexedFiles(store: Store, project: string, root: string): Promise<boolean> {
  const found = await store.getProject(project);
  const repository = found ? await store.findRepository(found.id, root) : null;
  return repository !== null && repository.fileCount > 0;
}

export function emptyRepository(scan: ScanResult): CodebaseError {
  return new CodebaseError('EMPTY_REPOSITORY', `No files to index in ${scan.root}${why(scan.skipped)}.`, {
    hint: 'Point at a folder with source files, or check .gitignore, .codebase-mcpignore and --include.',
    details: { root: scan.root },
  });
}

/** The warning of a run that found no files and removed the `removed` files indexed before. */
export function emptiedWarning(removed: number, skipped: readonly SkippedFile[]): string {
  const files = removed === 1 ? '1 file indexed before was' : `${removed} files indexed before were`;
  return (
    `No files matched this time${why(skipped)}, so the ${files} removed from the ` +
    `index: the repository stays listed, empty, and search finds nothing in it. If that is not ` +
    `what you wanted, ${HINT}; otherwise remove the repository.`
  );
}

/** The warning of a finished job that emptied its repository's index, if it did. */
export function jobWarning(
  job: Pick<JobRecord, 'status' | 'filesTotal' | 'stats' | 'skipped'>,
): string | null {
  const removed = job.stats['deleted'] ?? 0;
  const finished = job.status === 'completed' || job.status === 'completed_with_errors';
  return finished && job.filesTotal === 0 && removed > 0 ? emptiedWarning(removed, job.skipped) : null;
}

/** ` (3 ignored, 1 default-exclude)`: what the scan left out, by reason. */
function why(skipped: readonly SkippedFile[]): string {
  const reasons = new Map<string, number>();
  for (const s of skipped) reasons.set(s.reason, (reasons.get(s.reason) ?? 0) + 1);
  return reasons.size ? ` (${[...reasons].map(([r, n]) => `${n} ${r}`).join(', ')})` : '';
}

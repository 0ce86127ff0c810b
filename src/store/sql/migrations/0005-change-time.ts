/**
 * Migration 5: the re-index fast path compares a file's change time (its ctime), not its mtime, which
 * an edit can restore (`cp -p`, `touch -r`). The column says so. Values written before hold mtimes:
 * the next run finds them different and hashes those files once, re-writing none whose hash is the same.
 */
export const version = 5;
export const name = 'change-time';

export const sql = /* sql */ `
ALTER TABLE files RENAME COLUMN mtime_ms TO changed_ms;
`;

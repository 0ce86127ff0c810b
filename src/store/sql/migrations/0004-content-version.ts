/**
 * Migration 4: which version of the content pipeline built a repository's chunks.
 *
 * Re-indexing skips files whose size and modification time (or content hash) are unchanged, so
 * a release that chunks or tokenizes differently would otherwise leave every unchanged file with
 * chunks and terms from the old release, mixed with new ones. The indexer compares this column with
 * its own `CONTENT_VERSION` and re-processes every file when they differ. NULL: built before the
 * version was recorded.
 */
export const version = 4;
export const name = 'content-version';

export const sql = /* sql */ `
ALTER TABLE repositories ADD COLUMN content_version integer;
`;

/**
 * Migration 3: planner statistics only where they are used, and only after a change.
 *
 * `markRepositoryIndexed` refreshes statistics (ANALYZE, plus VACUUM on PGlite, which has no
 * autovacuum). That took ~1 s at the end of every run on a 10,000-file repository, also when
 * nothing had changed. Most of it went into statistics no query uses: element statistics of the
 * postings arrays and of chunk text (ANALYZE of postings 0.8–1.3 s → 0.2–0.4 s without them,
 * docs/notes/store-perf.md "Cold index round 4"). `statistics_stale` records that a repository's
 * rows changed since the last refresh, in the same transaction as the change, so a run that
 * changed nothing skips the refresh and a crash between a write and the refresh does not lose it.
 */
export const version = 3;
export const name = 'statistics';

export const sql = /* sql */ `
ALTER TABLE repositories ADD COLUMN statistics_stale boolean NOT NULL DEFAULT true;

ALTER TABLE postings ALTER COLUMN chunk_ids SET STATISTICS 0, ALTER COLUMN tfs SET STATISTICS 0,
  ALTER COLUMN dls SET STATISTICS 0, ALTER COLUMN file_ids SET STATISTICS 0;
ALTER TABLE chunks ALTER COLUMN content SET STATISTICS 0;
`;

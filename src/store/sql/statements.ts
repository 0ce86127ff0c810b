/**
 * The SQL statements for projects, repositories and files, shared by both backends. Every value is
 * a bound parameter; arrays go in as one parameter each and come apart with `unnest`.
 */

export const PROJECT_COLUMNS = 'id, name, created_at';

export const GET_OR_CREATE_PROJECT = `
INSERT INTO projects (name) VALUES ($1)
ON CONFLICT (name) DO UPDATE SET name = EXCLUDED.name
RETURNING ${PROJECT_COLUMNS}`;

export const GET_PROJECT = `SELECT ${PROJECT_COLUMNS} FROM projects WHERE name = $1`;

const REPOSITORY_COLUMNS = `r.id, r.project_id, r.root_path, r.created_at, r.last_indexed_at, r.chunk_count,
  r.token_total, r.file_count, r.embedding_model, r.embedding_dimensions, r.content_version`;

export const GET_OR_CREATE_REPOSITORY = `
INSERT INTO repositories AS r (project_id, root_path) VALUES ($1, $2)
ON CONFLICT (project_id, root_path) DO UPDATE SET root_path = EXCLUDED.root_path
RETURNING ${REPOSITORY_COLUMNS}`;

export const GET_REPOSITORY = `SELECT ${REPOSITORY_COLUMNS} FROM repositories r WHERE r.id = $1`;

export const FIND_REPOSITORY = `SELECT ${REPOSITORY_COLUMNS} FROM repositories r WHERE r.project_id = $1 AND r.root_path = $2`;

export const LIST_REPOSITORIES = `
SELECT ${REPOSITORY_COLUMNS}, p.name AS project_name,
  (SELECT j.status FROM jobs j WHERE j.repository_id = r.id ORDER BY j.seq DESC LIMIT 1) AS last_job_status
FROM repositories r JOIN projects p ON p.id = r.project_id
WHERE ($1::integer IS NULL OR r.project_id = $1::integer)
ORDER BY p.name, r.root_path`;

/** Postings and chunks carry no foreign key, so they go first; the cascade removes the rest. */
export const DELETE_REPOSITORY_POSTINGS = `
DELETE FROM postings WHERE repository_id = $1`;
export const DELETE_REPOSITORY_CHUNKS = `
DELETE FROM chunks WHERE file_id IN (SELECT id FROM files WHERE repository_id = $1)`;
export const DELETE_REPOSITORY = `DELETE FROM repositories WHERE id = $1`;

/** Marks a run's end; returns whether the repository changed since statistics were last refreshed. */
export const MARK_REPOSITORY_INDEXED = `
UPDATE repositories r SET last_indexed_at = $2, statistics_stale = false
FROM (SELECT statistics_stale FROM repositories WHERE id = $1 FOR UPDATE) before
WHERE r.id = $1
RETURNING before.statistics_stale AS stale`;

export const SET_CONTENT_VERSION = `UPDATE repositories SET content_version = $2 WHERE id = $1`;

export const MARK_STATISTICS_STALE = `UPDATE repositories SET statistics_stale = true WHERE id = $1`;

export const LIST_FILES = `
SELECT path, hash, size, changed_ms, language FROM files WHERE repository_id = $1 ORDER BY path`;

export const LIST_FILES_MATCHING = `
SELECT path, hash, size, changed_ms, language FROM files WHERE repository_id = $1 AND path ~ $2 ORDER BY path`;

export const FIND_FILES = `
SELECT id, path FROM files WHERE repository_id = $1 AND path = ANY($2::text[])`;

/**
 * Deletes the chunks of the given files, records them as dead (searches skip them until their
 * segment is compacted) and reports what they contributed to the corpus statistics.
 */
export const RETIRE_FILE_CHUNKS = `
WITH gone AS (
  DELETE FROM chunks WHERE file_id = ANY($1::integer[]) RETURNING id, repository_id, segment_id, length
), dead AS (
  INSERT INTO dead_chunks (chunk_id, repository_id, segment_id) SELECT id, repository_id, segment_id FROM gone
), counted AS (
  UPDATE segments s SET dead_count = s.dead_count + g.n
  FROM (SELECT segment_id, count(*)::integer AS n FROM gone GROUP BY segment_id) g
  WHERE s.id = g.segment_id
)
SELECT count(*) AS chunks, coalesce(sum(length), 0) AS tokens FROM gone`;

export const DELETE_FILES = `DELETE FROM files WHERE id = ANY($1::integer[])`;

export const UPSERT_FILES = `
INSERT INTO files (repository_id, path, hash, size, changed_ms, language)
SELECT $1, u.path, u.hash, u.size, u.changed_ms, u.language
FROM unnest($2::text[], $3::text[], $4::bigint[], $5::float8[], $6::text[]) AS u(path, hash, size, changed_ms, language)
ON CONFLICT (repository_id, path) DO UPDATE
  SET hash = EXCLUDED.hash, size = EXCLUDED.size, changed_ms = EXCLUDED.changed_ms, language = EXCLUDED.language
RETURNING id, path`;

/** PGlite only: reserves `$1` file ids in one step (one connection, so nobody else draws meanwhile). */
export const RESERVE_FILE_ID_RANGE = `
SELECT setval(pg_get_serial_sequence('files', 'id'), nextval(pg_get_serial_sequence('files', 'id')) + $1::integer - 1) AS last`;

/** PGlite only: new file rows (UPSERT_FILES's columns) with their reserved ids, in binary COPY format. */
export const COPY_FILES_BINARY = `COPY files (id, repository_id, path, hash, size, changed_ms, language)
FROM '/dev/blob' WITH (FORMAT binary)`;

export const TOUCH_FILES = `
UPDATE files f SET size = u.size, changed_ms = u.changed_ms
FROM unnest($2::text[], $3::bigint[], $4::float8[]) AS u(path, size, changed_ms)
WHERE f.repository_id = $1 AND f.path = u.path`;

/** Reserves chunk ids up front, so postings can reference them without a round trip per chunk. */
export const ALLOCATE_CHUNK_IDS = `
SELECT nextval(pg_get_serial_sequence('chunks', 'id')) AS id FROM generate_series(1, $1::integer)`;

/**
 * Reserves $1 consecutive chunk ids in one step and returns the last. Only safe where no other
 * session can call nextval in between (PGlite: one connection); ~20 µs per id saved there.
 */
export const RESERVE_CHUNK_ID_RANGE = `
SELECT setval(pg_get_serial_sequence('chunks', 'id'), nextval(pg_get_serial_sequence('chunks', 'id')) + $1::integer - 1) AS last`;

export const CREATE_SEGMENT = `INSERT INTO segments (repository_id, chunk_count) VALUES ($1, $2) RETURNING id`;

export const INSERT_CHUNKS = `
INSERT INTO chunks (id, repository_id, segment_id, file_id, start_line, end_line, kind, symbol, content,
  content_hash, length)
SELECT u.id, $1, $2, u.file_id, u.start_line, u.end_line, u.kind, u.symbol, u.content, u.content_hash, u.length
FROM unnest($3::bigint[], $4::integer[], $5::integer[], $6::integer[], $7::text[], $8::text[], $9::text[],
  $10::text[], $11::real[]) AS u(id, file_id, start_line, end_line, kind, symbol, content, content_hash, length)`;

/** One row per term of the segment; each array arrives as the text of an array literal. */
export const INSERT_POSTINGS = `
INSERT INTO postings (term, repository_id, segment_id, n, chunk_ids, tfs, dls, file_ids)
SELECT u.term, $1, $2, cardinality(u.c::bigint[]), u.c::bigint[], u.t::real[], u.d::real[], u.f::integer[]
FROM unnest($3::bigint[], $4::text[], $5::text[], $6::text[], $7::text[]) AS u(term, c, t, d, f)`;

/** PGlite only: the same rows in binary COPY format from '/dev/blob' (sql/copy-binary.ts, pglite/copy-input.ts). */
export const COPY_POSTINGS_BINARY = `COPY postings (term, repository_id, segment_id, n, chunk_ids, tfs, dls, file_ids)
FROM '/dev/blob' WITH (FORMAT binary)`;

/** PGlite only: INSERT_CHUNKS's rows in binary COPY format, columns in this order. */
export const COPY_CHUNKS_BINARY = `COPY chunks (id, repository_id, segment_id, file_id, start_line, end_line, kind, symbol,
  content, content_hash, length) FROM '/dev/blob' WITH (FORMAT binary)`;

/** Segments of a repository holding dead chunks. */
export const SEGMENTS_TO_COMPACT = `SELECT id FROM segments WHERE repository_id = $1 AND dead_count > 0`;

/** Rewrites the postings rows of segments that hold dead chunks, without them ($2: dead chunk ids). */
export const COMPACT_SEGMENT_POSTINGS = `
WITH old AS (
  DELETE FROM postings WHERE segment_id = ANY($1::bigint[]) AND chunk_ids && $2::bigint[]
  RETURNING term, repository_id, segment_id, chunk_ids, tfs, dls, file_ids
), live AS (
  SELECT o.term, o.repository_id, o.segment_id, u.c, u.t, u.d, u.f
  FROM old o CROSS JOIN LATERAL unnest(o.chunk_ids, o.tfs, o.dls, o.file_ids) AS u(c, t, d, f)
  WHERE u.c <> ALL ($2::bigint[])
)
INSERT INTO postings (term, repository_id, segment_id, n, chunk_ids, tfs, dls, file_ids)
SELECT term, repository_id, segment_id, count(*), array_agg(c ORDER BY c), array_agg(t ORDER BY c),
  array_agg(d ORDER BY c), array_agg(f ORDER BY c)
FROM live GROUP BY term, repository_id, segment_id`;

export const DEAD_CHUNK_IDS = `SELECT chunk_id FROM dead_chunks WHERE segment_id = ANY($1::bigint[])`;

export const FORGET_DEAD_CHUNKS = `DELETE FROM dead_chunks WHERE segment_id = ANY($1::bigint[])`;

export const SHRINK_SEGMENTS = `
UPDATE segments SET chunk_count = chunk_count - dead_count, dead_count = 0 WHERE id = ANY($1::bigint[])`;

export const DROP_EMPTY_SEGMENTS = `DELETE FROM segments WHERE id = ANY($1::bigint[]) AND chunk_count = 0`;

export const ADJUST_REPOSITORY_STATS = `
UPDATE repositories
SET chunk_count = chunk_count + $2, token_total = greatest(token_total + $3, 0), file_count = file_count + $4,
  statistics_stale = true
WHERE id = $1`;

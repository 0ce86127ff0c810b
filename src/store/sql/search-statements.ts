/**
 * Metadata of the top chunks (no content), by id. Driven by `unnest` so the planner probes both
 * primary keys; `c.id = ANY(…)` with 100 ids made it hash-join a sequential scan of every file
 * (65 ms instead of 8 ms on PGlite at 10k files).
 */
export const CHUNK_HITS = `
SELECT c.id, c.repository_id, f.path, f.language, c.start_line, c.end_line, c.kind, c.symbol
FROM unnest($1::bigint[]) AS u(id) JOIN chunks c ON c.id = u.id JOIN files f ON f.id = c.file_id`;

const STORED_CHUNK_COLUMNS = `c.id, c.repository_id, f.path, f.language, c.start_line, c.end_line, c.kind, c.symbol,
  c.content, c.content_hash`;

export const GET_CHUNKS = `
SELECT ${STORED_CHUNK_COLUMNS}
FROM unnest($1::bigint[]) AS u(id) JOIN chunks c ON c.id = u.id JOIN files f ON f.id = c.file_id`;

export const GET_FILE_CHUNKS = `
SELECT ${STORED_CHUNK_COLUMNS}
FROM files f JOIN chunks c ON c.file_id = f.id
WHERE f.repository_id = $1 AND f.path = $2
ORDER BY c.start_line, c.end_line, c.id`;

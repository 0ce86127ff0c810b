/**
 * Reads what BM25 needs for one query, in one statement (one snapshot, so the statistics and the
 * postings agree even while another connection writes):
 *
 * - one `kind = 0` row: N = Σ chunk_count and Σ token_total of the searched repositories, the ids
 *   of their dead (replaced, not yet compacted) chunks, and, for a filtered search, the ids of the
 *   files that pass the filters;
 * - one `kind = 1` row per (query term, segment): the postings arrays as array text, which both
 *   drivers return unparsed and `bm25.ts` parses faster than they would.
 *
 * Scoring happens in `lexical-search.ts` over these rows; docs/notes/store-perf.md explains why
 * (on PGlite, SQL aggregation cost ~2.5× the CPU of reading the arrays, plus ~8 ms of planning).
 *
 * Parameters: $1 term hashes (bigint[]), $2 repository ids (int[]), $3 filtered (boolean),
 * $4 languages (text[] or null), $5 path regex (text or null).
 */
export const LEXICAL_POSTINGS = `
SELECT 0 AS kind, NULL::bigint AS term,
  (SELECT coalesce(sum(chunk_count), 0)::float8 FROM repositories WHERE id = ANY($2::integer[])) AS n,
  (SELECT coalesce(sum(token_total), 0)::float8 FROM repositories WHERE id = ANY($2::integer[])) AS tokens,
  (SELECT array_agg(chunk_id) FROM dead_chunks WHERE repository_id = ANY($2::integer[]))::text AS chunk_ids,
  NULL::text AS tfs, NULL::text AS dls,
  CASE WHEN $3::boolean THEN (
    SELECT coalesce(array_agg(id), '{}') FROM files
    WHERE repository_id = ANY($2::integer[])
      AND ($4::text[] IS NULL OR language = ANY($4::text[]))
      AND ($5::text IS NULL OR path ~ $5::text)
  )::text END AS file_ids
UNION ALL
SELECT 1, p.term, NULL, NULL, p.chunk_ids::text, p.tfs::text, p.dls::text,
  CASE WHEN $3::boolean THEN p.file_ids::text END
FROM postings p
WHERE p.term = ANY($1::bigint[]) AND p.repository_id = ANY($2::integer[])`;

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

/**
 * Reads what BM25 needs for one query, in one statement (one snapshot, so the statistics, the
 * segment fingerprints and the postings agree even while another connection writes):
 *
 * - one `kind = 0` row: N = Σ chunk_count and Σ token_total of the searched repositories, the ids
 *   of their dead (replaced, not yet compacted) chunks, and, for a filtered search whose allowed
 *   files are not cached ($6), the ids of the files that pass the filters;
 * - one `kind = 2` row per searched repository that has segments: `version`, the md5 of its ordered
 *   `(segment id, chunk_count)` pairs, which changes whenever a postings row of the repository may
 *   have changed (postings-cache.ts);
 * - one `kind = 1` row per (query term not served from the cache, segment): the postings arrays as
 *   array text, which both drivers return unparsed and `bm25.ts` parses faster than they would,
 *   with their length `n`, and `file_ids` when the search is filtered. (Reading file ids for
 *   every frequent term, so that cached postings serve filtered searches too, made cold
 *   unfiltered reads ~30% dearer: a filtered search re-reads a cached term once instead.)
 *
 * Parameters: $1 term hashes to read (bigint[]), $2 repository ids (int[]), $3 filtered (boolean),
 * $4 languages (text[] or null), $5 path regex (text or null), $6 read the allowed files (boolean).
 */
export const LEXICAL_READ = `
SELECT 0 AS kind, NULL::integer AS repository_id, NULL::bigint AS term, NULL::integer AS n,
  (SELECT coalesce(sum(chunk_count), 0)::float8 FROM repositories WHERE id = ANY($2::integer[])) AS chunks,
  (SELECT coalesce(sum(token_total), 0)::float8 FROM repositories WHERE id = ANY($2::integer[])) AS tokens,
  NULL::text AS version,
  (SELECT array_agg(chunk_id) FROM dead_chunks WHERE repository_id = ANY($2::integer[]))::text AS chunk_ids,
  NULL::text AS tfs, NULL::text AS dls,
  CASE WHEN $3::boolean AND $6::boolean THEN (
    SELECT coalesce(array_agg(id), '{}') FROM files
    WHERE repository_id = ANY($2::integer[])
      AND ($4::text[] IS NULL OR language = ANY($4::text[]))
      AND ($5::text IS NULL OR path ~ $5::text)
  )::text END AS file_ids
UNION ALL
SELECT 2, s.repository_id, NULL, NULL, NULL, NULL,
  md5(string_agg(s.id::text || ':' || s.chunk_count::text, ',' ORDER BY s.id)), NULL, NULL, NULL, NULL
FROM segments s WHERE s.repository_id = ANY($2::integer[]) GROUP BY s.repository_id
UNION ALL
SELECT 1, p.repository_id, p.term, p.n, NULL, NULL, NULL, p.chunk_ids::text, p.tfs::text, p.dls::text,
  CASE WHEN $3::boolean THEN p.file_ids::text END
FROM postings p
WHERE p.term = ANY($1::bigint[]) AND p.repository_id = ANY($2::integer[])`;

/**
 * The most frequent terms of each repository by number of postings (index-only: `n` is included in
 * postings_term_idx), at least $2 postings, most frequent first, at most $3 rows.
 */
export const FREQUENT_TERMS = `
SELECT repository_id, term, sum(n)::float8 AS n FROM postings WHERE repository_id = ANY($1::integer[])
GROUP BY repository_id, term HAVING sum(n) >= $2 ORDER BY sum(n) DESC LIMIT $3`;

/**
 * Okapi BM25 in SQL, over the postings of the searched repositories:
 *
 *   score(c) = Σ_t  w_t · idf(t) · tf·(k1+1) / (tf + k1·(1 − b + b·dl/avgdl))
 *   idf(t)   = ln(1 + (N − df + 0.5) / (df + 0.5))
 *
 * N and avgdl come from the repositories' maintained statistics (chunk_count, token_total); df is
 * counted from the live postings at query time. Postings rows hold arrays (one row per term and
 * segment); `hits` unnests them once, skipping dead chunks, and both df and the scores come from it.
 * Scoring never touches the chunks table; only the top `limit` chunks are joined for metadata.
 *
 * Parameters: $1 term hashes (bigint[]), $2 term weights (float8[]), $3 repository ids (int[]),
 * $4 k1, $5 b, $6 limit; the filtered variant adds $7 languages (text[] or null) and
 * $8 path regex (text or null). Filters narrow the results, not the corpus statistics.
 */

const HITS = `
WITH q AS (
  SELECT term, weight, i::integer AS i
  FROM unnest($1::bigint[], $2::float8[]) WITH ORDINALITY AS q(term, weight, i)
), corpus AS (
  SELECT coalesce(sum(chunk_count), 0)::float8 AS n,
    greatest(sum(token_total)::float8 / greatest(sum(chunk_count), 1)::float8, 1e-9) AS avgdl
  FROM repositories WHERE id = ANY($3::integer[])
), hits AS MATERIALIZED (
  SELECT x.i, x.chunk_id, x.file_id,
    x.tf * ($4::float8 + 1) / (x.tf + $4::float8 * (1 - $5::float8 + $5::float8 * x.dl / c.avgdl)) AS part
  FROM (
    SELECT q.i, unnest(p.chunk_ids) AS chunk_id, unnest(p.tfs)::float8 AS tf, unnest(p.dls)::float8 AS dl,
      unnest(p.file_ids) AS file_id
    FROM q JOIN postings p ON p.term = q.term AND p.repository_id = ANY($3::integer[])
  ) x CROSS JOIN corpus c
  WHERE NOT EXISTS (SELECT 1 FROM dead_chunks d WHERE d.chunk_id = x.chunk_id)
), idf AS (
  SELECT array_agg(q.weight * ln(1 + (c.n - coalesce(d.df, 0) + 0.5) / (coalesce(d.df, 0) + 0.5)) ORDER BY q.i) AS w
  FROM q CROSS JOIN corpus c LEFT JOIN (SELECT i, count(*)::float8 AS df FROM hits GROUP BY i) d ON d.i = q.i
)`;

const TOP_TO_HITS = `
SELECT c.id, c.repository_id, f.path, f.language, c.start_line, c.end_line, c.kind, c.symbol, t.score
FROM top t JOIN chunks c ON c.id = t.chunk_id JOIN files f ON f.id = c.file_id
ORDER BY t.score DESC, t.chunk_id`;

export const LEXICAL_SEARCH = `${HITS}, top AS (
  SELECT h.chunk_id, sum(idf.w[h.i] * h.part) AS score
  FROM hits h CROSS JOIN idf
  GROUP BY h.chunk_id
  ORDER BY score DESC, h.chunk_id
  LIMIT $6
)${TOP_TO_HITS}`;

export const LEXICAL_SEARCH_FILTERED = `${HITS}, allowed AS (
  SELECT id FROM files
  WHERE repository_id = ANY($3::integer[])
    AND ($7::text[] IS NULL OR language = ANY($7::text[]))
    AND ($8::text IS NULL OR path ~ $8::text)
), top AS (
  SELECT h.chunk_id, sum(idf.w[h.i] * h.part) AS score
  FROM hits h CROSS JOIN idf
  WHERE h.file_id IN (SELECT id FROM allowed)
  GROUP BY h.chunk_id
  ORDER BY score DESC, h.chunk_id
  LIMIT $6
)${TOP_TO_HITS}`;

const STORED_CHUNK_COLUMNS = `c.id, c.repository_id, f.path, f.language, c.start_line, c.end_line, c.kind, c.symbol,
  c.content, c.content_hash`;

export const GET_CHUNKS = `
SELECT ${STORED_CHUNK_COLUMNS}
FROM chunks c JOIN files f ON f.id = c.file_id
WHERE c.id = ANY($1::bigint[])`;

export const GET_FILE_CHUNKS = `
SELECT ${STORED_CHUNK_COLUMNS}
FROM files f JOIN chunks c ON c.file_id = f.id
WHERE f.repository_id = $1 AND f.path = $2
ORDER BY c.start_line, c.end_line, c.id`;

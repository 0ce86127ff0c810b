/**
 * Okapi BM25 in SQL, over the postings of the searched repositories:
 *
 *   score(c) = Σ_t  w_t · idf(t) · tf·(k1+1) / (tf + k1·(1 − b + b·dl/avgdl))
 *   idf(t)   = ln(1 + (N − df + 0.5) / (df + 0.5))
 *
 * N and avgdl come from the repositories' maintained statistics (chunk_count, token_total). df is
 * counted at query time: the sum of the term's per-segment posting counts (`n`, read from the
 * index), minus its postings in dead chunks when the repositories have any (compaction keeps that
 * rare). Postings rows hold arrays, one row per term and segment; they are unnested once, dead
 * chunks skipped, and aggregated per chunk. Scoring never reads chunks; only the top `limit`
 * chunks are joined for their metadata.
 *
 * Parameters: $1 term hashes (bigint[]), $2 term weights (float8[]), $3 repository ids (int[]),
 * $4 k1, $5 b, $6 limit; the filtered variant adds $7 languages (text[] or null) and
 * $8 path regex (text or null). Filters narrow the results, not the corpus statistics.
 */

const WEIGHTS = `
WITH q AS (
  SELECT term, weight, i::integer AS i
  FROM unnest($1::bigint[], $2::float8[]) WITH ORDINALITY AS q(term, weight, i)
), corpus AS (
  SELECT coalesce(sum(chunk_count), 0)::float8 AS n,
    greatest(sum(token_total)::float8 / greatest(sum(chunk_count), 1)::float8, 1e-9) AS avgdl
  FROM repositories WHERE id = ANY($3::integer[])
), dead AS (
  SELECT chunk_id FROM dead_chunks WHERE repository_id = ANY($3::integer[])
), df AS (
  SELECT q.i, (
    SELECT coalesce(sum(p.n), 0) FROM postings p WHERE p.term = q.term AND p.repository_id = ANY($3::integer[])
  )::float8 - (
    CASE WHEN NOT EXISTS (SELECT 1 FROM dead) THEN 0 ELSE (
      SELECT count(*) FROM postings p CROSS JOIN LATERAL unnest(p.chunk_ids) AS u(chunk_id)
      WHERE p.term = q.term AND p.repository_id = ANY($3::integer[]) AND u.chunk_id IN (SELECT chunk_id FROM dead)
    ) END
  )::float8 AS df
  FROM q
), w AS (
  SELECT array_agg(q.weight * ln(1 + (c.n - df.df + 0.5) / (df.df + 0.5)) ORDER BY q.i) AS idf,
    $4::float8 * (1 - $5::float8) AS k_base, $4::float8 * $5::float8 / c.avgdl AS k_len
  FROM q JOIN df ON df.i = q.i CROSS JOIN corpus c
  GROUP BY c.avgdl
)`;

const postings = (withFileIds: boolean) => `
    SELECT q.i, unnest(p.chunk_ids) AS chunk_id, unnest(p.tfs) AS tf, unnest(p.dls) AS dl${
      withFileIds ? ', unnest(p.file_ids) AS file_id' : ''
    }
    FROM q JOIN postings p ON p.term = q.term AND p.repository_id = ANY($3::integer[])`;

const SCORE = `sum(w.idf[x.i] * x.tf * ($4::float8 + 1) / (x.tf + w.k_base + w.k_len * x.dl))`;

const TOP_TO_HITS = `
SELECT c.id, c.repository_id, f.path, f.language, c.start_line, c.end_line, c.kind, c.symbol, t.score
FROM top t JOIN chunks c ON c.id = t.chunk_id JOIN files f ON f.id = c.file_id
ORDER BY t.score DESC, t.chunk_id`;

const ALLOWED = `, allowed AS (
  SELECT id FROM files
  WHERE repository_id = ANY($3::integer[])
    AND ($7::text[] IS NULL OR language = ANY($7::text[]))
    AND ($8::text IS NULL OR path ~ $8::text)
)`;

/**
 * The statement for a search: with or without filters, and with or without skipping dead chunks
 * (the store checks; after compaction there are none, and skipping costs a probe per posting).
 */
export function lexicalSearchSql(options: { filtered: boolean; skipDead: boolean }): string {
  const conditions = [
    options.skipDead ? 'NOT EXISTS (SELECT 1 FROM dead d WHERE d.chunk_id = x.chunk_id)' : null,
    options.filtered ? 'x.file_id IN (SELECT id FROM allowed)' : null,
  ].filter((c) => c !== null);
  return `${WEIGHTS}${options.filtered ? ALLOWED : ''}, top AS (
  SELECT x.chunk_id, ${SCORE} AS score
  FROM (${postings(options.filtered)}) x CROSS JOIN w${conditions.length > 0 ? `\n  WHERE ${conditions.join(' AND ')}` : ''}
  GROUP BY x.chunk_id
  ORDER BY score DESC, x.chunk_id
  LIMIT $6
)${TOP_TO_HITS}`;
}

/** Whether any of the repositories has dead (replaced, not yet compacted) chunks. */
export const HAS_DEAD_CHUNKS = `SELECT EXISTS (SELECT 1 FROM dead_chunks WHERE repository_id = ANY($1::integer[])) AS dead`;

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

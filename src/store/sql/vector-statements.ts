/**
 * SQL for chunk vectors and the embedding cache (schema: migrations/0002-vectors.ts). Every value is
 * a bound parameter except a vector length, which is an integer the store validates
 * (`checkDimensions`) before it builds an index name or a `vector(<dims>)` type from it.
 */

/** pgvector's HNSW index takes `vector` of at most this many dimensions. */
export const MAX_INDEXED_DIMENSIONS = 2000;
/** pgvector's `vector` type holds at most this many dimensions. */
export const MAX_DIMENSIONS = 16000;

export const LOCK_REPOSITORY_EMBEDDING = `
SELECT embedding_model, embedding_dimensions, chunk_count FROM repositories WHERE id = $1 FOR UPDATE`;

export const UPDATE_REPOSITORY_EMBEDDING = `
UPDATE repositories SET embedding_model = $2, embedding_dimensions = $3 WHERE id = $1`;

export const DISCARD_REPOSITORY_VECTORS = `DELETE FROM chunk_vectors WHERE repository_id = $1`;

export const REPOSITORY_EMBEDDINGS = `
SELECT id, embedding_model, embedding_dimensions, chunk_count FROM repositories WHERE id = ANY($1::integer[])`;

/** Index names are per length; concurrent creators (two servers) queue on this lock. */
export const LOCK_INDEX_CREATION = `SELECT pg_advisory_xact_lock(0x63626d6376)`;

export const hnswIndexName = (dims: number): string => `chunk_vectors_hnsw_${dims}`;

export const HNSW_INDEX_EXISTS = `SELECT to_regclass($1) IS NOT NULL AS present`;

export const COUNT_VECTORS_OF_LENGTH = `SELECT count(*) AS n FROM chunk_vectors WHERE dims = $1`;

/** The graph of 60k 256-dimensional vectors needs ~100 MB; past maintenance_work_mem the build slows down. */
export const INDEX_BUILD_MEMORY = `SELECT set_config('maintenance_work_mem', '512MB', true)`;

/** The HNSW index for vectors of one length: a partial expression index, cosine distance. */
export function createHnswIndexSql(dims: number, m: number, efConstruction: number): string {
  return `CREATE INDEX IF NOT EXISTS ${hnswIndexName(dims)} ON chunk_vectors
  USING hnsw ((embedding::vector(${dims})) vector_cosine_ops) WITH (m = ${m}, ef_construction = ${efConstruction})
  WHERE dims = ${dims}`;
}

/** Every chunk of the repository without a vector, in id order (one pass; ids only). */
export const MISSING_CHUNK_IDS = `
SELECT c.id FROM chunks c
WHERE c.repository_id = $1 AND NOT EXISTS (SELECT 1 FROM chunk_vectors v WHERE v.chunk_id = c.id)
ORDER BY c.id`;

/**
 * One page of chunks by id ($2), those still without a vector; chunks whose content has a cached
 * vector of the model ($3, length $4) get it on the way. Returns every such chunk with `reused`,
 * and the text of the ones still to embed. Looked up by primary key (unnest → chunks_pkey), so the
 * cost is the page, never the repository. The vector and cache probes are correlated scalar
 * subqueries on purpose: PostgreSQL runs them as one primary-key probe per row, whereas as joins
 * (NOT EXISTS, JOIN embedding_cache) the plan depended on stale statistics, and with a page
 * estimated at 512 rows it hashed every cached vector of the model for each page (measured 0.5 s
 * a page with 28k cached vectors: quadratic over a cold index).
 */
export const CHUNKS_TO_EMBED = `
WITH page AS MATERIALIZED (
  SELECT c.id, c.file_id, c.content_hash,
    (SELECT e.embedding FROM embedding_cache e WHERE e.content_hash = c.content_hash AND e.model = $3) AS cached
  FROM unnest($2::bigint[]) AS q(id) JOIN chunks c ON c.id = q.id
  WHERE c.repository_id = $1 AND (SELECT v.chunk_id FROM chunk_vectors v WHERE v.chunk_id = c.id) IS NULL
), reused AS (
  INSERT INTO chunk_vectors (chunk_id, repository_id, file_id, dims, embedding)
  SELECT p.id, $1, p.file_id, $4::integer, p.cached
  FROM page p
  WHERE p.cached IS NOT NULL AND vector_dims(p.cached) = $4::integer
  ON CONFLICT (chunk_id) DO NOTHING
  RETURNING chunk_id
)
SELECT p.id, r.chunk_id IS NOT NULL AS reused, p.content_hash, f.path,
  CASE WHEN r.chunk_id IS NULL THEN c.symbol END AS symbol, CASE WHEN r.chunk_id IS NULL THEN c.content END AS content
FROM page p JOIN chunks c ON c.id = p.id JOIN files f ON f.id = c.file_id LEFT JOIN reused r ON r.chunk_id = p.id
ORDER BY p.id`;

export const ALL_CHUNKS = `
SELECT c.id, c.content_hash, f.path, c.symbol, c.content
FROM files f JOIN chunks c ON c.file_id = f.id
WHERE f.repository_id = $1
ORDER BY c.id
LIMIT $2`;

export const COUNT_VECTORS = `SELECT count(*) AS n FROM chunk_vectors WHERE repository_id = $1`;

/**
 * Rows to write arrive here first, by COPY or from arrays. One temporary table per connection,
 * emptied at each commit: creating and dropping it in every transaction cost ~10 ms of catalog
 * writes per batch on PGlite. Any rows left behind (a failed transaction) go with the rollback.
 */
export const CREATE_STAGING = `
CREATE TEMP TABLE IF NOT EXISTS vector_staging (chunk_id bigint, content_hash text, embedding vector) ON COMMIT DELETE ROWS`;

/** PGlite: binary COPY (vector_recv), no float text to parse. */
export const COPY_STAGING = `COPY vector_staging (chunk_id, content_hash, embedding) FROM '/dev/blob' WITH (FORMAT binary)`;

/** PostgreSQL: the same binary rows over the COPY sub-protocol. */
export const COPY_STAGING_STDIN = `COPY vector_staging (chunk_id, content_hash, embedding) FROM STDIN WITH (FORMAT binary)`;

/**
 * Vectors of chunks written in the same transaction, straight into `chunk_vectors`: their ids are
 * new, so no row can conflict and no join has to check that the chunk exists. PGlite form; the
 * PostgreSQL form reads STDIN.
 */
export const COPY_CHUNK_VECTORS = `COPY chunk_vectors (chunk_id, repository_id, file_id, dims, embedding)
FROM '/dev/blob' WITH (FORMAT binary)`;

export const COPY_CHUNK_VECTORS_STDIN = `COPY chunk_vectors (chunk_id, repository_id, file_id, dims, embedding)
FROM STDIN WITH (FORMAT binary)`;

/** Any backend: vectors as text literals `[x,y,…]`, one array element each. */
export const INSERT_STAGING = `
INSERT INTO vector_staging (chunk_id, content_hash, embedding)
SELECT u.chunk_id, u.content_hash, u.v::vector FROM unnest($1::bigint[], $2::text[], $3::text[]) AS u(chunk_id, content_hash, v)`;

/**
 * Staged vectors of chunks that still exist in the repository (a concurrent re-index may have
 * replaced some). The staged chunk ids come again as $3, so `chunks` is read by primary key: the
 * staging table has no statistics, and joining it alone made the planner hash all of `chunks`
 * (a sequential scan of the repository's chunks, content included) for every batch.
 */
export const STAGING_TO_VECTORS = `
INSERT INTO chunk_vectors (chunk_id, repository_id, file_id, dims, embedding)
SELECT s.chunk_id, c.repository_id, c.file_id, $2, s.embedding
FROM vector_staging s JOIN chunks c ON c.id = s.chunk_id
WHERE c.repository_id = $1 AND c.id = ANY($3::bigint[])
ON CONFLICT (chunk_id) DO UPDATE SET dims = EXCLUDED.dims, embedding = EXCLUDED.embedding`;

export const STAGING_TO_CACHE = `
INSERT INTO embedding_cache (content_hash, model, embedding)
SELECT s.content_hash, $1, s.embedding FROM vector_staging s
ON CONFLICT (content_hash, model) DO NOTHING`;

/** Sets the HNSW search parameters for the current transaction. */
export const HNSW_SETTINGS = `
SELECT set_config('hnsw.ef_search', $1, true), set_config('hnsw.iterative_scan', 'relaxed_order', true)`;

/**
 * Nearest chunks of one vector length. `indexed`: ordered by the HNSW index expression (approximate,
 * iterative scan keeps going until `limit` rows pass the filters); otherwise the distance is
 * computed for every candidate row (exact; used for small repositories and as a fallback).
 * Parameters: $1 query vector, $2 repository ids, $3 limit, filtered: $4 languages, $5 path regex.
 */
export function vectorSearchSql(dims: number, options: { indexed: boolean; filtered: boolean }): string {
  const column = options.indexed ? `(v.embedding::vector(${dims}))` : 'v.embedding';
  const distance = `${column} <=> $1::vector(${dims})`;
  const filter = options.filtered
    ? `
    AND v.file_id = ANY (ARRAY(
      SELECT id FROM files WHERE repository_id = ANY($2::integer[])
        AND ($4::text[] IS NULL OR language = ANY($4::text[])) AND ($5::text IS NULL OR path ~ $5::text)
    ))`
    : '';
  return `
WITH nearest AS MATERIALIZED (
  SELECT v.chunk_id, ${distance} AS distance
  FROM chunk_vectors v
  WHERE v.dims = ${dims} AND v.repository_id = ANY($2::integer[])${filter}
  ORDER BY ${distance}
  LIMIT $3
)
SELECT c.id, c.repository_id, f.path, f.language, c.start_line, c.end_line, c.kind, c.symbol,
  1 - n.distance AS score
FROM nearest n JOIN chunks c ON c.id = n.chunk_id JOIN files f ON f.id = c.file_id
ORDER BY n.distance, n.chunk_id`;
}

/** Exact similarity of chunks $2 to the query vector $1 (length $3), among vectors of model $4. */
export const CHUNK_SIMILARITIES = `
SELECT v.chunk_id, 1 - (v.embedding <=> $1::vector) AS score
FROM unnest($2::bigint[]) AS q(id) JOIN chunk_vectors v ON v.chunk_id = q.id
JOIN repositories r ON r.id = v.repository_id
WHERE v.dims = $3::integer AND r.embedding_model = $4`;

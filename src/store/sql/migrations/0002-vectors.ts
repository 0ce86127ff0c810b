/**
 * Migration 2: chunk vectors and the embedding cache.
 *
 * Vectors of different models have different lengths, and an HNSW index needs a typed dimension,
 * so `chunk_vectors.embedding` is an untyped `vector` with its length in `dims`; the store creates
 * one partial expression index per length on demand (`chunk_vectors_hnsw_<dims>`, vectors.ts).
 * A repository has one embedding model (`repositories.embedding_model`); its vectors are discarded
 * when the model changes. The cache keeps vectors by (content hash, model), so re-indexing embeds
 * only changed chunks. Vectors of deleted chunks go in the same statement (a statement-level
 * trigger, one set-based delete per statement), so no path that deletes chunks can leave them behind.
 */
export const version = 2;
export const name = 'vectors';

export const sql = /* sql */ `
CREATE TABLE chunk_vectors (
  chunk_id bigint PRIMARY KEY,
  repository_id integer NOT NULL,
  -- copied from chunks, so language/path filters run on the index scan without a join
  file_id integer NOT NULL,
  dims integer NOT NULL,
  embedding vector NOT NULL
);
CREATE INDEX chunk_vectors_repository_idx ON chunk_vectors (repository_id);

CREATE TABLE embedding_cache (
  content_hash text NOT NULL,
  model text NOT NULL,
  embedding vector NOT NULL,
  PRIMARY KEY (content_hash, model)
);

CREATE FUNCTION chunk_vectors_forget_chunks() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  DELETE FROM chunk_vectors v USING gone g WHERE v.chunk_id = g.id;
  RETURN NULL;
END
$fn$;
CREATE TRIGGER chunks_forget_vectors AFTER DELETE ON chunks
  REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION chunk_vectors_forget_chunks();

-- Removing a repository also drops cached vectors no chunk uses any more.
CREATE FUNCTION embedding_cache_prune() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  DELETE FROM chunk_vectors v USING gone g WHERE v.repository_id = g.id;
  DELETE FROM embedding_cache e
  WHERE NOT EXISTS (SELECT 1 FROM chunks c WHERE c.content_hash = e.content_hash);
  RETURN NULL;
END
$fn$;
CREATE TRIGGER repositories_prune_vectors AFTER DELETE ON repositories
  REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION embedding_cache_prune();
`;

/**
 * Nearest-neighbour search over chunk vectors by cosine distance. Large corpora go through the
 * HNSW index of the vector length (ef_search from the options, raised to the limit; pgvector 0.8
 * iterative scans so repository/language/path filters do not starve the result); small ones, and
 * any indexed search that comes back short, compute every distance exactly. Results join `chunks`,
 * so a replaced or deleted chunk can never be returned.
 */
import { StoreError } from '../../core/index.js';
import type { ChunkHit, SimilarityQuery, VectorQuery } from '../store.js';
import { numberArray, textArray } from './arrays.js';
import type { Driver } from './driver.js';
import { num, toChunkHit } from './mappers.js';
import { vectorLiteral } from './vector-codec.js';
import {
  CHUNK_SIMILARITIES,
  HNSW_SETTINGS,
  MAX_INDEXED_DIMENSIONS,
  REPOSITORY_EMBEDDINGS,
  vectorSearchSql,
} from './vector-statements.js';
import { checkDimensions, dimensionMismatch, hasHnswIndex, type VectorOptions } from './vectors.js';

/** pgvector's ceiling for `hnsw.ef_search`. */
const MAX_EF_SEARCH = 1000;

export async function vectorSearch(
  driver: Driver,
  options: VectorOptions,
  query: VectorQuery,
): Promise<ChunkHit[]> {
  const limit = Math.floor(query.limit);
  if (query.repositoryIds.length === 0 || limit <= 0) return [];
  const dims = checkDimensions(query.vector.length, 'Query vector');
  if (!query.vector.every(Number.isFinite)) {
    throw new StoreError('INVALID_ARGUMENT', 'The query vector holds NaN or infinite values.', {
      hint: 'The embedding provider returned an invalid vector.',
    });
  }
  const repositories = await driver.query(REPOSITORY_EMBEDDINGS, [
    numberArray([...new Set(query.repositoryIds)]),
  ]);
  const targets = repositories.rows.filter(
    (r) => r.embedding_model === query.model && r.embedding_dimensions != null,
  );
  if (targets.length === 0) return [];
  for (const r of targets) {
    if (num(r.embedding_dimensions) !== dims)
      throw dimensionMismatch(num(r.id), query.model, num(r.embedding_dimensions), dims);
  }
  const filtered =
    (query.languages !== undefined && query.languages.length > 0) || query.pathRegex !== undefined;
  const params: unknown[] = [vectorLiteral(query.vector), numberArray(targets.map((r) => num(r.id))), limit];
  if (filtered)
    params.push(query.languages?.length ? textArray(query.languages) : null, query.pathRegex ?? null);

  const total = targets.reduce((n, r) => n + num(r.chunk_count), 0);
  const exact = () => driver.query(vectorSearchSql(dims, { indexed: false, filtered }), params);
  if (dims > MAX_INDEXED_DIMENSIONS || total <= options.exactBelow || !(await hasHnswIndex(driver, dims))) {
    return (await exact()).rows.map(toChunkHit);
  }

  const efSearch = Math.min(MAX_EF_SEARCH, Math.max(Math.floor(options.hnsw.efSearch), limit));
  const indexed = await driver.transaction(async (tx) => {
    await tx.query(HNSW_SETTINGS, [String(efSearch)]);
    return tx.query(vectorSearchSql(dims, { indexed: true, filtered }), params);
  });
  // An iterative scan gives up after hnsw.max_scan_tuples; a very selective filter can leave it
  // short of the limit, and then computing the distances of the few matching rows is cheap.
  if (indexed.rows.length < limit && indexed.rows.length < total) return (await exact()).rows.map(toChunkHit);
  return indexed.rows.map(toChunkHit);
}

export async function vectorSimilarities(
  driver: Driver,
  query: SimilarityQuery,
): Promise<Map<number, number>> {
  const out = new Map<number, number>();
  if (query.chunkIds.length === 0) return out;
  const dims = checkDimensions(query.vector.length, 'Query vector');
  const { rows } = await driver.query(CHUNK_SIMILARITIES, [
    vectorLiteral(query.vector),
    numberArray([...new Set(query.chunkIds)]),
    dims,
    query.model,
  ]);
  for (const row of rows) out.set(num(row.chunk_id), num(row.score));
  return out;
}

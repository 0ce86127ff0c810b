/**
 * BM25 search: one statement reads the corpus statistics and the query terms' postings arrays
 * (search-statements.ts), `bm25.ts` scores them, a second statement fetches the metadata of the
 * top chunks. See docs/notes/store-perf.md for why scoring is not a SQL aggregate.
 */
import type { ChunkHit, LexicalQuery } from '../store.js';
import { numberArray, textArray } from './arrays.js';
import { parseFloat4Array, parseIntArray, scoreBm25, type PostingsRow } from './bm25.js';
import type { Queryable } from './driver.js';
import { num, toChunkHit } from './mappers.js';
import { CHUNK_HITS, LEXICAL_POSTINGS } from './search-statements.js';
import { termHash } from './term-hash.js';

interface PostingsResultRow {
  kind: unknown;
  term: unknown;
  n: unknown;
  tokens: unknown;
  chunk_ids: string | null;
  tfs: string | null;
  dls: string | null;
  file_ids: string | null;
}

/** Runs a lexical query against `db`; hits best first, without content. */
export async function lexicalSearch(db: Queryable, query: LexicalQuery): Promise<ChunkHit[]> {
  if (query.repositoryIds.length === 0 || query.terms.length === 0 || query.limit <= 0) return [];
  const termIndex = new Map<number, number>();
  const weights: number[] = [];
  for (const { term, weight } of query.terms) {
    const key = termHash(term);
    const i = termIndex.get(key);
    if (i === undefined) {
      termIndex.set(key, weights.length);
      weights.push(weight);
    } else weights[i]! += weight;
  }
  const filtered =
    (query.languages !== undefined && query.languages.length > 0) || query.pathRegex !== undefined;
  const result = await db.query<PostingsResultRow>(LEXICAL_POSTINGS, [
    numberArray([...termIndex.keys()]),
    numberArray([...new Set(query.repositoryIds)]),
    filtered,
    query.languages?.length ? textArray(query.languages) : null,
    query.pathRegex ?? null,
  ]);

  let chunkCount = 0;
  let tokenTotal = 0;
  let dead = new Set<number>();
  let allowedFiles: Set<number> | undefined;
  const rows: PostingsRow[] = [];
  for (const row of result.rows) {
    if (num(row.kind) === 0) {
      chunkCount = num(row.n);
      tokenTotal = num(row.tokens);
      if (row.chunk_ids !== null) dead = new Set(parseIntArray(row.chunk_ids));
      if (filtered) allowedFiles = new Set(parseIntArray(row.file_ids ?? '{}'));
      continue;
    }
    rows.push({
      term: termIndex.get(num(row.term))!,
      chunkIds: parseIntArray(row.chunk_ids!),
      tfs: parseFloat4Array(row.tfs!),
      dls: parseFloat4Array(row.dls!),
      ...(filtered ? { fileIds: parseIntArray(row.file_ids!) } : {}),
    });
  }
  const top = scoreBm25({
    weights,
    rows,
    chunkCount,
    tokenTotal,
    dead,
    ...(allowedFiles !== undefined ? { allowedFiles } : {}),
    k1: query.k1,
    b: query.b,
    limit: query.limit,
  });
  if (top.length === 0) return [];

  const meta = await db.query(CHUNK_HITS, [numberArray(top.map((t) => t.chunkId))]);
  const byId = new Map(meta.rows.map((r) => [num(r.id), r]));
  return top.flatMap(({ chunkId, score }) => {
    const row = byId.get(chunkId);
    return row === undefined ? [] : [toChunkHit({ ...row, score })];
  });
}

/**
 * BM25 search: one statement reads the corpus statistics, the segment fingerprints and the
 * postings arrays of the query terms the postings cache does not hold (lexical-statements.ts),
 * `bm25.ts` scores them, a second statement fetches the metadata of the top chunks. See
 * docs/notes/store-perf.md for why scoring is not a SQL aggregate and why frequent terms are cached.
 */
import type { ChunkHit, LexicalQuery } from '../store.js';
import { numberArray, textArray } from './arrays.js';
import { scoreBm25, type PostingsRow } from './bm25.js';
import { ChunkHitCache, type HitMetadata } from './chunk-hit-cache.js';
import type { Queryable } from './driver.js';
import { readLexical, type LexicalRead } from './lexical-read.js';
import { toChunkHit } from './mappers.js';
import { PostingsCache, type CachedFilter, type CachedPostings } from './postings-cache.js';
import { FREQUENT_TERMS } from './lexical-statements.js';
import { num } from './mappers.js';
import { CHUNK_HITS } from './search-statements.js';
import { termHash } from './term-hash.js';

/** What `lexicalSearch` keeps between queries; results are identical with or without it. */
export interface LexicalCaches {
  /** Decoded postings of frequent terms and recent filters' allowed files. */
  readonly postings: PostingsCache;
  /** Metadata of recently returned chunks. */
  readonly hits: ChunkHitCache;
}

/** One set of caches per database handle, for as long as the handle lives (the SqlStore's driver). */
const cachesByDb = new WeakMap<Queryable, LexicalCaches>();

/** The caches `lexicalSearch` uses for `db` by default. */
export function lexicalCachesFor(db: Queryable): LexicalCaches {
  let caches = cachesByDb.get(db);
  if (caches === undefined) {
    caches = { postings: new PostingsCache(), hits: new ChunkHitCache() };
    cachesByDb.set(db, caches);
  }
  return caches;
}

/** Runs a lexical query against `db`; hits best first, without content. `caches` null: none. */
export async function lexicalSearch(
  db: Queryable,
  query: LexicalQuery,
  caches: LexicalCaches | null = lexicalCachesFor(db),
): Promise<ChunkHit[]> {
  const cache = caches?.postings;
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
  const repositoryIds = [...new Set(query.repositoryIds)];
  const languages = query.languages?.length ? query.languages : undefined;
  const filtered = languages !== undefined || query.pathRegex !== undefined;
  const filterKey = `${repositoryIds.join(',')}\u0000${languages?.join(',') ?? ''}\u0000${query.pathRegex ?? ''}`;

  // Terms every searched repository has cached are not read; the entries are held (not looked up
  // again) so an eviction while the statement runs cannot lose them.
  const held = new Map<number, CachedPostings[]>();
  const toRead: number[] = [];
  for (const term of termIndex.keys()) {
    const entries = repositoryIds.map((r) => cache?.get(r, term, filtered));
    if (entries.every((e) => e !== undefined)) held.set(term, entries as CachedPostings[]);
    else toRead.push(term);
  }
  let heldFilter: CachedFilter | undefined = filtered ? cache?.getFilter(filterKey) : undefined;

  const read = (terms: readonly number[], readAllowed: boolean): Promise<LexicalRead> =>
    readLexical(db, {
      terms,
      repositoryIds,
      filtered,
      readAllowed,
      languages: languages !== undefined ? textArray(languages) : null,
      pathRegex: query.pathRegex ?? null,
    });
  let result = await read(toRead, filtered && heldFilter === undefined);
  const versionsOf = (r: LexicalRead): string => repositoryIds.map((id) => r.versions.get(id)).join(',');
  const stale =
    (heldFilter !== undefined && heldFilter.versions !== versionsOf(result)) ||
    [...held.values()].some((entries) =>
      entries.some((e, i) => e.version !== result.versions.get(repositoryIds[i]!)),
    );
  if (stale) {
    // A repository changed since those were cached: read everything again, in one snapshot.
    held.clear();
    heldFilter = undefined;
    result = await read([...termIndex.keys()], filtered);
  }
  for (const [repositoryId, version] of result.versions) cache?.observe(repositoryId, version);
  if (filtered && heldFilter === undefined && result.allowedFiles !== undefined) {
    cache?.putFilter(filterKey, { versions: versionsOf(result), fileIds: result.allowedFiles });
  }

  const rows: PostingsRow[] = [];
  for (const [term, entries] of held) for (const e of entries) rows.push(toRow(termIndex.get(term)!, e));
  for (const { repositoryId, term, postings } of result.postings) {
    cache?.put(repositoryId, term, postings);
    rows.push(toRow(termIndex.get(term)!, postings));
  }
  const allowedFiles = heldFilter?.fileIds ?? result.allowedFiles;
  const top = scoreBm25({
    weights,
    rows,
    chunkCount: result.chunkCount,
    tokenTotal: result.tokenTotal,
    dead: result.dead,
    ...(filtered && allowedFiles !== undefined ? { allowedFiles } : {}),
    k1: query.k1,
    b: query.b,
    ...(query.lengthFloor !== undefined && { lengthFloor: query.lengthFloor }),
    limit: query.limit,
  });
  if (top.length === 0) return [];

  const known = new Map<number, HitMetadata>();
  const missing: number[] = [];
  for (const { chunkId } of top) {
    const hit = caches?.hits.get(chunkId);
    if (hit === undefined) missing.push(chunkId);
    else known.set(chunkId, hit);
  }
  if (missing.length > 0) {
    const meta = await db.query(CHUNK_HITS, [numberArray(missing)]);
    for (const row of meta.rows) {
      const { score: _score, ...hit } = toChunkHit(row);
      known.set(hit.chunkId, hit);
      caches?.hits.put(hit);
    }
  }
  return top.flatMap(({ chunkId, score }) => {
    const hit = known.get(chunkId);
    return hit === undefined ? [] : [{ ...hit, score }];
  });
}

function toRow(term: number, p: CachedPostings): PostingsRow {
  return {
    term,
    chunkIds: p.chunkIds,
    tfs: p.tfs,
    dls: p.dls,
    ...(p.fileIds !== undefined ? { fileIds: p.fileIds } : {}),
  };
}

/** Terms read per warm-up statement, and the share of the cache a warm-up may fill. */
const WARM_TERMS = 400;
const WARM_SHARE = 0.8;

/**
 * Reads the postings of the repositories' most frequent terms into the cache, so the first
 * searches after a start or a re-index do not pay for them (they are what makes a search slow:
 * docs/notes/store-perf.md). Returns how many postings it cached. Results are unaffected.
 */
export async function warmLexicalCache(
  db: Queryable,
  repositoryIds: readonly number[],
  caches: LexicalCaches = lexicalCachesFor(db),
): Promise<number> {
  const cache = caches.postings;
  const ids = [...new Set(repositoryIds)];
  if (ids.length === 0) return 0;
  const { minPostings, maxPostings } = cache.options;
  const frequent = await db.query(FREQUENT_TERMS, [numberArray(ids), minPostings, WARM_TERMS]);
  const terms = new Set<number>();
  let budget = maxPostings * WARM_SHARE;
  for (const row of frequent.rows) {
    const n = num(row.n);
    if (n > budget) continue;
    budget -= n;
    terms.add(num(row.term));
  }
  if (terms.size === 0) return 0;
  const result = await readLexical(db, {
    terms: [...terms],
    repositoryIds: ids,
    filtered: false,
    readAllowed: false,
    languages: null,
    pathRegex: null,
  });
  for (const [repositoryId, version] of result.versions) cache.observe(repositoryId, version);
  // Every list passes `put`'s checks: at least minPostings (FREQUENT_TERMS), read under the
  // fingerprint just observed, and within the budget.
  let cached = 0;
  for (const { repositoryId, term, postings } of result.postings) {
    cache.put(repositoryId, term, postings);
    cached += postings.chunkIds.length;
  }
  return cached;
}

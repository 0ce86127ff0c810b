/**
 * Runs LEXICAL_READ (lexical-statements.ts) and decodes its rows: the statistics, the segment
 * fingerprints, and each (repository, term)'s postings parsed straight from array text into one
 * typed array per column, concatenated over the term's segments.
 */
import { numberArray } from './arrays.js';
import { parseFloat4ArrayInto, parseIntArray, parseIntArrayInto } from './bm25.js';
import type { Queryable } from './driver.js';
import { LEXICAL_READ } from './lexical-statements.js';
import { num } from './mappers.js';
import type { CachedPostings } from './postings-cache.js';

/** The parameters of one read. */
export interface LexicalReadParams {
  /** Term hashes whose postings to read. */
  readonly terms: readonly number[];
  readonly repositoryIds: readonly number[];
  /** Whether the search is filtered (then postings always come with file ids). */
  readonly filtered: boolean;
  /** Whether to compute the allowed files of the filter. */
  readonly readAllowed: boolean;
  /** Array literal of languages, or null. */
  readonly languages: string | null;
  readonly pathRegex: string | null;
}

/** What one read returned, decoded. */
export interface LexicalRead {
  readonly chunkCount: number;
  readonly tokenTotal: number;
  readonly dead: ReadonlySet<number>;
  /** Present when `readAllowed`. */
  readonly allowedFiles: ReadonlySet<number> | undefined;
  /** Segment fingerprint per searched repository ('' when it has no segments). */
  readonly versions: ReadonlyMap<number, string>;
  readonly postings: readonly { repositoryId: number; term: number; postings: CachedPostings }[];
}

interface ReadRow {
  kind: unknown;
  repository_id: unknown;
  term: unknown;
  n: unknown;
  chunks: unknown;
  tokens: unknown;
  version: string | null;
  chunk_ids: string | null;
  tfs: string | null;
  dls: string | null;
  file_ids: string | null;
}

interface List {
  readonly repositoryId: number;
  readonly term: number;
  length: number;
  filled: number;
  withFiles: boolean;
  postings?: CachedPostings;
}

export async function readLexical(db: Queryable, params: LexicalReadParams): Promise<LexicalRead> {
  const result = await db.query<ReadRow>(LEXICAL_READ, [
    numberArray(params.terms),
    numberArray(params.repositoryIds),
    params.filtered,
    params.languages,
    params.pathRegex,
    params.readAllowed,
  ]);
  let chunkCount = 0;
  let tokenTotal = 0;
  let dead: ReadonlySet<number> = new Set<number>();
  let allowedFiles: ReadonlySet<number> | undefined;
  const versions = new Map(params.repositoryIds.map((r) => [r, '']));
  // First pass: everything but the postings, and each list's length, so the second pass can parse
  // every segment's arrays straight into one preallocated typed array per list.
  const lists = new Map<string, List>();
  for (const row of result.rows) {
    const kind = num(row.kind);
    if (kind === 0) {
      chunkCount = num(row.chunks);
      tokenTotal = num(row.tokens);
      if (row.chunk_ids !== null) dead = new Set(parseIntArray(row.chunk_ids));
      if (params.readAllowed) allowedFiles = new Set(parseIntArray(row.file_ids ?? '{}'));
    } else if (kind === 2) versions.set(num(row.repository_id), row.version ?? '');
    else {
      const repositoryId = num(row.repository_id);
      const term = num(row.term);
      const key = `${repositoryId}:${term}`;
      const list = lists.get(key);
      if (list === undefined) {
        lists.set(key, {
          repositoryId,
          term,
          length: num(row.n),
          filled: 0,
          withFiles: row.file_ids !== null,
        });
      } else list.length += num(row.n);
    }
  }
  for (const row of result.rows) {
    if (num(row.kind) !== 1) continue;
    const list = lists.get(`${num(row.repository_id)}:${num(row.term)}`)!;
    const p = (list.postings ??= {
      version: versions.get(list.repositoryId)!,
      chunkIds: new Float64Array(list.length),
      tfs: new Float32Array(list.length),
      dls: new Float32Array(list.length),
      ...(list.withFiles ? { fileIds: new Int32Array(list.length) } : {}),
    });
    const at = list.filled;
    list.filled += parseIntArrayInto(row.chunk_ids!, p.chunkIds, at);
    parseFloat4ArrayInto(row.tfs!, p.tfs, at);
    parseFloat4ArrayInto(row.dls!, p.dls, at);
    if (p.fileIds !== undefined) parseIntArrayInto(row.file_ids!, p.fileIds, at);
  }
  const postings = [...lists.values()].map(({ repositoryId, term, postings }) => ({
    repositoryId,
    term,
    postings: postings!,
  }));
  return { chunkCount, tokenTotal, dead, allowedFiles, versions, postings };
}

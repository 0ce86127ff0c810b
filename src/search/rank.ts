/**
 * Code-aware ranking on top of the retrieval score (BM25, or fused BM25 + dense):
 * definitions of the symbol the query names go up; what the path says (`path-kinds.ts`: tests,
 * examples, docs… down, a file or folder named by the query up) multiplies in; types that only declare
 * options and copies in parallel source trees go down; a question about the entry point lifts the
 * repository's entry file; and no single file may take more than a few of the top places (one each
 * for "where are…"). Comment blocks are demoted before this (`comment-blocks.ts`).
 */
import { splitIdentifier, stem } from '../lexical/index.js';
import type { ChunkKind } from '../core/index.js';
import type { ChunkHit } from '../store/index.js';
import { isEntryFile, pathMultiplier } from './path-kinds.js';
import { namePart, type QueryAnalysis } from './query.js';
import { DEFAULT_RANKING, type RankingWeights } from './weights.js';

/** Kinds that define a name (as opposed to `impl` blocks or anonymous code). */
const DEFINING_KINDS = new Set<ChunkKind>([
  'function',
  'method',
  'constructor',
  'class',
  'interface',
  'struct',
  'enum',
  'trait',
  'type',
  'module',
  'namespace',
  'constant',
  'variable',
  'macro',
]);

export interface Ranked extends ChunkHit {
  /** The score before ranking adjustments. */
  readonly baseScore: number;
}

/** Between the components of a chunk's qualified symbol (`Router.handle`, `a::b`, `A#b`). */
const SYMBOL_SEPARATOR = /\.|::|#|>/;

export function symbolMultiplier(
  symbol: string | null,
  query: QueryAnalysis,
  w: RankingWeights = DEFAULT_RANKING,
  kind: ChunkKind = 'function',
  path: string | null = null,
): number {
  if (!symbol || query.symbols.length === 0) return 1;
  // Ruby's `empty?`, `merge!`, `path=`, Haskell's `foldl'`: the query tokenizer drops the suffix, so the symbol does too.
  const parts = symbol
    .split(SYMBOL_SEPARATOR)
    .map((p) => namePart(p.trim()).replace(/(\w)[?!=']$/, '$1'))
    .filter(Boolean);
  // `client.negotiate`, `utils.split`, `ast.Walk`: where a file or folder is the module, the query
  // qualifies a top-level name with it.
  const qualified = path === null ? [] : moduleNames(path).map((module) => [module, ...parts]);
  const suffix = /(?<=\w)[?!']+$/.exec(symbol.trimEnd())?.[0] ?? '';
  let best = 1;
  for (const ref of query.symbols) {
    const n = ref.parts.length;
    if (n === 0) continue;
    const named = (candidate: readonly string[]) =>
      candidate.length >= n && candidate.slice(-n).every((p, i) => p === ref.parts[i]);
    const exact = named(parts) ? parts : qualified.find(named);
    let m = 1;
    if (exact) {
      m = n > 1 || exact.length === 1 ? w.symbolExact : w.symbolName;
      // `impl Foo` blocks share the name of the type they implement; the type comes first.
      if (kind === 'impl' && ref.kind !== 'impl') m = w.symbolName;
    } else if (parts.length >= n && parts.at(-1) === ref.parts.at(-1)) {
      // `Other.reject` for `CAPPluginCall.reject`: the name, but another type's.
      m = n > 1 ? w.symbolOther : w.symbolName;
    } else if (n > 1 && parts.length >= n - 1 && parts.slice(1 - n).every((p, i) => p === ref.parts[i])) {
      // `CAPPluginCall.reject` where the extension is small enough to be one chunk, named
      // `CAPPluginCall`: the container the query names holds the member.
      m = w.symbolOther;
    }
    // `runParserT'` and `runParserT`, `save!` and `save`: the name as written comes first.
    if (m > 1 && (ref.suffix ?? '') !== suffix) m *= w.suffixMismatch;
    if (
      m > 1 &&
      ref.kind !== undefined &&
      (ref.kind === kind || (DEFINING_KINDS.has(kind) && sameFamily(ref.kind, kind)))
    ) {
      m *= w.kindMatch;
    }
    best = Math.max(best, m);
  }
  return best;
}

/** The module names a file gives its top-level definitions: its name, and its folder (a Go package). */
function moduleNames(path: string): string[] {
  const segments = path.split('/').map(namePart);
  const file = (segments.pop() ?? '').replace(/\..*$/, '');
  const folder = segments.pop();
  return folder && folder !== file ? [file, folder] : [file];
}

/** `fn` in the query matches methods too; `class` matches structs in languages without classes. */
function sameFamily(a: ChunkKind, b: ChunkKind): boolean {
  const family = (k: ChunkKind) =>
    k === 'function' || k === 'method' || k === 'constructor'
      ? 'callable'
      : k === 'class' || k === 'struct'
        ? 'type'
        : k;
  return family(a) === family(b);
}

/**
 * Re-scores candidates and spreads the top places over files: beyond `perFile` chunks of one file,
 * each further chunk's score is demoted (compounding), unless it defines the queried symbol or
 * the query spells out its whole name.
 */
export function rank(
  hits: readonly ChunkHit[],
  query: QueryAnalysis,
  w: RankingWeights = DEFAULT_RANKING,
): Ranked[] {
  const scored = hits.map((hit) => {
    const pathBoost = pathMultiplier(hit.path, query, w, hit.symbol, hit.language);
    // A test, example or docs chunk that carries the queried name (a `preHandler:` hook callback in a
    // test) is not its definition: no boost unless such files are asked for.
    let symbolBoost = pathBoost < 1 ? 1 : symbolMultiplier(hit.symbol, query, w, hit.kind, hit.path);
    if (symbolBoost >= w.symbolExact && TYPE_PIECES.has(hit.kind) && laterPiece(hit, hits)) {
      symbolBoost = w.symbolName;
    }
    const options = symbolBoost === 1 && !query.isSymbolQuery && !query.wants.options && isOptionsType(hit);
    return {
      ...hit,
      baseScore: hit.score,
      symbolBoost,
      pathBoost,
      score: hit.score * pathBoost * symbolBoost * (options ? w.optionsType : 1),
    };
  });
  const order = (a: Ranked, b: Ranked) =>
    b.score - a.score || a.path.localeCompare(b.path) || a.startLine - b.startLine;
  scored.sort(order);
  if (query.wants.entryPoint) {
    const entry = scored.find((hit) => hit.pathBoost >= 1 && isEntryFile(hit.path));
    if (entry) {
      for (const hit of scored) {
        if (hit.repositoryId === entry.repositoryId && hit.path === entry.path) hit.score *= w.entryPoint;
      }
      scored.sort(order);
    }
  }

  if (w.twin !== 1 && demoteTwins(scored, w.twin)) scored.sort(order);

  const perFile = new Map<string, number>();
  const limit = query.asksWhere ? w.perFileWhere : w.perFile;
  const out: Ranked[] = scored.map(({ symbolBoost, pathBoost: _, ...hit }) => {
    const key = `${hit.repositoryId}:${hit.path}`;
    const n = perFile.get(key) ?? 0;
    if (symbolBoost >= w.symbolExact) return hit;
    // A definition whose whole name the query spells out is no repeat of its file.
    if (namedByQuery(hit.symbol, query)) return hit;
    perFile.set(key, n + 1);
    return n < limit ? hit : { ...hit, score: hit.score * Math.pow(w.perFileDemotion, n + 1 - limit) };
  });
  return out.sort(order);
}

/** The trailing path segments two copies of a file share: the file and its two folders (`common/cache/LocalCache.java`). */
const TWIN_SEGMENTS = 3;

/**
 * Demotes copies of a definition in a parallel source tree (guava's `android/` flavour of every class,
 * a vendored or backported copy), which would otherwise fill half the answer with pairs: the same name
 * and kind in a file of the same name under the same last folders, elsewhere in the same repository.
 * The copy with the shortest path (the others add a folder in front) takes the best score of them all,
 * the others are demoted. Returns whether any was.
 */
function demoteTwins(
  ranked: readonly { -readonly [K in keyof Ranked]: Ranked[K] }[],
  factor: number,
): boolean {
  const keys = ranked.map((hit) => {
    if (hit.symbol === null || hit.kind === 'code') return null;
    const segments = hit.path.split('/');
    if (segments.length < TWIN_SEGMENTS) return null;
    return `${hit.repositoryId}\0${hit.kind}\0${hit.symbol}\0${segments.slice(-TWIN_SEGMENTS).join('/')}`;
  });
  const groups = new Map<string, { path: string; score: number; paths: number }>();
  ranked.forEach((hit, i) => {
    const key = keys[i];
    if (!key) return;
    const group = groups.get(key);
    if (group === undefined) groups.set(key, { path: hit.path, score: hit.score, paths: 1 });
    else if (group.path !== hit.path) {
      if (hit.path.length < group.path.length) group.path = hit.path;
      group.score = Math.max(group.score, hit.score);
      group.paths++;
    }
  });
  let demoted = false;
  ranked.forEach((hit, i) => {
    const key = keys[i];
    const group = key ? groups.get(key) : undefined;
    if (group === undefined || group.paths === 1) return;
    if (hit.path === group.path) hit.score = Math.max(hit.score, group.score);
    else hit.score *= factor;
    demoted = true;
  });
  return demoted;
}

const OPTIONS_KINDS = new Set<ChunkKind>(['struct', 'interface', 'class', 'type']);
const OPTIONS_NAME = /(Config|Configuration|Options|Opts|Settings|Params)$/;

/** A type named as a set of options: `RecoverConfig`, `ClientOptions`, `Builder.Settings`. */
function isOptionsType(hit: ChunkHit): boolean {
  return OPTIONS_KINDS.has(hit.kind) && hit.symbol !== null && OPTIONS_NAME.test(hit.symbol);
}

/** Kinds whose split pieces (the header, then fields between members) all carry the type's name. */
const TYPE_PIECES = new Set<ChunkKind>([
  'class',
  'struct',
  'interface',
  'trait',
  'enum',
  'module',
  'namespace',
]);

/**
 * A piece of a type further down its file than another piece of that name among the candidates
 * (not right after it, as a declaration is after its split-off doc comment): a block of fields
 * between members (jackson's `ByteQuadsCanonicalizer` constants), or a companion object after its
 * class. The type's own start is the answer to its name.
 */
function laterPiece(hit: ChunkHit, hits: readonly ChunkHit[]): boolean {
  return hits.some(
    (other) =>
      other.repositoryId === hit.repositoryId &&
      other.path === hit.path &&
      other.symbol === hit.symbol &&
      TYPE_PIECES.has(other.kind) &&
      other.endLine < hit.startLine - 1,
  );
}

/** Below this many parts a name is too generic to count as spelled out by a question (`parse`, `get_name`). */
const NAMED_PARTS = 3;

/**
 * Every part of the chunk's own name and its container's, at least `NAMED_PARTS` parts, is a word of the query:
 * "parse the Range header" names `parse_range_header`, "parse the destination … of an inline link"
 * `parseLinkDestination`.
 */
function namedByQuery(symbol: string | null, query: QueryAnalysis): boolean {
  if (!symbol || query.words.size === 0) return false;
  // The name and its type: `ReceiveChannel.filter` for "filter elements of a receive channel".
  const own = symbol.split(SYMBOL_SEPARATOR).slice(-2);
  const parts = own
    .flatMap((c) => splitIdentifier(c))
    .filter((p) => p.length >= 2)
    .map(stem);
  return parts.length >= NAMED_PARTS && parts.every((p) => query.words.has(p));
}

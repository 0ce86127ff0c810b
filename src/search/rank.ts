/**
 * Code-aware ranking on top of the retrieval score (BM25, or fused BM25 + dense):
 * definitions of the symbol the query names go up, so do files whose name or folder matches the
 * query; tests, examples, docs, vendored, generated, declaration and data files go down unless asked
 * for, and so do comment blocks and types that only declare options; a question about the entry point
 * lifts the repository's entry file; and no single file may take more than a few of the top places
 * (one each for "where are…").
 */
import { splitIdentifier, stem } from '../lexical/index.js';
import type { ChunkKind, Language } from '../core/index.js';
import type { ChunkHit } from '../store/index.js';
import { DATA_LANGUAGES, namePart, type QueryAnalysis } from './query.js';

export interface RankingWeights {
  /** Multiplier when a chunk defines exactly the symbol the query names (qualified match). */
  readonly symbolExact: number;
  /** Multiplier when the chunk's symbol ends with the queried name. */
  readonly symbolName: number;
  /**
   * Multiplier for half a qualified name: the member of another type (`Other.reject` for
   * `CAPPluginCall.reject`), or the container the query names, kept whole as one chunk.
   */
  readonly symbolOther: number;
  /** Added to the multiplier per query word found in the file name. */
  readonly fileName: number;
  /** Added to the multiplier per query word found in the parent folders. */
  readonly folder: number;
  readonly test: number;
  readonly example: number;
  readonly docs: number;
  readonly vendored: number;
  readonly generated: number;
  readonly declaration: number;
  /**
   * Data, configuration and markup files (JSON, YAML, TOML, HTML, CSS): fixtures, specs and settings
   * that share a code question's words but rarely answer it. Not applied when the query names the
   * format or asks about configuration.
   */
  readonly data: number;
  /**
   * Multiplier for the best-scoring entry file (at the root, or `index`/`main`/`lib`/`mod`/`__init__`…
   * one folder down) when the query asks for the entry point or top-level API. One file only: a PHP
   * or Go package keeps dozens of classes at its root.
   */
  readonly entryPoint: number;
  /**
   * A chunk that is nearly all comment (a doc block split from its code, a licence header, a usage
   * guide at the top of a single-header library) ranks like documentation unless docs are asked for.
   */
  readonly commentBlock: number;
  /** How many results one file may take before its further chunks are demoted. */
  readonly perFile: number;
  /** Score multiplier for each chunk of a file beyond `perFile` (compounding). */
  readonly perFileDemotion: number;
  /** `perFile` for a question about where things are (`QueryAnalysis.asksWhere`): one place per file. */
  readonly perFileWhere: number;
  /**
   * A type that only declares options (`RecoverConfig`, `ClientOptions`, `JWTConfig`): its field docs
   * share a question's words, but the code that acts on them answers it, unless the query asks about
   * configuration or names the type.
   */
  readonly optionsType: number;
  /** Multiplier for a named definition whose `?`, `!` or `'` suffix differs from the query's (`save!` for `save`). */
  readonly suffixMismatch: number;
  /** Extra multiplier when the query names the kind (`struct Program`) and the chunk is one. */
  readonly kindMatch: number;
  /**
   * Multiplier for a test, example, docs, vendored, generated or declaration file when the query
   * asks for that kind of file ("the tests of …", "an example of …", "type declarations").
   */
  readonly wanted: number;
  /**
   * A copy of a definition in a parallel source tree (guava's `android/` flavour, a vendored or
   * backported copy): same name and kind, same file under the same last folders; the copy with the
   * shortest path is the original and is not demoted.
   */
  readonly twin: number;
}

export const DEFAULT_RANKING: RankingWeights = Object.freeze({
  symbolExact: 3,
  symbolName: 2,
  symbolOther: 1.5,
  fileName: 0.25,
  folder: 0.2,
  test: 0.5,
  example: 0.7,
  docs: 0.4,
  vendored: 0.5,
  generated: 0.5,
  declaration: 0.6,
  data: 0.6,
  entryPoint: 2,
  commentBlock: 0.5,
  perFile: 2,
  perFileDemotion: 0.85,
  perFileWhere: 1,
  optionsType: 0.7,
  suffixMismatch: 0.8,
  kindMatch: 1.25,
  wanted: 1.5,
  twin: 0.25,
});

/** Test folders (`test/`, Perl's and git's `t/`, Go's `_test/`, C#'s `Dapper.Tests/`, `integration-tests/`, `mocks/`, `fuzz/`) and test files (`conftest.py`, Django's `tests.py`, Rust's `tests.rs`, gomock's `_mock.go`). */
const TEST_PATH =
  /(^|\/)(_?tests?|t|test[_-]?suites?|__tests__|spec|specs|testing|testdata|fixtures?|__mocks__|[^/]*[._-](unit|integration)?tests?|(unit|integration|e2e)[_-]?tests?)\/|[._-](test|spec)s?\.[^/]+$|(^|\/)test_[^/]+\.py$|(^|\/)(conftest\.py|tests\.(py|rs))$|(^|\/)(mocks?|fakes|testutils?|testhelpers?|fuzz)\/|(^|\/)mock_[^/]+\.go$|_mock\.go$/i;
/** JUnit/xUnit/PHPUnit-style classes (`ParserTest.java`, `RouterTests.cs`), ScalaTest and Hspec specs, Xcode and .NET test targets (`AppTests/`, `AppUITests/`); case matters (`Latest.java`). */
const TEST_CLASS_PATH =
  /(^|\/|[a-z0-9])(Tests?)\.(java|kt|kts|cs|swift|scala|groovy|php)$|(^|\/|[a-z0-9])(Spec|Suite)\.(scala|hs)$|(^|\/)\w*[a-z0-9](UI)?Tests?\//;
const EXAMPLE_PATH = /(^|\/)_?(examples?|samples?|demos?|benchmarks?|bench|benches)\//i;
const DOCS_PATH = /(^|\/)(docs?|documentation)\/|(^|\/)src\/site\/|\.(md|mdx|rst|txt|adoc)$/i;
/** Project documents written in capitals, with or without an extension (`INSTALL`, `README`, `COPYING.LIB`); case matters (`bin/install`). */
const DOCS_NAME =
  /(^|\/)(README|INSTALL|CHANGES|CHANGELOG|NEWS|HISTORY|AUTHORS|CONTRIBUTORS|CONTRIBUTING|COPYING|LICEN[CS]E|NOTICE|HACKING|TODO|THANKS)([._-][\w.-]*)?$/;
/**
 * XML and build/project files indexed as plain text (pom.xml, *.csproj, checkstyle.xml, app.config)
 * and translation catalogues (gettext `.po`, XLIFF, Apple `.strings`, whose messages repeat the
 * code's words): data for code questions.
 */
const MARKUP_DATA_PATH =
  /\.(xml|xsd|xsl|xslt|csproj|fsproj|vbproj|props|targets|nuspec|resx|config|sln|plist|po|pot|xliff|xlf|strings)$/i;
const VENDORED_PATH = /(^|\/)(vendor|third[_-]?party|external|deps)\//i;
const GENERATED_PATH =
  /(\.generated\.|\.gen\.|_pb2\.py$|\.pb\.go$|\.pb\.swift$|_pb\.rb$|\.pb-c\.[ch]$|_generated\.|\.g\.dart$|\.designer\.cs$|\.g(\.i)?\.cs$|(^|\/)obj\/(debug|release)\/)/i;
/** TypeScript declaration files and Python type stubs, which shadow the code they describe. */
const DECLARATION_PATH = /\.d\.(ts|mts|cts)$|\.pyi$/i;
/**
 * C and C++ headers: an unnamed chunk of one (a run of prototypes and their doc comments, the way
 * `include/event2/buffer.h` or `lz4.h` document their API) describes code that lives in the `.c`
 * file, and ranks like a declaration file. Named ones (structs, macros, inline functions, classes) stay.
 */
const C_HEADER_PATH = /\.(h|hh|hpp|hxx|h\+\+)$/i;
/** `index.ts`, `main.go`, `lib.rs`, `mod.rs`, `__init__.py`: files that are a package's entry by name. */
const ENTRY_NAMES = 'index|main|lib|mod|__init__|__main__|app|cli';
const ENTRY_NAME = new RegExp(`^(${ENTRY_NAMES})$`, 'i');
/**
 * Paths `entryFileDepth` may accept, as a POSIX regular expression for the store to filter by
 * (`(?i)`: PostgreSQL's embedded option for case-insensitive matching).
 */
export const ENTRY_PATH_PATTERN = `(?i)^(src/)?([^/]+/)?(${ENTRY_NAMES})\\.[^/]+$`;
/** Test code inside source files: Rust `mod tests`, Go `TestX`, JUnit-style classes. */
const TEST_SYMBOL = /(^|\.)(tests?|Test[A-Z0-9_]\w*|\w+Tests?)(\.|$)/;
/** `test_x` is a test where the language's test runners collect it by that prefix; Lua's or C's `test_affixes` is code. */
const TEST_PREFIX_SYMBOL = /(^|\.)test_\w+(\.|$)/;
const TEST_PREFIX_LANGUAGES: ReadonlySet<Language> = new Set(['python', 'rust', 'zig', 'ruby', 'php']);

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

export function pathMultiplier(
  path: string,
  query: QueryAnalysis,
  w: RankingWeights = DEFAULT_RANKING,
  symbol: string | null = null,
  language: Language | null = null,
): number {
  let m = 1;
  let asked = false;
  let penalised = false;
  const adjust = (wanted: boolean, matches: boolean, penalty: number) => {
    if (!matches) return;
    if (wanted) asked = true;
    else {
      m *= penalty;
      penalised = true;
    }
  };
  adjust(
    query.wants.tests,
    TEST_PATH.test(path) || TEST_CLASS_PATH.test(path) || (symbol !== null && isTestSymbol(symbol, language)),
    w.test,
  );
  adjust(query.wants.examples, EXAMPLE_PATH.test(path), w.example);
  adjust(query.wants.docs, DOCS_PATH.test(path) || DOCS_NAME.test(path), w.docs);
  adjust(query.wants.vendored, VENDORED_PATH.test(path), w.vendored);
  adjust(query.wants.generated, GENERATED_PATH.test(path), w.generated);
  adjust(
    query.wants.declarations,
    DECLARATION_PATH.test(path) || (symbol === null && C_HEADER_PATH.test(path)),
    w.declaration,
  );
  // Naming a format exempts its files but does not lift them (`wanted`): ajv's questions say "JSON
  // Schema" and are about code.
  if (
    (language !== null && DATA_LANGUAGES.has(language) && !query.wants.data.has(language)) ||
    (MARKUP_DATA_PATH.test(path) && !query.wants.markup)
  ) {
    m *= w.data;
    penalised = true;
  }
  if (asked && !penalised) m = w.wanted;

  // A matching file name should not cancel a penalty (docs/browser.md for "browser").
  if (query.words.size > 0 && !penalised) {
    const segments = path.split('/');
    const file = (segments.pop() ?? '').replace(/\.[^.]*$/, '');
    const fileWords = new Set(splitIdentifier(file).map(stem));
    const folderWords = new Set(segments.slice(-2).flatMap((s) => splitIdentifier(s).map(stem)));
    let bonus = 0;
    for (const word of query.words) {
      if (fileWords.has(word)) bonus += w.fileName;
      else if (folderWords.has(word)) bonus += w.folder;
    }
    m *= 1 + Math.min(bonus, 3 * w.fileName);
  }
  return m;
}

function isTestSymbol(symbol: string, language: Language | null): boolean {
  if (TEST_SYMBOL.test(symbol)) return true;
  return (language === null || TEST_PREFIX_LANGUAGES.has(language)) && TEST_PREFIX_SYMBOL.test(symbol);
}

/** How deep `path` is below the package root (`src/` counts as the root), and its file name without extension. */
function packagePlace(path: string): { depth: number; name: string } {
  const segments = path.split('/');
  if (segments[0] === 'src') segments.shift();
  return { depth: segments.length - 1, name: (segments.at(-1) ?? '').replace(/\.[^.]*$/, '') };
}

/** A file at the root (under `src/` counts as the root), or an entry by name one folder down. */
function isEntryFile(path: string): boolean {
  const { depth, name } = packagePlace(path);
  return depth === 0 || (depth === 1 && ENTRY_NAME.test(name));
}

/**
 * How plainly `path` is a package's entry by its name alone: 0 for `index.ts`, `main.go`, `lib.rs`
 * at the root (or under `src/`), 1 one folder down (`pkg/__init__.py`, `lib/index.js`); null when it
 * is no such file or not code. Entry-point questions bring these files in even when they share no
 * word with the question: `index.ts` is a list of re-exports.
 */
export function entryFileDepth(path: string, language: Language): number | null {
  if (DATA_LANGUAGES.has(language) || language === 'markdown' || language === 'text') return null;
  const { depth, name } = packagePlace(path);
  return depth <= 1 && ENTRY_NAME.test(name) ? depth : null;
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

/** Comment lines: `//`, `/*`, ` *`, `#` (not `#include`, `#[attr]`, `#!`), `--`, docstring quotes, `=begin`. */
const COMMENT_LINE =
  /^\s*(\/\/|\/\*|\*|#(?!\s*(include|define|if|ifdef|ifndef|elif|else|endif|pragma|undef|import)\b|\[|!)|--|"""|'''|=begin|=end)/;
/** Below this many non-blank lines a chunk is too short to call a comment block. */
const COMMENT_BLOCK_MIN_LINES = 5;
const COMMENT_BLOCK_SHARE = 0.9;

/** Whether `content` is a block of comments: at least 90 % of its (at least 5) non-blank lines. */
export function isCommentBlock(content: string): boolean {
  let lines = 0;
  let comments = 0;
  for (const line of content.split('\n')) {
    if (line.trim() === '') continue;
    lines++;
    if (COMMENT_LINE.test(line)) comments++;
  }
  return lines >= COMMENT_BLOCK_MIN_LINES && comments >= COMMENT_BLOCK_SHARE * lines;
}

/** Where a documented signature is an overload or a piece of a split function, not the answer. */
const OVERLOADING_LANGUAGES: ReadonlySet<Language> = new Set(['typescript', 'tsx', 'javascript']);

/**
 * A definition that is its documentation and a one-line declaration (an interface method, a Haskell
 * class method's signature, Kotlin's `expect fun`): mostly comment, but the answer, not a doc block.
 * Not in TypeScript, whose documented overload signatures (rxjs's `multicast`) come before the
 * implementation that answers.
 */
function documentedDeclaration(kind: ChunkKind, language: Language, content: string): boolean {
  if (kind === 'code' || OVERLOADING_LANGUAGES.has(language)) return false;
  const last = content.trimEnd().split('\n').pop() ?? '';
  return !COMMENT_LINE.test(last);
}

/**
 * Demotes candidates whose content (where `contents` has it) is a comment block, unless the query
 * asks for docs. Markdown sections are documentation already and keep their own penalty.
 */
export function demoteCommentBlocks(
  hits: readonly ChunkHit[],
  contents: ReadonlyMap<number, string>,
  query: QueryAnalysis,
  w: RankingWeights = DEFAULT_RANKING,
): ChunkHit[] {
  if (query.wants.docs) return [...hits];
  return hits.map((hit) => {
    const content = contents.get(hit.chunkId);
    return content !== undefined &&
      hit.kind !== 'section' &&
      isCommentBlock(content) &&
      !documentedDeclaration(hit.kind, hit.language, content)
      ? { ...hit, score: hit.score * w.commentBlock }
      : hit;
  });
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

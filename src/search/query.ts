/**
 * Query analysis: the BM25 terms, the identifiers the query names, and what kind of code it asks
 * for (tests, examples, docs), so the ranking stage knows what to boost and what not to penalise.
 */
import type { ChunkKind, Language } from '../core/index.js';
import { forEachNameStopWord, forEachTerm, splitIdentifier, stem } from '../lexical/index.js';

export interface QueryAnalysis {
  readonly text: string;
  /** Distinct BM25 terms with weights (repeats add up). */
  readonly terms: readonly { readonly term: string; readonly weight: number }[];
  /** Identifier-like words of the query (`HTTPAdapter`, `parse_args`, `Foo::bar`, `a.b`). */
  readonly symbols: readonly SymbolRef[];
  /** True when the whole query is one identifier. */
  readonly isSymbolQuery: boolean;
  /**
   * The question asks where things are or how they are organised ("which files…", "where are…",
   * "how is … organised"): its answer is spread over several files.
   */
  readonly asksWhere: boolean;
  /** Stemmed plain words of the query, for file-name and folder matching. */
  readonly words: ReadonlySet<string>;
  readonly wants: {
    readonly tests: boolean;
    readonly examples: boolean;
    readonly docs: boolean;
    readonly vendored: boolean;
    readonly generated: boolean;
    /** Type declaration files (`.d.ts`), when the query asks for declarations or typings. */
    readonly declarations: boolean;
    /** Data, configuration and markup languages the query names (all of them when it asks about configuration). */
    readonly data: ReadonlySet<Language>;
    /** The query names XML, a build/project file or configuration: `.xml`/`.csproj`-like files are not demoted. */
    readonly markup: boolean;
    /** Options and configuration ("which options does…", "configure the timeout"): options types are not demoted. */
    readonly options: boolean;
    /** The package's entry point or top-level API ("the main entry point", "public API", "re-exports"). */
    readonly entryPoint: boolean;
  };
}

export interface SymbolRef {
  /** As written. */
  readonly raw: string;
  /** Lowercased components: `Foo::bar` → ['foo', 'bar']. */
  readonly parts: readonly string[];
  /** The kind of definition the query names (`struct Program` → struct), if any. */
  readonly kind?: ChunkKind;
  /** Ruby's `?`/`!`, Haskell's `'` after the name (`valid?`, `runParserT'`), which the parts leave out. */
  readonly suffix?: string;
}

/** Words that announce a definition: `struct Program`, `fn parse_args`, `class Router`. */
const KIND_WORDS: Readonly<Record<string, ChunkKind>> = {
  struct: 'struct',
  class: 'class',
  trait: 'trait',
  interface: 'interface',
  enum: 'enum',
  type: 'type',
  typedef: 'type',
  fn: 'function',
  func: 'function',
  def: 'function',
  function: 'function',
  method: 'method',
  impl: 'impl',
  module: 'module',
  mod: 'module',
  namespace: 'namespace',
  macro: 'macro',
  const: 'constant',
};

/**
 * Definition keywords that are also everyday words ("sub command", "proc filesystem", "protocol
 * version"): a kind only in a query that is the keyword and one name (`sub new`, `proc geturl`,
 * `fun filter`, `defp parse_opts`).
 */
const LEADING_KIND_WORDS: Readonly<Record<string, ChunkKind>> = {
  sub: 'function',
  proc: 'function',
  fun: 'function',
  defn: 'function',
  defp: 'function',
  defmacro: 'macro',
  defmodule: 'module',
  protocol: 'interface',
};

/**
 * Languages of data, configuration and markup files, and how a query asks for their files: the
 * format named with "file", "fixture" or "template", or an extension. The format's name alone does
 * not: "how is a JSON schema compiled", "escape a string for JSON output", "the HTML output" are
 * questions about code in the libraries that read and write these formats.
 */
export const DATA_LANGUAGES: ReadonlyMap<Language, RegExp> = new Map<Language, RegExp>([
  ['json', dataFiles('json5?')],
  ['yaml', dataFiles('ya?ml')],
  ['toml', dataFiles('toml')],
  ['html', dataFiles('html?')],
  ['css', /\b(stylesheets?|css (files?|fixtures?|templates?))\b|\.s?css\b/],
]);

function dataFiles(format: string): RegExp {
  return new RegExp(`\\b${format} (files?|fixtures?|templates?)\\b|\\.${format}\\b`);
}
const CONFIGURATION = /\b(config|configs|configuration|configured|settings|manifest)\b/;
/**
 * Words that ask for test code: tests, specs, fixtures, mocks, unit tests, a test suite or case. A
 * bare "test" or "spec" does not: "test whether a point lies inside", "a membership test", "a spec
 * like '1 3-5'", "run a test body" are about the code under question.
 */
const TESTS =
  /\b(tests|specs|testing|unittests?|fixtures?|mocks?|mocking|(unit|integration|e2e|end-to-end|regression|snapshot) tests?|test (suites?|cases?|files?|helpers?|doubles?|utilities|utils|code|coverage)|(the|a|which|what|any) test (for|of|that|which|covering)|spec files?)\b/;

/**
 * Words that ask for example code: examples, an example of something, sample code, demos, tutorials.
 * Not "for example", nor samples in the statistical or signal sense ("random samples", "the sample count").
 */
const EXAMPLES =
  /\b(examples|(an|the) example|example (of|code|apps?|usage|programs?|projects?)|(code|usage) (samples?|examples?)|samples? (code|apps?|applications?|projects?)|demos?|tutorials?)\b/;

/** Words that ask for documentation. Not "markdown": a Markdown library's questions name the format it processes. */
const DOCS = /\b(docs?|documentation|readme|guide|man ?pages?|manual pages?|pod|changelog|release notes)\b/;

/** XML, build and project files, dependencies, translation catalogues: what exempts `MARKUP_DATA_PATH` files in path-kinds.ts. */
const MARKUP =
  /\b(xml|xsd|pom|maven|msbuild|csproj|nuget|nuspec|checkstyle|build files?|build scripts?|build system|makefiles?|cmake|autoconf|automake|autotools|libtool|meson|bazel|gradle|project files?|dependenc(y|ies)|translations?|gettext|po files?|locales?|locali[sz]ations?)\b/;
const OPTIONS = /\b(config\w*|options?|settings?|opts|param(s|eters?)?|knobs?|customi[sz]\w*)\b/;
const ENTRY_POINT = /\b(entry[ -]?points?|top[ -]level|public api|re-?exports?|main (module|file|entry))\b/;

/** "Which files…", "where are…", "how is … organised": questions whose answer spans files. */
const WHERE =
  /\b(which (files?|modules?|classes|packages?|folders?|director(y|ies))|where (is|are)|organi[sz]ed|structured|architecture|overview|what (are the )?(stages|modules|files|classes))\b/;

/** `a.b`, `A::b`, `A#b`, `a->b`, and Lua's `obj:method` (a letter right after the colon: not `TODO: x`). */
const SYMBOL_TOKEN = /[A-Za-z_$][\w$]*(?:(?:::|:(?=[A-Za-z_])|\.|#|->)[A-Za-z_$][\w$]*)*(?:\(\))?/g;

/**
 * What Ruby (`valid?`, `save!`) and Haskell (`foldl'`) add to a name, right after it at `end`; a
 * question's closing `?` (`where is parseArgs?`) is punctuation.
 */
function nameSuffix(query: string, end: number): string | undefined {
  const suffix = /^[?!']+(?![\w'])/.exec(query.slice(end))?.[0];
  if (!suffix) return undefined;
  const closes = end + suffix.length === query.length && /\s/.test(query);
  return closes && !suffix.includes("'") ? undefined : suffix;
}

function looksLikeIdentifier(word: string): boolean {
  if (/::|->|#|\.|\(\)/.test(word)) return /[A-Za-z]/.test(word);
  if (word.includes('_') && /[A-Za-z]/.test(word)) return true;
  // camelCase / PascalCase with an inner capital, or an ACRONYM with a lowercase tail
  return /[a-z][A-Z]|[A-Z]{2,}[a-z]|^[A-Z][a-z]+[A-Z]/.test(word);
}

/**
 * A component of a name as compared: lower case, without inner `_` (`parse_uri` is `parseUri`); a
 * leading or trailing one stays (`_subscribe` is not `subscribe`).
 */
export function namePart(part: string): string {
  return part.toLowerCase().replace(/(?<=[a-z0-9])_+(?=[a-z0-9])/g, '');
}

/** A word of letters that is a search term of its own (not a stop word, not a definition keyword). */
export function isPlainWord(word: string): boolean {
  if (!/^[A-Za-z][a-z0-9]{2,}$/.test(word) || KIND_WORDS[word.toLowerCase()]) return false;
  let terms = 0;
  forEachTerm(word, () => terms++);
  return terms > 0;
}

export function analyzeQuery(text: string): QueryAnalysis {
  const trimmed = text.trim();
  const leading = /^([a-z]+)\s+(?=\S)/.exec(trimmed);
  const keywordAndName = leading !== null && !/\s/.test(trimmed.slice(leading[0].length));
  const leadingKind = leading
    ? (KIND_WORDS[leading[1]!] ?? (keywordAndName ? LEADING_KIND_WORDS[leading[1]!] : undefined))
    : undefined;
  // The leading definition keyword is no part of what a name query searches for.
  const nameText = leadingKind ? trimmed.slice(leading![0].length) : trimmed;
  const weights = new Map<string, number>();
  forEachTerm(trimmed, (t) => weights.set(t, (weights.get(t) ?? 0) + 1));
  // A query of stop words only ("new", "fn new", "sub new", "def default") asks for definitions of
  // that name, whose names' stop words are indexed as marked terms.
  let wordsOfNamed = 0;
  forEachTerm(nameText, () => wordsOfNamed++);
  // A keyword that is a word (`sub`) stays: it says which language's definition is meant.
  if (wordsOfNamed === 0) {
    forEachNameStopWord(nameText, (word, marked) => {
      if (KIND_WORDS[word] === undefined) weights.set(marked, (weights.get(marked) ?? 0) + 1);
    });
  }
  const terms = [...weights].map(([term, weight]) => ({ term, weight: Math.min(weight, 3) }));

  const symbols: SymbolRef[] = [];
  const seen = new Set<string>();
  const add = (raw: string, kind?: ChunkKind, suffix?: string) => {
    const parts = raw.split(/::|:|\.|#|->/).map(namePart);
    const key = parts.join('.');
    if (seen.has(key)) return;
    seen.add(key);
    symbols.push({ raw, parts, ...(kind && { kind }), ...(suffix && { suffix }) });
  };
  // `struct Program`, `fn parse_args`, `sub new`: a definition keyword before a name.
  for (const m of trimmed.matchAll(/\b([a-z]+)\s+([A-Za-z_$][\w$]*(?:(?:::|\.)[A-Za-z_$][\w$]*)*)/g)) {
    const kind = KIND_WORDS[m[1]!] ?? (m.index === 0 ? leadingKind : undefined);
    if (kind) add(m[2]!, kind);
  }
  // `valid?`, `fetch!`, `foldl'`, `Enum.map/2`: the suffix is no part of the token, but the query is one name.
  const whole = trimmed.replace(/(?:[?!']+|\/\d+)$/, '');
  for (const m of trimmed.matchAll(SYMBOL_TOKEN)) {
    const raw = m[0].replace(/\(\)$/, '');
    const isWholeQuery = m[0].length === whole.length;
    if ((KIND_WORDS[raw] || (m.index === 0 && leadingKind)) && !isWholeQuery) continue;
    const suffix = nameSuffix(trimmed, m.index + m[0].length);
    // A short word alone is a name when it carries a suffix (`ok?`, `id!`).
    if (!looksLikeIdentifier(m[0]) && !(isWholeQuery && (raw.length >= 3 || suffix))) continue;
    add(raw, undefined, suffix);
  }
  // `LevelHooks Fire`: a short query of a type name and a member name means `LevelHooks.Fire`.
  const words = trimmed.split(/\s+/);
  if (words.length >= 2 && words.length <= 4) {
    for (let i = 0; i + 1 < words.length; i++) {
      const [a, b] = [words[i]!, words[i + 1]!];
      if (/^[A-Z][A-Za-z0-9_]*$/.test(a) && /^[A-Za-z_][\w]*$/.test(b) && !KIND_WORDS[a.toLowerCase()]) {
        add(`${a}.${b}`);
      }
    }
  }
  // `parse uri`: two plain words can name a member of a type (`URI.parse`) or one identifier
  // (`parseUri`, `parse_uri`).
  if (symbols.length === 0 && words.length === 2 && words.every(isPlainWord)) {
    const [a, b] = words as [string, string];
    add(`${b}.${a}`);
    add(`${a}.${b}`);
    add(a + b);
  }
  // `LevelHooks` alone says less than `LevelHooks.Fire` in the same query: keep the longer name.
  const named = symbols.filter(
    (ref) =>
      !symbols.some(
        (other) => other.parts.length > ref.parts.length && ref.parts.every((p, i) => other.parts[i] === p),
      ),
  );
  symbols.length = 0;
  symbols.push(...named);
  const isSymbolQuery = symbols.length === 1 && (/^\S+$/.test(trimmed) || symbols[0]!.kind !== undefined);

  const plainWords = new Set<string>();
  for (const w of trimmed.split(/[^\p{L}\p{N}_]+/u)) {
    for (const part of splitIdentifier(w)) if (part.length >= 3) plainWords.add(stem(part));
  }
  const lower = trimmed.toLowerCase();
  const wants = {
    tests: TESTS.test(lower),
    examples: EXAMPLES.test(lower.replace(/\bfor example\b/g, '')),
    docs: DOCS.test(lower),
    vendored: /\b(vendor|vendored|third[_ -]?party)\b/.test(lower),
    generated: /\b(generated|codegen|protobuf|\.pb)\b/.test(lower),
    declarations: /\b(declarations?|typings|type definitions?|type stubs?|stub files?|pyi|mli|d\.ts)\b/.test(
      lower,
    ),
    data: new Set(
      [...DATA_LANGUAGES]
        .filter(([, named]) => CONFIGURATION.test(lower) || named.test(lower))
        .map(([l]) => l),
    ),
    markup: CONFIGURATION.test(lower) || MARKUP.test(lower),
    options: OPTIONS.test(lower),
    entryPoint: ENTRY_POINT.test(lower),
  };
  return {
    text: trimmed,
    terms,
    symbols,
    isSymbolQuery,
    asksWhere: !isSymbolQuery && WHERE.test(lower),
    words: plainWords,
    wants,
  };
}

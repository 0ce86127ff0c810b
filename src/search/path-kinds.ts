/**
 * What a path says about a file: a test, example, docs, vendored, generated, declaration or data
 * file (ranked down unless the query asks for that kind), whose name or folders match the query's
 * words (ranked up), or a package's entry file.
 */
import { splitIdentifier, stem } from '../lexical/index.js';
import type { Language } from '../core/index.js';
import { DATA_LANGUAGES, type QueryAnalysis } from './query.js';
import { DEFAULT_RANKING, type RankingWeights } from './weights.js';

/** Test folders (`test/`, Perl's and git's `t/`, Go's `_test/`, C#'s `Dapper.Tests/`, `integration-tests/`, `mocks/`, `fuzz/`) and test files (`conftest.py`, Django's `tests.py`, Rust's `tests.rs`, gomock's `_mock.go`, tcltest and lit `.test`, PHP `.phpt`). */
const TEST_PATH =
  /(^|\/)(_?tests?|t|test[_-]?suites?|__tests__|spec|specs|testing|testdata|fixtures?|__mocks__|[^/]*[._-](unit|integration)?tests?|(unit|integration|e2e)[_-]?tests?)\/|[._-](test|spec)s?\.[^/]+$|(^|\/)test_[^/]+\.py$|(^|\/)(conftest\.py|tests\.(py|rs))$|(^|\/)(mocks?|fakes|testutils?|testhelpers?|fuzz)\/|(^|\/)mock_[^/]+\.go$|_mock\.go$|\.(test|phpt)$/i;
/** JUnit/xUnit/PHPUnit-style classes (`ParserTest.java`, `RouterTests.cs`), ScalaTest and Hspec specs, Xcode and .NET test targets (`AppTests/`, `AppUITests/`); case matters (`Latest.java`). */
const TEST_CLASS_PATH =
  /(^|\/|[a-z0-9])(Tests?)\.(java|kt|kts|cs|swift|scala|groovy|php)$|(^|\/|[a-z0-9])(Spec|Suite)\.(scala|hs)$|(^|\/)\w*[a-z0-9](UI)?Tests?\//;
/** Example, sample, demo and benchmark folders, and sample files (`pg_hba.conf.sample`, `config.example`). */
const EXAMPLE_PATH = /(^|\/)_?(examples?|samples?|demos?|benchmarks?|bench|benches)\/|\.(sample|example)$/i;
/** Docs folders and documentation formats: Markdown, reStructuredText, AsciiDoc, POD, man pages (`.man`, Tcl's `.n`, `.1`–`.9`), Texinfo, R's `.Rd`, RDoc, Org, LaTeX `.dtx`. */
const DOCS_PATH =
  /(^|\/)(docs?|documentation)\/|(^|\/)src\/site\/|\.(md|mdx|markdown|rst|txt|adoc|asciidoc|pod|man|n|[1-9]|texi|texinfo|rdoc|rd|org|dtx)$/i;
/** Project documents written in capitals, with or without an extension (`INSTALL`, `README`, `COPYING.LIB`); case matters (`bin/install`). */
const DOCS_NAME =
  /(^|\/)(README|INSTALL|CHANGES|CHANGELOG|ChangeLog|NEWS|HISTORY|AUTHORS|CONTRIBUTORS|CONTRIBUTING|COPYING|LICEN[CS]E|NOTICE|HACKING|TODO|THANKS)([._-][\w.-]*)?$/;
/**
 * XML and build/project files indexed as plain text (pom.xml, *.csproj, checkstyle.xml, app.config),
 * configuration files (`.conf`, `.cfg`, `.ini`, `.properties`, systemd units), CSV and TSV tables,
 * and translation catalogues (gettext `.po`, XLIFF, Apple `.strings`, whose messages repeat the
 * code's words): data for code questions.
 */
const MARKUP_DATA_PATH =
  /\.(xml|xsd|xsl|xslt|csproj|fsproj|vbproj|props|targets|nuspec|resx|config|sln|plist|po|pot|xliff|xlf|strings|conf|cfg|ini|properties|service|csv|tsv)$/i;
/**
 * Build-system files: Make, Autotools (with what they generate and bundle: `configure`, `Makefile.in`,
 * `aclocal.m4`, `ltmain.sh`, `build-aux/`), CMake, Meson, Bazel and Gradle. They name the sources
 * they build and the platforms they probe, and are data for code questions.
 */
const BUILD_PATH =
  /(^|\/)(Makefile(\.(am|in))?|GNUmakefile|[^/]+\.mk|configure(\.(ac|in))?|[^/]+\.m4|config\.(guess|sub|status)|ltmain\.sh|depcomp|install-sh|libtool|CMakeLists\.txt|[^/]+\.cmake|meson\.build|meson_options\.txt|BUILD(\.bazel)?|WORKSPACE|[^/]+\.bzl|[^/]+\.gradle(\.kts)?)$|(^|\/)build-aux\//;
const VENDORED_PATH = /(^|\/)(vendor|third[_-]?party|external|deps)\//i;
const GENERATED_PATH =
  /(\.generated\.|\.gen\.|_pb2\.py$|\.pb\.go$|\.pb\.swift$|_pb\.rb$|\.pb-c\.[ch]$|_generated\.|\.g\.dart$|\.designer\.cs$|\.g(\.i)?\.cs$|(^|\/)obj\/(debug|release)\/)/i;
/** TypeScript declaration files, Python type stubs, Hack, OCaml, F# and Haskell interfaces: they shadow the code they describe. */
const DECLARATION_PATH = /\.d\.(ts|mts|cts)$|\.(pyi|hhi|mli|fsi|hsig|hs-boot)$/i;
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
  adjust(
    query.wants.docs,
    (DOCS_PATH.test(path) || DOCS_NAME.test(path)) && !BUILD_PATH.test(path), // CMakeLists.txt
    w.docs,
  );
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
    ((MARKUP_DATA_PATH.test(path) || BUILD_PATH.test(path)) && !query.wants.markup)
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
export function isEntryFile(path: string): boolean {
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

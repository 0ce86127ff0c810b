import { describe, expect, it } from 'vitest';
import { analyzeQuery, rank } from '../../src/search/index.js';
import type { ChunkHit } from '../../src/store/index.js';
import { hit } from './hits.js';

describe('rank', () => {
  it('puts the definition of a queried symbol above chunks that only mention it', () => {
    const hits = [hit('src/cli.ts', 'main', 10), hit('src/args.ts', 'parseArgs', 6)];
    expect(rank(hits, analyzeQuery('parseArgs'))[0]!.symbol).toBe('parseArgs');
  });

  it("puts a type's start above a later piece of it (fields between members) for its name", () => {
    const piece = (start: number, end: number, score: number): ChunkHit => ({
      ...hit('src/Canonicalizer.java', 'Canonicalizer', score),
      kind: 'class',
      startLine: start,
      endLine: end,
    });
    const split = [piece(1099, 1117, 10), piece(9, 116, 8)];
    expect(rank(split, analyzeQuery('Canonicalizer'))[0]!.startLine).toBe(9);
    // a declaration right after its split-off doc comment is no later piece
    const documented = [piece(5, 84, 10), piece(85, 93, 9)];
    expect(rank(documented, analyzeQuery('Canonicalizer')).map((h) => h.startLine)).toEqual([5, 85]);
  });

  it('matches qualified symbols written with :: or .', () => {
    const hits = [hit('a.rs', 'Other.bar', 10), hit('b.rs', 'Foo.bar', 8)];
    expect(rank(hits, analyzeQuery('Foo::bar'))[0]!.symbol).toBe('Foo.bar');
    expect(rank(hits, analyzeQuery('Foo:bar'))[0]!.symbol).toBe('Foo.bar'); // Lua's method call
  });

  it('reads two plain words as the member of a type or one identifier they may name', () => {
    // A 2,600-line class file: every chunk says "uri", and the one that parses is its fourth.
    const hits = [
      hit('lib/uri.rb', 'Addressable.URI.normalize', 10),
      hit('lib/uri.rb', 'Addressable.URI.to_s', 9),
      hit('lib/uri.rb', 'Addressable.URI.join', 8.5),
      hit('lib/uri.rb', 'Addressable.URI.parse', 6),
      hit('lib/template.rb', 'Addressable.Template.parse', 5),
    ];
    expect(rank(hits, analyzeQuery('parse uri'))[0]!.symbol).toBe('Addressable.URI.parse');
    expect(rank(hits, analyzeQuery('uri parse'))[0]!.symbol).toBe('Addressable.URI.parse');
    const styles = [hit('a.py', 'parse_url', 10), hit('b.py', 'parse_uri', 5)];
    expect(rank(styles, analyzeQuery('parse uri'))[0]!.symbol).toBe('parse_uri');
    expect(rank(styles, analyzeQuery('parseUri'))[0]!.symbol).toBe('parse_uri');
    // A private `_subscribe` is not `subscribe`.
    const underscored = [hit('a.ts', 'Observable._subscribe', 10), hit('a.ts', 'Observable.subscribe', 8)];
    expect(rank(underscored, analyzeQuery('Observable.subscribe'))[0]!.symbol).toBe('Observable.subscribe');
  });

  it("matches Ruby's predicate and bang methods, whose suffix the query's words lose", () => {
    const hits = [
      hit('lib/dash.rb', 'Hashie.Dash.initialize', 10),
      hit('lib/dash.rb', 'Hashie.Dash.required?', 6),
    ];
    expect(rank(hits, analyzeQuery('Dash#required?'))[0]!.symbol).toBe('Hashie.Dash.required?');
    // A query that is one such name (or Haskell's `foldl'`, Elixir's `map/2`) names a symbol.
    expect(analyzeQuery('diverged?').isSymbolQuery).toBe(true);
    expect(analyzeQuery("foldl'").isSymbolQuery).toBe(true);
    expect(analyzeQuery('ok?').isSymbolQuery).toBe(true);
    expect(analyzeQuery('Enum.map/2').isSymbolQuery).toBe(true);
  });

  it('puts the name with the suffix the query writes before its plain namesake', () => {
    const haskell = [hit('Megaparsec.hs', 'runParserT', 10), hit('Megaparsec.hs', "runParserT'", 9)];
    expect(rank(haskell, analyzeQuery("runParserT'"))[0]!.symbol).toBe("runParserT'");
    expect(rank(haskell, analyzeQuery('runParserT'))[0]!.symbol).toBe('runParserT');
    const ruby = [hit('lib/model.rb', 'Model.save!', 10), hit('lib/model.rb', 'Model.save', 9)];
    expect(rank(ruby, analyzeQuery('Model#save'))[0]!.symbol).toBe('Model.save');
    expect(rank(ruby, analyzeQuery('Model#save!'))[0]!.symbol).toBe('Model.save!');
    // A question mark ending a sentence is no suffix of the name before it.
    expect(analyzeQuery('where is parseArgs?').symbols[0]!.suffix).toBeUndefined();
    expect(analyzeQuery('when does valid? return false').symbols).toEqual([]);
  });

  it('finds a member inside the container the query names when the container is one chunk', () => {
    const hits = [
      hit('Plugin/JSExport.swift', 'JSExport.reject', 8),
      hit('Plugin/Call.swift', 'CAPPluginCall', 10),
    ];
    expect(rank(hits, analyzeQuery('CAPPluginCall.reject'))[0]!.symbol).toBe('CAPPluginCall');
    // the member's own chunk, where there is one, comes first
    const split = [...hits, hit('Plugin/Call.swift', 'CAPPluginCall.reject', 7)];
    expect(rank(split, analyzeQuery('CAPPluginCall.reject'))[0]!.symbol).toBe('CAPPluginCall.reject');
  });

  it('reads a file or folder as the module that qualifies its top-level names', () => {
    const lua = [hit('socks.lua', 'socks_methods.negotiate', 10), hit('client.lua', 'negotiate', 8)];
    expect(rank(lua, analyzeQuery('client.negotiate'))[0]!.path).toBe('client.lua');
    const go = [hit('ast/node.go', 'Node.Walk', 10), hit('ast/ast.go', 'Walk', 8)];
    expect(rank(go, analyzeQuery('ast.Walk'))[0]!.path).toBe('ast/ast.go');
    // a bare name elsewhere is not the qualified one
    const other = [hit('lib/log.js', 'stringify', 10), hit('lib/tools.js', 'asJson', 9)];
    expect(rank(other, analyzeQuery('without calling JSON.stringify'))[0]!.symbol).toBe('stringify');
    expect(rank(other, analyzeQuery('without calling JSON.stringify'))[0]!.score).toBe(10);
  });

  it('down-weights tests, examples, vendored code and declaration files unless asked for', () => {
    const hits = [hit('test/router.test.ts', 'routes', 10), hit('src/router.ts', 'routes', 8)];
    expect(rank(hits, analyzeQuery('router routes'))[0]!.path).toBe('src/router.ts');
    expect(rank(hits, analyzeQuery('router routes tests'))[0]!.path).toBe('test/router.test.ts');
    const stub = [
      hit('werkzeug/datastructures.pyi', 'ETags', 10),
      hit('werkzeug/datastructures.py', 'ETags', 8),
    ];
    expect(rank(stub, analyzeQuery('ETags'))[0]!.path).toBe('werkzeug/datastructures.py');
    expect(rank(stub, analyzeQuery('ETags type stubs'))[0]!.path).toBe('werkzeug/datastructures.pyi');
    for (const path of ['benches/throughput.rs', '_examples/hello/main.go']) {
      const example = [hit(path, 'run', 10), hit('src/other.rs', 'run', 8)];
      expect(rank(example, analyzeQuery('run'))[0]!.path, path).toBe('src/other.rs');
    }
    const decl = [hit('types/index.d.ts', null, 10), hit('src/index.ts', null, 8)];
    expect(rank(decl, analyzeQuery('index'))[0]!.path).toBe('src/index.ts');
    expect(rank(decl, analyzeQuery('index type declarations'))[0]!.path).toBe('types/index.d.ts');
    // OCaml's, F#'s and Haskell's interface files describe the implementation next to them
    for (const path of ['src/path.mli', 'src/Path.fsi', 'src/Path.hs-boot']) {
      const signature = [hit(path, 'Dijkstra', 10), hit('src/path.ml', 'Dijkstra', 8)];
      expect(rank(signature, analyzeQuery('Dijkstra'))[0]!.path, path).toBe('src/path.ml');
    }
    const vendored = [hit('vendor/lib/queue.go', null, 10), hit('pkg/queue.go', null, 7)];
    expect(rank(vendored, analyzeQuery('queue'))[0]!.path).toBe('pkg/queue.go');
    // test projects and classes in other languages' conventions, but not names that merely end in "test"
    for (const path of [
      'Dapper.Tests/QueryTests.cs',
      'integration-tests/api.js',
      'src/ClientTest.php',
      'src/FooSpec.scala',
      // Xcode test targets
      'CapacitorTests/Helpers/MockBridge.swift',
      'MyAppUITests/LaunchTests.swift',
      // Kotlin Multiplatform and Android source sets, test suites
      'core/src/commonTest/kotlin/Flows.kt',
      'app/src/androidTest/java/MainFlow.kt',
      'testsuite/parse.hs',
      // pytest, Django and Cargo conventions; mocks and fuzz targets
      'conftest.py',
      'pkg/tests.py',
      'src/proto/h1/tests.rs',
      'internal/mocks/client.go',
      'client_mock.go',
      'fuzz/fuzz_targets/parse.rs',
    ]) {
      const tests = [hit(path, 'query', 10), hit('src/other.ts', 'query', 8)];
      expect(rank(tests, analyzeQuery('query'))[0]!.path, path).toBe('src/other.ts');
    }
    for (const path of ['src/Latest.java', 'src/TypeSpec.kt', 'src/contest/query.go']) {
      const source = [hit(path, 'query', 10), hit('src/other.ts', 'query', 8)];
      expect(rank(source, analyzeQuery('query'))[0]!.path, path).toBe(path);
    }
    // generated code of other toolchains
    for (const path of [
      'Sources/Api/user.pb.swift',
      'lib/api/user_pb.rb',
      'src/Parser.g.cs',
      'obj/Debug/App.cs',
    ]) {
      const generated = [hit(path, 'query', 10), hit('src/other.ts', 'query', 8)];
      expect(rank(generated, analyzeQuery('query'))[0]!.path, path).toBe('src/other.ts');
    }
    // Go's `_test` folders (ignored by the go tool) hold test data
    const fixtures = [hit('_test/spec.go', 'heading', 10), hit('parser/heading.go', 'heading', 8)];
    expect(rank(fixtures, analyzeQuery('heading'))[0]!.path).toBe('parser/heading.go');
    // project documents in capitals are docs, with or without an extension; a lower-case script is code
    const install = [hit('gitweb/INSTALL', null, 10), hit('gitweb/install.sh', 'install', 7)];
    expect(rank(install, analyzeQuery('install gitweb')).map((h) => h.path)).toEqual([
      'gitweb/install.sh',
      'gitweb/INSTALL',
    ]);
    const script = [hit('bin/install', null, 10), hit('lib/setup.sh', 'setup', 9)];
    expect(rank(script, analyzeQuery('install and setup'))[0]!.path).toBe('bin/install');
    // Perl's and git's `t/` folders are test scripts
    const scripts = [hit('t/t7600-merge.sh', 'test_merge', 10), hit('builtin/merge.c', 'cmd_merge', 7.5)];
    expect(rank(scripts, analyzeQuery('merge'))[0]!.path).toBe('builtin/merge.c');
  });

  it('reads documentation, test, sample and configuration files by their formats', () => {
    const below = (path: string, query = 'prime factors') => {
      const hits = [hit(path, null, 10), hit('src/primes.tcl', null, 7)];
      return rank(hits, analyzeQuery(query))[0]!.path;
    };
    for (const path of [
      // man pages, POD, Texinfo, R documentation, GNU change logs: docs
      'modules/math/primes.man',
      'lib/Mojolicious/Guides/Routing.pod',
      'doc/lz4.1',
      'doc/http.n',
      'man/geom_point.Rd',
      'ChangeLog-2.0',
      // tcltest, lit and PHP tests, tables, sample configurations, Hack declarations, configuration files
      'modules/math/primes.test',
      'ext/primes.phpt',
      'data/primes.csv',
      'pg_hba.conf.sample',
      'FastRoute.hhi',
      'etc/primes.conf',
    ]) {
      expect(below(path), path).toBe('src/primes.tcl');
    }
    expect(below('modules/math/primes.man', 'man page of prime factors')).toBe('modules/math/primes.man');
    expect(below('etc/primes.conf', 'configuration of prime factors')).toBe('etc/primes.conf');
    // Perl modules carry their POD but are code
    expect(below('lib/Math/Primes.pm')).toBe('lib/Math/Primes.pm');
  });

  it('lifts the kind of file the query asks for above better-scoring source', () => {
    const decl = [hit('src/logger.ts', null, 10), hit('types/logger.d.ts', null, 8)];
    expect(rank(decl, analyzeQuery('logger'))[0]!.path).toBe('src/logger.ts');
    expect(rank(decl, analyzeQuery('type declarations of the logger'))[0]!.path).toBe('types/logger.d.ts');
    const examples = [hit('src/cli.rs', null, 10), hit('examples/git.rs', null, 8)];
    expect(rank(examples, analyzeQuery('git-like subcommands'))[0]!.path).toBe('src/cli.rs');
    expect(rank(examples, analyzeQuery('example of git-like subcommands'))[0]!.path).toBe('examples/git.rs');
  });

  it('boosts files whose name matches the query', () => {
    const hits = [hit('src/util.ts', null, 10), hit('src/retry.ts', null, 9)];
    expect(rank(hits, analyzeQuery('retry with backoff'))[0]!.path).toBe('src/retry.ts');
  });

  it("demotes a file's chunks beyond the first two so other files get a place", () => {
    // the third chunk counts ×0.85: 8 → 6.8
    const hits = [hit('a.ts', 'a1', 10), hit('a.ts', 'a2', 9), hit('a.ts', 'a3', 8), hit('b.ts', 'b1', 7)];
    expect(rank(hits, analyzeQuery('thing')).map((h) => h.path)).toEqual(['a.ts', 'a.ts', 'b.ts', 'a.ts']);
    // a strong third chunk still beats a weak other file
    const weak = [hit('a.ts', 'a1', 10), hit('a.ts', 'a2', 9), hit('a.ts', 'a3', 8), hit('b.ts', 'b1', 1)];
    expect(rank(weak, analyzeQuery('thing')).map((h) => h.path)).toEqual(['a.ts', 'a.ts', 'a.ts', 'b.ts']);
  });

  it('gives each file one place before its second when the question asks where things are', () => {
    const hits = [hit('a.ts', 'a1', 10), hit('a.ts', 'a2', 9), hit('b.ts', 'b1', 8)];
    expect(rank(hits, analyzeQuery('scheduler actions')).map((h) => h.path)).toEqual([
      'a.ts',
      'a.ts',
      'b.ts',
    ]);
    expect(rank(hits, analyzeQuery('where are scheduler actions implemented')).map((h) => h.path)).toEqual([
      'a.ts',
      'b.ts',
      'a.ts',
    ]);
  });

  it('does not demote a definition whose whole name the question spells out as a repeat of its file', () => {
    const hits = [
      hit('werkzeug/http.py', 'parse_options_header', 10),
      hit('werkzeug/http.py', 'parse_dict_header', 9),
      hit('werkzeug/http.py', 'parse_range_header', 8.5),
      hit('werkzeug/formparser.py', 'parse_form_data', 5),
    ];
    const query = analyzeQuery('parse the Range header of a request');
    expect(
      rank(hits, query)
        .map((h) => h.symbol)
        .slice(0, 3),
    ).toContain('parse_range_header');
    // the type counts with the name: `ReceiveChannel.filter`
    const channels = [
      hit('src/channels/Channels.kt', 'ReceiveChannel.filterIndexedTo', 10),
      hit('src/channels/Channels.kt', 'ReceiveChannel.filterNotNull', 9),
      hit('src/channels/Channels.kt', 'ReceiveChannel.filter', 8.5),
      hit('src/channels/Broadcast.kt', 'BroadcastChannel', 5),
    ];
    expect(rank(channels, analyzeQuery('filter elements of a receive channel')).map((h) => h.symbol)[2]).toBe(
      'ReceiveChannel.filter',
    );
    // a short name is too generic to count as spelled out
    const short = [
      hit('a.py', 'a1', 10),
      hit('a.py', 'a2', 9),
      hit('a.py', 'parse_header', 8.5),
      hit('b.py', 'b', 7.5),
    ];
    expect(rank(short, analyzeQuery('parse the header of a request')).map((h) => h.symbol)[2]).toBe('b');
  });

  it('never demotes the definition of the queried symbol', () => {
    const hits = [
      hit('a.ts', 'x1', 10),
      hit('a.ts', 'x2', 9.9),
      hit('a.ts', 'parseArgs', 3.2),
      hit('b.ts', 'b1', 8),
    ];
    expect(rank(hits, analyzeQuery('parseArgs')).map((h) => h.symbol)).toEqual([
      'x1',
      'x2',
      'parseArgs',
      'b1',
    ]);
  });

  it('understands "struct Program" and "LevelHooks Fire" as symbol references', () => {
    const kinds = [
      { ...hit('src/prog.rs', 'Program', 5), kind: 'impl' as const },
      { ...hit('src/prog.rs', 'Program', 4), kind: 'struct' as const },
      hit('src/other.rs', 'run', 8),
    ];
    expect(rank(kinds, analyzeQuery('struct Program'))[0]).toMatchObject({
      symbol: 'Program',
      kind: 'struct',
    });
    const hooks = [
      { ...hit('hooks.go', 'LevelHooks', 9), kind: 'type' as const },
      { ...hit('hooks.go', 'LevelHooks.Fire', 6), kind: 'method' as const },
    ];
    expect(rank(hooks, analyzeQuery('LevelHooks Fire'))[0]!.symbol).toBe('LevelHooks.Fire');
  });

  it('puts data and markup files below code unless the query asks for such files or configuration', () => {
    const hits = [
      { ...hit('data/links.json', null, 10), language: 'json' as const, kind: 'window' as const },
      hit('src/links.ts', 'autolink', 8),
    ];
    expect(rank(hits, analyzeQuery('turn bare urls into links'))[0]!.path).toBe('src/links.ts');
    expect(rank(hits, analyzeQuery('the json file listing the links'))[0]!.path).toBe('data/links.json');
    // a question that names the format is about the code that reads it (a JSON library's questions)
    expect(rank(hits, analyzeQuery('turn bare urls in json into links'))[0]!.path).toBe('src/links.ts');
    const config = [
      { ...hit('.github/workflows/ci.yml', null, 10), language: 'yaml' as const, kind: 'window' as const },
      hit('src/ci.ts', 'runChecks', 8),
    ];
    expect(rank(config, analyzeQuery('ci checks'))[0]!.path).toBe('src/ci.ts');
    expect(rank(config, analyzeQuery('how is ci configured'))[0]!.path).toBe('.github/workflows/ci.yml');
    // XML and build files, indexed as text, count as data too
    const build = [
      { ...hit('pom.xml', null, 10), language: 'text' as const, kind: 'window' as const },
      { ...hit('src/site/xdoc/usage.xml', null, 9), language: 'text' as const, kind: 'window' as const },
      hit('src/main/java/Options.java', 'Options.addOption', 7),
    ];
    expect(rank(build, analyzeQuery('add an option with a long name'))[0]!.symbol).toBe('Options.addOption');
    expect(rank(build, analyzeQuery('which maven dependencies does it have'))[0]!.path).toBe('pom.xml');
    // so do translation catalogues, whose messages repeat the code's words
    const catalogue = [
      { ...hit('po/de.po', null, 10), language: 'text' as const, kind: 'window' as const },
      hit('builtin/commit.c', 'prepare_to_commit', 7),
    ];
    expect(rank(catalogue, analyzeQuery('abort the commit when the message is empty'))[0]!.path).toBe(
      'builtin/commit.c',
    );
    expect(rank(catalogue, analyzeQuery('german translations of the commit messages'))[0]!.path).toBe(
      'po/de.po',
    );
    // and build-system files, with what Autotools generates and bundles
    const text = (path: string) => ({
      ...hit(path, null, 10),
      language: 'text' as const,
      kind: 'window' as const,
    });
    for (const path of [
      'configure',
      'configure.ac',
      'Makefile.am',
      'Makefile.in',
      'aclocal.m4',
      'm4/libtool.m4',
      'build-aux/ltmain.sh',
      'build-aux/depcomp',
      'CMakeLists.txt',
      'cmake/ide.cmake',
      'meson.build',
      'BUILD.bazel',
      'build.gradle.kts',
      'src/Makefile',
    ]) {
      const hits = [text(path), hit('event.c', 'event_base_new_with_config', 7)];
      expect(
        rank(hits, analyzeQuery('pick the first usable backend: epoll, kqueue or poll'))[0]!.path,
        path,
      ).toBe('event.c');
      expect(rank(hits, analyzeQuery('how does the makefile or cmake build find epoll'))[0]!.path, path).toBe(
        path,
      );
    }
    // a file that merely contains the word is code
    expect(
      rank([text('src/configure.c'), hit('event.c', 'x', 7)], analyzeQuery('configure epoll'))[0]!.path,
    ).toBe('src/configure.c');
  });

  it('ranks a copy in a parallel source tree below the shortest-path copy, which takes the best score', () => {
    const java = 'guava/src/com/google/common/base/Preconditions.java';
    const hits = [
      hit(`android/${java}`, 'Preconditions.checkArgument', 10),
      hit(java, 'Preconditions.checkArgument', 9.5),
      hit('guava/src/com/google/common/base/Verify.java', 'Verify.verify', 9),
    ];
    const ranked = rank(hits, analyzeQuery('fail fast when an argument is invalid'));
    expect(ranked.map((h) => h.path)).toEqual([
      java,
      'guava/src/com/google/common/base/Verify.java',
      `android/${java}`,
    ]);
    expect(ranked[0]!.score).toBe(10);
    // the same name in another package, or a second chunk of one function, is no copy
    const other = [
      hit('guava/src/com/google/common/base/Preconditions.java', 'Preconditions.checkArgument', 10),
      hit('guava/src/com/google/common/base/Preconditions.java', 'Preconditions.checkArgument', 9.5),
      hit('guava/src/com/google/common/math/Preconditions.java', 'Preconditions.checkArgument', 9.4),
      hit('guava/src/com/google/common/base/Verify.java', 'Verify.verify', 9),
    ];
    expect(rank(other, analyzeQuery('fail fast when an argument is invalid')).map((h) => h.score)).toEqual([
      10, 9.5, 9.4, 9,
    ]);
  });

  it('puts the code that acts on options above the type that declares them, unless options are asked for', () => {
    const hits = [
      { ...hit('middleware/recover.go', 'RecoverConfig', 10), kind: 'struct' as const },
      hit('middleware/recover.go', 'RecoverWithConfig', 8),
    ];
    const behaviour = analyzeQuery('catch a panic in a handler and log the stack trace');
    expect(rank(hits, behaviour)[0]!.symbol).toBe('RecoverWithConfig');
    expect(rank(hits, analyzeQuery('which options does the panic recovery take'))[0]!.symbol).toBe(
      'RecoverConfig',
    );
    expect(rank(hits, analyzeQuery('RecoverConfig'))[0]!.symbol).toBe('RecoverConfig');
  });

  it('gives no symbol boost to a test chunk that carries the queried name', () => {
    const hits = [
      hit('test/hooks.test.js', 'preHandler', 10),
      hit('test/hooks.test.js', 'preHandler', 9),
      hit('lib/hooks.js', 'hookRunner', 7),
    ];
    expect(rank(hits, analyzeQuery('when do preHandler hooks run'))[0]!.path).toBe('lib/hooks.js');
    expect(rank(hits, analyzeQuery('tests of preHandler hooks'))[0]!.path).toBe('test/hooks.test.js');
  });

  it('lifts the best entry file when the query asks for the entry point', () => {
    const hits = [hit('lib/worker.js', 'start', 10), hit('pino.js', 'pino', 7), hit('src/index.ts', null, 6)];
    expect(rank(hits, analyzeQuery('builds a logger instance'))[0]!.path).toBe('lib/worker.js');
    expect(
      rank(hits, analyzeQuery('main entry point that builds a logger instance')).map((h) => h.path),
    ).toEqual(['pino.js', 'lib/worker.js', 'src/index.ts']);
    // one file only: a package with many classes at its root keeps its deeper answers
    const php = [
      hit('MarkdownConverter.php', 'convert', 9),
      hit('Parser/MarkdownParser.php', 'parse', 8),
      hit('ConverterInterface.php', 'convert', 7),
    ];
    expect(rank(php, analyzeQuery('converter entry point and parser')).map((h) => h.path)).toEqual([
      'MarkdownConverter.php',
      'Parser/MarkdownParser.php',
      'ConverterInterface.php',
    ]);
    // deeper files named index are not the package's entry
    const deep = [hit('lib/a/b/index.js', null, 10), hit('lib/core.js', 'core', 9)];
    expect(rank(deep, analyzeQuery('public API entry point'))[0]!.path).toBe('lib/a/b/index.js');
  });

  it('treats test functions inside source files as tests', () => {
    const hits = [hit('src/utf8.rs', 'tests.decodes_utf8', 10), hit('src/utf8.rs', 'decode_utf8', 7)];
    expect(rank(hits, analyzeQuery('decode utf8'))[0]!.symbol).toBe('decode_utf8');
    const py = [
      { ...hit('pkg/paths.py', 'test_affixes', 10), language: 'python' as const },
      { ...hit('pkg/paths.py', 'affixes', 7), language: 'python' as const },
    ];
    expect(rank(py, analyzeQuery('split off the affixes'))[0]!.symbol).toBe('affixes');
    // a `test_` prefix is not a test where no runner collects by it (Lua, C)
    const lua = py.map((h) => ({ ...h, path: 'pl/stringx.lua', language: 'lua' as const }));
    expect(rank(lua, analyzeQuery('split off the affixes'))[0]!.symbol).toBe('test_affixes');
  });
});

describe('C/C++ header prototypes', () => {
  it('ranks an unnamed chunk of a C header like a declaration file', async () => {
    const { pathMultiplier } = await import('../../src/search/index.js');
    const q = analyzeQuery('remove bytes from the front of a buffer');
    expect(pathMultiplier('include/event2/buffer.h', q, undefined, null, 'c')).toBeLessThan(1);
    expect(pathMultiplier('include/event2/buffer.h', q, undefined, 'evbuffer', 'c')).toBeGreaterThan(1);
    expect(pathMultiplier('buffer.c', q, undefined, null, 'c')).toBeGreaterThan(1);
  });
});

import { describe, expect, it } from 'vitest';
import { analyzeQuery } from '../../src/search/index.js';

describe('analyzeQuery', () => {
  it.each(['HTTPAdapter', 'parse_args', 'Foo::bar', 'a.b', 'useState', 'Router#handle', 'parse_args()'])(
    'recognises %s as a symbol query',
    (q) => {
      const a = analyzeQuery(q);
      expect(a.isSymbolQuery).toBe(true);
      expect(a.symbols).toHaveLength(1);
    },
  );

  it('splits qualified names into lowercase parts', () => {
    expect(analyzeQuery('Foo::bar').symbols[0]!.parts).toEqual(['foo', 'bar']);
    expect(analyzeQuery('a.b').symbols[0]!.parts).toEqual(['a', 'b']);
  });

  it("reads Lua's obj:method as a qualified name, but not a colon in prose", () => {
    const lua = analyzeQuery('OrderedMap:set');
    expect(lua.isSymbolQuery).toBe(true);
    expect(lua.symbols[0]!.parts).toEqual(['orderedmap', 'set']);
    expect(analyzeQuery('TODO: retry the request').symbols).toHaveLength(0);
    expect(analyzeQuery('client:negotiate').symbols[0]!.parts).toEqual(['client', 'negotiate']);
    // in prose, `key:value` is a format, not a method
    expect(analyzeQuery('parse key:value pairs from the header').symbols).toEqual([]);
    expect(analyzeQuery('fetch http://localhost:8080/x').symbols).toEqual([]);
  });

  it('reads a definition keyword of Perl, Tcl, Kotlin, Elixir or Swift before one name as its kind, and only there', () => {
    for (const [query, kind] of [
      ['sub parse_args', 'function'],
      ['proc geturl', 'function'],
      ['fun filter', 'function'],
      ['defp parse_opts', 'function'],
      ['defmacro unless', 'macro'],
      ['protocol Codable', 'interface'],
    ] as const) {
      const a = analyzeQuery(query);
      expect(a.isSymbolQuery, query).toBe(true);
      expect(a.symbols, query).toEqual([expect.objectContaining({ raw: query.split(' ')[1], kind })]);
    }
    // the same words in prose are words
    for (const query of ['protocol version negotiation', 'sub command handling', 'proc filesystem parsing']) {
      expect(analyzeQuery(query).isSymbolQuery, query).toBe(false);
      expect(analyzeQuery(query).symbols, query).toEqual([]);
    }
  });

  it('finds identifiers inside a natural-language question', () => {
    const a = analyzeQuery('where is parseConfigFile called from');
    expect(a.isSymbolQuery).toBe(false);
    expect(a.symbols.map((s) => s.raw)).toEqual(['parseConfigFile']);
  });

  it('treats plain English words as words, not symbols', () => {
    const a = analyzeQuery('how are retries scheduled after a timeout');
    expect(a.symbols).toHaveLength(0);
    expect(a.terms.map((t) => t.term)).not.toContain('how');
  });

  it('notices when the query asks for tests, examples or docs', () => {
    expect(analyzeQuery('unit tests for the tokenizer').wants.tests).toBe(true);
    expect(analyzeQuery('example of streaming upload').wants.examples).toBe(true);
    for (const about of ['random samples of a distribution', 'configure the display, for example signs']) {
      expect(analyzeQuery(about).wants.examples, about).toBe(false);
    }
    // a Markdown library's questions name the format they process, not its documentation
    expect(analyzeQuery('keep raw HTML safe from markdown processing').wants.docs).toBe(false);
    expect(analyzeQuery('the man page of the pager').wants.docs).toBe(true);
    expect(analyzeQuery('tokenizer').wants.tests).toBe(false);
    for (const asks of [
      'tests that check word boundaries',
      'a test suite for the router',
      'the test for the LRU cache',
      'mock the HTTP client',
    ]) {
      expect(analyzeQuery(asks).wants.tests, asks).toBe(true);
    }
    // "test" as a verb or a kind of check, "spec" as a specification: about the code, not its tests
    for (const about of [
      'test whether a point lies inside a polygon',
      'probabilistic set membership test',
      "highlight lines given a spec like '1 3-5'",
    ]) {
      expect(analyzeQuery(about).wants.tests, about).toBe(false);
    }
    expect(analyzeQuery('where are the TypeScript type declarations for the logger').wants.declarations).toBe(
      true,
    );
    expect(analyzeQuery('declare a logger').wants.declarations).toBe(false);
  });

  it('notices data formats and configuration the query names', () => {
    expect([...analyzeQuery('which .yml file sets up CI').wants.data]).toEqual(['yaml']);
    expect([...analyzeQuery('the HTML templates of the error pages').wants.data]).toEqual(['html']);
    expect([...analyzeQuery('read package.json').wants.data]).toEqual(['json']);
    // naming the format alone is a question about the code that reads or writes it
    expect(analyzeQuery('render the heading as HTML').wants.data.size).toBe(0);
    expect(analyzeQuery('how is a JSON schema compiled into a validator').wants.data.size).toBe(0);
    expect(analyzeQuery('where is the linter configured').wants.data.size).toBe(5);
    expect(analyzeQuery('parse a number from a string').wants.data.size).toBe(0);
    // "jsonify" is not a request for JSON files
    expect(analyzeQuery('jsonify the response').wants.data.size).toBe(0);
  });

  it('notices questions about where things are or how they are organised', () => {
    expect(analyzeQuery('where are the schedulers implemented').asksWhere).toBe(true);
    expect(analyzeQuery('which files implement HTTP/2 framing').asksWhere).toBe(true);
    expect(analyzeQuery('how are file-generation actions organised').asksWhere).toBe(true);
    expect(analyzeQuery('retry a request with backoff').asksWhere).toBe(false);
    expect(analyzeQuery('somewhere').asksWhere).toBe(false);
  });

  it('notices questions about the entry point or top-level API', () => {
    expect(analyzeQuery('main entry point that builds the app').wants.entryPoint).toBe(true);
    expect(analyzeQuery('top-level API tying parser and renderer').wants.entryPoint).toBe(true);
    expect(analyzeQuery('which file re-exports everything').wants.entryPoint).toBe(true);
    expect(analyzeQuery('point the entry at the next node').wants.entryPoint).toBe(false);
  });
});

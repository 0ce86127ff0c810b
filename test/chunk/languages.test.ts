import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChunker } from '../../src/chunk/index.js';
import type { Chunker } from '../../src/chunk/index.js';
import type { Language } from '../../src/core/index.js';

/** `start-end kind symbol` per chunk: compact and readable in a failure diff. */
type Row = string;

interface Case {
  readonly language: Language;
  readonly file: string;
  /** Chunks with the default options (definitions fit whole). */
  readonly whole: Row[];
  /** Chunks with maxChunkLines 4, which splits every container at its members. */
  readonly split: Row[];
}

const CASES: Case[] = [
  {
    language: 'typescript',
    file: 'sample.ts',
    whole: [
      '1-4 code null',
      '6-20 class Router',
      '22-24 interface Handler',
      '26-26 type Method',
      '28-30 function parseQuery',
      '32-34 function loadConfig',
      // A namespace that wraps one definition is named after it.
      '36-40 function Internal.helper',
      '42-45 enum Color',
    ],
    split: [
      '1-4 code null',
      '6-9 class Router',
      '11-14 method Router.add',
      '16-20 method Router.handle',
      '22-24 interface Handler',
      '26-26 type Method',
      '28-30 function parseQuery',
      '32-34 function loadConfig',
      '36-36 namespace Internal',
      '37-40 function Internal.helper',
      '42-45 enum Color',
    ],
  },
  {
    language: 'tsx',
    file: 'sample.tsx',
    whole: [
      '1-1 code null',
      '3-5 interface Props',
      '7-10 function Card',
      '12-16 class Panel',
      '18-18 code null',
    ],
    split: [
      '1-1 code null',
      '3-5 interface Props',
      '7-10 function Card',
      '12-12 class Panel',
      '13-16 method Panel.render',
      '18-18 code null',
    ],
  },
  {
    language: 'javascript',
    file: 'sample.js',
    whole: [
      '1-2 code null',
      '4-16 class Cache',
      '18-20 function resolveFile',
      '22-22 function double',
      '24-24 code null',
    ],
    split: [
      '1-2 code null',
      '4-7 class Cache',
      '8-11 constructor Cache.constructor',
      '13-16 method Cache.get',
      '18-20 function resolveFile',
      '22-22 function double',
      '24-24 code null',
    ],
  },
  {
    language: 'python',
    file: 'sample.py',
    whole: ['1-5 code null', '8-21 class Item', '24-26 function load_items', '29-30 code null'],
    split: [
      '1-5 code null',
      '8-13 class Item',
      '15-17 method Item.restock',
      '19-21 method Item.empty',
      '24-26 function load_items',
      '29-30 code null',
    ],
  },
  {
    language: 'go',
    file: 'sample.go',
    whole: [
      '1-8 code null',
      '10-14 struct Server',
      '16-19 interface Handler',
      '21-25 method Server.Start',
      '27-30 function New',
    ],
    split: [
      '1-8 code null',
      '10-14 struct Server',
      '16-19 interface Handler',
      '21-25 method Server.Start',
      '27-30 function New',
    ],
  },
  {
    language: 'rust',
    file: 'sample.rs',
    whole: [
      '1-3 code MAX_SIZE',
      '5-9 struct Store',
      '11-20 impl Store',
      '22-24 trait Backend',
      '26-29 enum Mode',
      '31-34 function main',
    ],
    split: [
      '1-3 code MAX_SIZE',
      '5-9 struct Store',
      '11-11 impl Store',
      '12-15 method Store.new',
      '17-20 method Store.get',
      '22-24 trait Backend',
      '26-29 enum Mode',
      '31-34 function main',
    ],
  },
  {
    language: 'java',
    file: 'Sample.java',
    whole: ['1-4 code null', '6-29 class Cart', '31-34 enum Currency'],
    split: [
      '1-4 code null',
      '6-11 class Cart',
      '13-14 constructor Cart.Cart',
      '16-20 method Cart.add',
      '22-24 method Cart.size',
      '26-29 interface Cart.Listener',
      '31-34 enum Currency',
    ],
  },
  {
    language: 'c',
    file: 'sample.c',
    whole: [
      '1-4 code null',
      '6-10 struct buffer',
      '12-12 type buffer_t',
      '14-20 function buffer_append',
      '22-25 function copy_name',
      '27-31 function main',
    ],
    split: [
      '1-4 code null',
      '6-10 struct buffer',
      '12-12 type buffer_t',
      '14-20 function buffer_append',
      '22-25 function copy_name',
      '27-31 function main',
    ],
  },
  {
    language: 'cpp',
    file: 'sample.cpp',
    // A namespace of several definitions is no unit of meaning: its members are chunked one by one.
    whole: [
      '1-2 code null',
      '4-4 namespace geo',
      '6-15 class geo.Shape',
      '17-20 struct geo.Point',
      '22-24 method geo.Shape.perimeter',
      '26-31 function geo.clamp',
      '33-35 function main',
    ],
    split: [
      '1-2 code null',
      '4-4 namespace geo',
      '6-8 class geo.Shape',
      // The one-line `area()` declaration joins a member rather than stand alone as `geo.Shape`.
      '9-10 method geo.Shape.~Shape',
      '12-15 method geo.Shape.name',
      '17-20 struct geo.Point',
      '22-24 method geo.Shape.perimeter',
      '26-29 function geo.clamp',
      '31-31 namespace geo',
      '33-35 function main',
    ],
  },
  {
    language: 'csharp',
    file: 'sample.cs',
    whole: [
      '1-2 code null',
      '4-5 namespace Shop.Billing',
      '6-22 class Shop.Billing.Invoice',
      '24-27 interface Shop.Billing.IPayable',
      '29-30 enum Shop.Billing.Status',
    ],
    split: [
      '1-2 code null',
      '4-5 namespace Shop.Billing',
      '6-9 class Shop.Billing.Invoice',
      // Properties are definitions: `Invoice.Total`.
      '10-10 variable Shop.Billing.Invoice.Total',
      '12-15 constructor Shop.Billing.Invoice.Invoice',
      '17-22 method Shop.Billing.Invoice.Discount',
      '24-27 interface Shop.Billing.IPayable',
      '29-30 enum Shop.Billing.Status',
    ],
  },
  {
    language: 'ruby',
    file: 'sample.rb',
    // A module that wraps one class is named after the class.
    whole: ['1-1 code null', '3-21 class Billing.Invoice', '23-25 function helper', '27-27 code null'],
    split: [
      '1-1 code null',
      '3-3 module Billing',
      '4-6 class Billing.Invoice',
      '8-10 constructor Billing.Invoice.initialize',
      '12-15 method Billing.Invoice.total',
      '17-21 method Billing.Invoice.load',
      '23-25 function helper',
      '27-27 code null',
    ],
  },
  {
    language: 'php',
    file: 'sample.php',
    whole: [
      '1-5 code null',
      '7-24 class UserController',
      '26-29 interface Auditable',
      '31-34 function format_name',
      '36-36 code null',
    ],
    split: [
      '1-5 code null',
      '7-12 class UserController',
      '14-17 constructor UserController.__construct',
      '19-24 method UserController.show',
      '26-29 interface Auditable',
      '31-34 function format_name',
      '36-36 code null',
    ],
  },
  {
    language: 'kotlin',
    file: 'sample.kt',
    whole: [
      // a top-level property is a definition; short, it joins the imports and names them
      '1-5 code LIMIT',
      '7-14 class UserRepository',
      '16-16 class User',
      '18-21 interface Database',
      '23-27 class Registry',
      '29-31 function main',
    ],
    split: [
      '1-3 code null',
      '5-5 variable LIMIT',
      '7-8 class UserRepository',
      '9-11 method UserRepository.find',
      '13-14 method UserRepository.count',
      '16-16 class User',
      '18-21 interface Database',
      '23-23 class Registry',
      '24-27 method Registry.register',
      '29-31 function main',
    ],
  },
  {
    language: 'swift',
    file: 'sample.swift',
    whole: [
      '1-3 code null',
      '5-17 class Client',
      '19-22 struct Point',
      '24-26 interface Cacheable',
      '28-32 impl Point',
      '34-36 function greet',
    ],
    split: [
      '1-3 code null',
      '5-7 class Client',
      '9-11 constructor Client.init',
      '13-17 method Client.fetch',
      '19-22 struct Point',
      '24-26 interface Cacheable',
      '28-28 impl Point',
      '29-32 method Point.length',
      '34-36 function greet',
    ],
  },
  {
    language: 'scala',
    file: 'sample.scala',
    whole: [
      '1-3 code null',
      '5-14 class Cart',
      '16-18 class Cart',
      '20-22 trait Pricing',
      '24-24 class Item',
    ],
    split: [
      '1-3 code null',
      '5-7 class Cart',
      '9-11 method Cart.add',
      '13-14 method Cart.size',
      '16-18 class Cart',
      '20-22 trait Pricing',
      '24-24 class Item',
    ],
  },
  {
    language: 'bash',
    file: 'sample.sh',
    whole: ['1-4 code null', '6-9 function log', '11-14 function build', '16-16 code null'],
    split: ['1-4 code null', '6-9 function log', '11-14 function build', '16-16 code null'],
  },
  {
    language: 'lua',
    file: 'sample.lua',
    whole: [
      '1-2 code null',
      '4-7 method M.load',
      '9-11 method M.setup',
      '13-15 function helper',
      '17-19 method M.config',
      // A table bound to a name is a definition.
      '21-28 variable M.handlers',
      '30-35 variable defaults',
      '37-38 code null',
    ],
    split: [
      '1-2 code null',
      '4-7 method M.load',
      '9-11 method M.setup',
      '13-15 function helper',
      '17-19 method M.config',
      '21-21 variable M.handlers',
      // Its function-valued fields are its methods.
      '22-26 method M.handlers.show',
      '27-28 method M.handlers.hide',
      '30-35 variable defaults',
      '37-38 code null',
    ],
  },
  {
    language: 'elixir',
    file: 'sample.ex',
    whole: ['1-28 module Plug.Conn'],
    split: [
      '1-5 module Plug.Conn',
      '7-11 function Plug.Conn.assign',
      '13-13 function Plug.Conn.run_before_send',
      '15-19 macro Plug.Conn.__using__',
      '21-23 interface Plug.Conn.Size',
      '25-28 impl Plug.Conn.Size',
    ],
  },
  {
    language: 'haskell',
    file: 'sample.hs',
    whole: [
      '1-6 code null',
      // The Haddock comment the grammar puts inside the imports leads the type below it.
      '8-9 type X',
      '11-12 type WindowSet',
      '14-14 type Layout',
      '16-17 interface Message',
      '19-20 impl Message',
      '22-24 function runX',
      // Two equations, one function.
      '26-28 function helper',
    ],
    split: [
      '1-6 code null',
      '8-9 type X',
      '11-12 type WindowSet',
      '14-14 type Layout',
      '16-17 interface Message',
      '19-20 impl Message',
      '22-24 function runX',
      '26-28 function helper',
    ],
  },
  {
    language: 'zig',
    file: 'sample.zig',
    whole: [
      '1-1 code null',
      '3-10 struct Arg',
      '12-12 enum Kind',
      '14-17 function parse',
      '19-19 function helper',
      '21-23 function test_parse_works',
    ],
    split: [
      '1-1 code null',
      '3-5 struct Arg',
      '7-10 constructor Arg.init',
      '12-12 enum Kind',
      '14-17 function parse',
      '19-19 function helper',
      '21-23 function test_parse_works',
    ],
  },
];

const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));

function rows(chunker: Chunker, language: Language, text: string): Row[] {
  return chunker
    .chunkSync('x', language, text)
    .map((c) => `${c.startLine}-${c.endLine} ${c.kind} ${c.symbol}`);
}

/**
 * Loads `languages` into a default chunker and one that splits at 4 lines before a block's tests,
 * hands both to `use`, and closes them after the block.
 */
function withChunkers(languages: readonly Language[], use: (whole: Chunker, split: Chunker) => void): void {
  let whole: Chunker | undefined;
  let split: Chunker | undefined;
  beforeAll(async () => {
    whole = await createChunker();
    split = await createChunker({ maxChunkLines: 4 });
    for (const chunker of [whole, split]) {
      for (const language of languages) expect(await chunker.load(language)).toBe(true);
    }
    use(whole, split);
  });
  afterAll(() => {
    whole?.close();
    split?.close();
  });
}

describe('definition chunks in each of the 20 languages', () => {
  let whole: Chunker;
  let split: Chunker;
  withChunkers(
    CASES.map((c) => c.language),
    (w, s) => ([whole, split] = [w, s]),
  );

  for (const c of CASES) {
    const text = () => readFileSync(`${FIXTURES}${c.file}.fixture`, 'utf8');

    it(`${c.language}: keeps each definition whole with its doc comment and names it`, () => {
      expect(rows(whole, c.language, text())).toEqual(c.whole);
    });

    it(`${c.language}: splits containers at members with qualified symbols`, () => {
      expect(rows(split, c.language, text())).toEqual(c.split);
    });

    it(`${c.language}: chunk content is exactly the source lines`, () => {
      const source = text().split('\n');
      for (const chunk of split.chunkSync('x', c.language, text())) {
        expect(chunk.content).toBe(source.slice(chunk.startLine - 1, chunk.endLine).join('\n'));
      }
    });
  }
});

describe('C and C++ that tree-sitter misreads', () => {
  let whole: Chunker;
  let split: Chunker;
  withChunkers(['c', 'cpp'], (w, s) => ([whole, split] = [w, s]));
  const fixture = (name: string) => readFileSync(`${FIXTURES}misparsed/${name}`, 'utf8');

  it('c: a function swallowed by the one before it (a body per #if branch) is its own chunk and name', () => {
    // The first body's recovery runs to the stray `}` of `#ifdef __cplusplus` and takes in what follows.
    const text = fixture('preprocessor.c.fixture');
    expect(rows(whole, 'c', text)).toEqual([
      '1-3 code null',
      '4-20 function log2_floor',
      '21-26 function log2_floor',
      '27-27 code null',
      '29-33 function log2_ceil',
      '35-35 code null',
      '37-55 function unfilter',
      '57-59 code null',
    ]);
    const symbols = split.chunkSync('x', 'c', text).map((c) => c.symbol);
    expect(symbols).toContain('log2_ceil');
    expect(symbols.filter((s) => s?.includes('.'))).toEqual([]);
  });

  it('c: statements read as functions (`FILTER(x) {`, `else if` under #ifdef) stay in their function', () => {
    const chunks = split.chunkSync('x', 'c', fixture('preprocessor.c.fixture'));
    const inUnfilter = chunks.filter((c) => c.startLine >= 37 && c.endLine <= 55);
    expect(inUnfilter.map((c) => c.startLine)[0]).toBe(37);
    expect(inUnfilter.at(-1)!.endLine).toBe(55);
    for (const c of inUnfilter) expect(c).toMatchObject({ kind: 'function', symbol: 'unfilter' });
  });

  it('cpp: names functions after macros, returning references and operators; labels constructors', () => {
    expect(rows(split, 'cpp', fixture('macros.cpp.fixture'))).toEqual([
      '1-2 code null',
      '4-4 namespace lib',
      '6-9 function lib.abs',
      '11-14 function lib.at',
      '16-17 class lib.Group',
      '18-18 constructor lib.Group.Group',
      '19-19 constructor lib.Group.Group',
      '20-20 method lib.Group.~Group',
      '21-21 method lib.Group.get_group',
      '22-22 method lib.Group.operator<',
      '23-23 method lib.Group.operator<<',
      '24-24 method lib.Group.operatorbool',
      '25-25 method lib.Group.sum',
      '26-28 struct lib.Group.sum.Local',
      '29-32 method lib.Group.sum',
      '33-34 class lib.Group',
      '36-36 constructor lib.Group.Group',
      '38-41 method lib.Group.operator=',
      '43-43 namespace lib',
    ]);
  });

  it('cpp: a macro call with a block in a method (`Q_FOREACH(v, values) {`) is no nested function', () => {
    const chunks = split.chunkSync('x', 'cpp', fixture('macros.cpp.fixture'));
    expect(chunks.map((c) => c.symbol)).not.toContain('lib.Group.sum.Q_FOREACH');
    expect(chunks.map((c) => c.symbol)).not.toContain('Q_FOREACH');
  });
});

describe('bash that tree-sitter misreads', () => {
  let whole: Chunker;
  let split: Chunker;
  withChunkers(['bash'], (w, s) => ([whole, split] = [w, s]));
  const text = () => readFileSync(`${FIXTURES}misparsed/regex.sh.fixture`, 'utf8');

  it('a `=~` regex with brackets swallows neither its own function nor the ones after it', () => {
    expect(rows(whole, 'bash', text())).toEqual([
      '1-2 code null',
      '4-11 function _print_lines',
      '13-25 function _variables',
      '27-33 function _count_words',
      '35-37 function _has_option',
      '39-43 function _trim',
      '45-45 code null',
    ]);
    // Pieces are parsed at the file's own offsets, which CRLF and non-ASCII text move.
    const shifted = text().replace('one a line', 'одна на строку 😀').replace(/\n/g, '\r\n');
    expect(rows(whole, 'bash', shifted)).toEqual(rows(whole, 'bash', text()));
  });

  it('the misread function keeps its name in every piece when split', () => {
    const pieces = split.chunkSync('x', 'bash', text()).filter((c) => c.startLine >= 13 && c.endLine <= 25);
    expect(pieces.length).toBeGreaterThan(1);
    expect(pieces[0]!.startLine).toBe(13);
    expect(pieces.at(-1)!.endLine).toBe(25);
    for (const c of pieces) expect(c).toMatchObject({ kind: 'function', symbol: '_variables' });
  });
});

describe('names a user of C#, Ruby, Swift and C asks for', () => {
  let chunker: Chunker;
  let split: Chunker;
  withChunkers(['csharp', 'ruby', 'swift', 'c'], (w, s) => ([chunker, split] = [w, s]));

  it('C#: a file-scoped namespace qualifies its types; properties and destructors are named', () => {
    const text = [
      'namespace Shop.Orders;',
      '',
      'public class OrderService',
      '{',
      '    /// <summary>The orders not yet shipped.</summary>',
      '    public IList<Order> Pending',
      '    {',
      '        get { return _orders.Where(o => !o.Shipped).ToList(); }',
      '    }',
      '',
      '    ~OrderService() { _orders.Clear(); }',
      '}',
    ].join('\n');
    const symbols = split.chunkSync('x', 'csharp', text).map((c) => c.symbol);
    expect(symbols).toContain('Shop.Orders.OrderService.Pending');
    expect(symbols).toContain('Shop.Orders.OrderService.~OrderService');
    expect(rows(chunker, 'csharp', text)).toEqual(['1-12 class Shop.Orders.OrderService']);
  });

  it('Swift: computed and observed properties and subscripts are named members; stored ones are not', () => {
    const text = [
      'final class FileHandle {',
      '  var path: String = ""',
      '  var size: Int64 {',
      '    let attributes = try? FileManager.default.attributesOfItem(atPath: path)',
      '    return attributes?[.size] as? Int64 ?? 0',
      '  }',
      '  var quality: Int = 1 {',
      '    didSet {',
      '      reload()',
      '    }',
      '  }',
      '  subscript(index: Int) -> UInt8 {',
      '    return bytes[index]',
      '  }',
      '  func reload() {',
      '    var local: Int { 1 }',
      '    print(local)',
      '  }',
      '}',
    ].join('\n');
    const chunks = split.chunkSync('x', 'swift', text);
    const symbols = chunks.map((c) => c.symbol);
    expect(symbols).toEqual(
      expect.arrayContaining([
        'FileHandle.size',
        'FileHandle.quality',
        'FileHandle.subscript',
        'FileHandle.reload',
      ]),
    );
    expect(symbols).not.toContain('FileHandle.path');
    expect(symbols).not.toContain('FileHandle.reload.local');
    expect(chunks.find((c) => c.symbol === 'FileHandle.size')).toMatchObject({
      startLine: 3,
      endLine: 6,
      kind: 'variable',
    });
  });

  it('Ruby: operator methods keep their names, and a module of one class is named after the class', () => {
    const text = [
      'module Hashie',
      '  class Rash',
      '    def [](key)',
      '      fetch(key)',
      '    end',
      '',
      '    def []=(key, value)',
      '      store(key, value)',
      '    end',
      '',
      '    def empty?',
      '      keys.empty?',
      '    end',
      '  end',
      'end',
    ].join('\n');
    expect(rows(chunker, 'ruby', text)).toEqual(['1-15 class Hashie.Rash']);
    const symbols = split.chunkSync('x', 'ruby', text).map((c) => c.symbol);
    expect(symbols).toEqual(
      expect.arrayContaining(['Hashie.Rash.[]', 'Hashie.Rash.[]=', 'Hashie.Rash.empty?']),
    );
  });

  it('Swift: a name in backticks is the name', () => {
    const text = [
      'struct KeyValueStore {',
      '  func `get`<T>(_ key: String) -> T? {',
      '    return storage[key] as? T',
      '  }',
      '',
      '  func `set`(_ key: String, _ value: Any) {',
      '    storage[key] = value',
      '  }',
      '}',
    ].join('\n');
    const symbols = split.chunkSync('x', 'swift', text).map((c) => c.symbol);
    expect(symbols).toEqual(expect.arrayContaining(['KeyValueStore.get', 'KeyValueStore.set']));
  });

  it('C: a function-like macro of several lines is a definition; one-line macros stay with their neighbours', () => {
    const text = [
      '#define json_is_object(json) ((json) && json_typeof(json) == JSON_OBJECT)',
      '#define json_is_array(json) ((json) && json_typeof(json) == JSON_ARRAY)',
      '',
      '#define json_object_foreach(object, key, value)                      \\',
      '    for (key = json_object_iter_key(json_object_iter(object));        \\',
      '         key && (value = json_object_iter_value(json_object_key_to_iter(key))); \\',
      '         key = json_object_iter_key(json_object_iter_next(object, json_object_key_to_iter(key))))',
      '',
      'int json_object_size(const json_t *object);',
    ].join('\n');
    expect(rows(chunker, 'c', text)).toEqual([
      '1-2 code null',
      '4-7 macro json_object_foreach',
      '9-9 code null',
    ]);
  });
});

describe('definitions a user of Haskell, Elixir, Scala and Kotlin asks for', () => {
  let chunker: Chunker;
  let split: Chunker;
  withChunkers(['haskell', 'elixir', 'scala', 'kotlin'], (w, s) => ([chunker, split] = [w, s]));

  it('Haskell: equations and pragmas of one function are one chunk; operators and class methods are named', () => {
    const text = [
      'module Text.Parser where',
      '',
      'class Monad m => MonadParsec m where',
      '  -- | Consume input while the predicate holds.',
      '  takeWhile1P :: Maybe String -> (Char -> Bool) -> m String',
      '',
      '  -- | Backtrack when the parser fails.',
      '  try :: m a -> m a',
      '',
      'infixr 1 <?>',
      '(<?>) :: Parser a -> String -> Parser a',
      'p <?> msg = label msg p',
      '{-# INLINE (<?>) #-}',
      '',
      'count :: Int -> Parser a -> Parser [a]',
      'count 0 _ = pure []',
      'count n p = (:) <$> p <*> count (n - 1) p',
      '{-# INLINE count #-}',
    ].join('\n');
    const chunks = rows(chunker, 'haskell', text);
    expect(chunks).toContain('10-13 function <?>');
    expect(chunks).toContain('15-18 function count');
    const symbols = split.chunkSync('x', 'haskell', text).map((c) => c.symbol);
    expect(symbols).toEqual(expect.arrayContaining(['MonadParsec.takeWhile1P', 'MonadParsec.try']));
  });

  it('Elixir: clauses written back to back are one function', () => {
    const text = [
      'defmodule Mix.Dep do',
      '  @moduledoc "Dependencies."',
      '',
      '  def ok?(%Mix.Dep{status: {:ok, _}}), do: true',
      '  def ok?(%Mix.Dep{}), do: false',
      '',
      '  def diverged?(%Mix.Dep{status: {:diverged, _}}), do: true',
      '  def diverged?(%Mix.Dep{}), do: false',
      '',
      '  def format_status(%Mix.Dep{status: {:ok, _}}) do',
      '    "ok"',
      '  end',
      'end',
    ].join('\n');
    const chunks = rows(split, 'elixir', text);
    expect(chunks).toContain('4-5 function Mix.Dep.ok?');
    expect(chunks).toContain('7-8 function Mix.Dep.diverged?');
  });

  it('Elixir: clauses separated by blank lines are one function; a doc or a comment starts another', async () => {
    const text = [
      'defmodule Logger.Backends.Console do',
      '  def handle_event({level, _gl, msg}, state) do',
      '    log(level, msg, state)',
      '  end',
      '',
      '  def handle_event(:flush, state) do',
      '    {:ok, flush(state)}',
      '  end',
      '',
      '  def handle_event(_, state) do',
      '    {:ok, state}',
      '  end',
      '',
      '  @doc "Flushes the buffer."',
      '  def flush(state) do',
      '    state',
      '  end',
      '',
      '  # kept apart on purpose',
      '  def flush(state, _opts) do',
      '    state',
      '  end',
      'end',
    ].join('\n');
    const medium = await createChunker({ maxChunkLines: 12 });
    try {
      expect(await medium.load('elixir')).toBe(true);
      const chunks = rows(medium, 'elixir', text);
      expect(chunks).toContain('2-12 function Logger.Backends.Console.handle_event');
      expect(chunks).toContain('14-17 function Logger.Backends.Console.flush');
      expect(chunks).toContain('19-23 function Logger.Backends.Console.flush');
    } finally {
      medium.close();
    }
  });

  it('Scala: sealed traits and Scala 3 enums, givens and extensions parse', () => {
    const text = [
      'package jawn.ast',
      '',
      'sealed trait JValue {',
      '  def isNull: Boolean = false',
      '}',
      '',
      'enum Color:',
      '  case Red, Green',
      '',
      'given Ordering[JValue] with',
      '  def compare(a: JValue, b: JValue): Int = 0',
      '',
      'extension (s: String)',
      '  def toJValue: JValue = JString(s)',
    ].join('\n');
    const chunks = rows(chunker, 'scala', text);
    expect(chunks).toContain('3-5 trait JValue');
    expect(chunks.some((c) => /^7-\d+ enum Color$/.test(c))).toBe(true);
    // An extension has no name of its own: it is named after the type it extends.
    expect(chunks).toContain('13-14 impl String');
  });

  it('Scala: an indented body ends on its own last line; abstract defs and member vals are definitions', () => {
    const text = [
      'trait Decoder[A] {',
      '  /** Decodes a cursor. */',
      '  def apply(c: Cursor): Result[A]',
      '',
      '  implicit val decodeInt: Decoder[Int] =',
      '    new Decoder[Int] { def apply(c: Cursor) = c.int }',
      '',
      '  def orElse(other: Decoder[A]): Decoder[A] =',
      '    new Decoder[A] {',
      '      def apply(c: Cursor) = this(c).orElse(other(c))',
      '    }',
      '  /** Maps the decoded value. */',
      '  def map[B](f: A => B): Decoder[B] =',
      '    new Decoder[B] {',
      '      def apply(c: Cursor) = this(c).map(f)',
      '    }',
      '',
      '  def local(): Int = {',
      '    val x = 1',
      '    x',
      '  }',
      '}',
    ].join('\n');
    const chunks = rows(split, 'scala', text);
    expect(chunks).toContain('2-3 method Decoder.apply');
    expect(chunks).toContain('5-6 variable Decoder.decodeInt');
    // `orElse` stops before `map`'s doc comment and header, which start `map`.
    expect(chunks).toContain('8-11 method Decoder.orElse');
    expect(chunks.some((c) => /^12-\d+ method Decoder\.map$/.test(c))).toBe(true);
    // A `val` inside a body is a local, no definition.
    expect(chunks.some((c) => c.endsWith('.x'))).toBe(false);
  });

  it('Kotlin: top-level and member properties are definitions named after their receiver', () => {
    const text = [
      'package kotlin.collections',
      '',
      '/** Returns the valid indices of this collection. */',
      'public val Collection<*>.indices: IntRange',
      '    get() = 0..size - 1',
      '',
      'fun f(): Int {',
      '    val local = 1',
      '    return local',
      '}',
    ].join('\n');
    const chunks = rows(split, 'kotlin', text);
    expect(chunks).toContain('3-5 variable Collection.indices');
    expect(chunks.some((c) => c.endsWith('local'))).toBe(false);
  });

  it('Kotlin: extension functions are named after their receiver; the first declaration keeps its KDoc; enum classes are enums', () => {
    const text = [
      'package kotlinx.coroutines',
      '',
      'import kotlin.coroutines.*',
      '',
      '/**',
      ' * Launches a new coroutine without blocking the current thread.',
      ' */',
      'fun CoroutineScope.launch(block: suspend () -> Unit): Job {',
      '    return start(block)',
      '}',
      '',
      'enum class CoroutineStart { DEFAULT, LAZY }',
    ].join('\n');
    expect(rows(chunker, 'kotlin', text)).toEqual([
      '1-3 code null',
      '5-10 method CoroutineScope.launch',
      '12-12 enum CoroutineStart',
    ]);
  });
});

describe('JavaScript and C shapes that carry names', () => {
  let chunker: Chunker;
  withChunkers(['javascript', 'c'], (w) => (chunker = w));

  it('CommonJS: exported classes, prototype methods and exported functions are definitions', () => {
    const text = readFileSync(`${FIXTURES}misparsed/commonjs.js.fixture`, 'utf8');
    const chunks = rows(chunker, 'javascript', text);
    expect(chunks).toContain('3-8 class Application');
    expect(chunks).toContain('10-13 method Router.handle');
    expect(chunks).toContain('15-18 function parseCookie');
    // a one-line export stays with the code around it
    expect(chunks.some((c) => / isFresh$/.test(c))).toBe(false);
  });

  it('property descriptors are named after the property, not `get` or `value`', () => {
    const text = readFileSync(`${FIXTURES}misparsed/define-properties.js.fixture`, 'utf8');
    const chunks = rows(chunker, 'javascript', text);
    expect(chunks).toContain('10-14 method Request.hostname');
    expect(chunks).toContain('17-21 method Request.compileValidationSchema');
  });

  it('a doc comment followed by a blank line still documents the definition; a licence header does not', () => {
    const text = readFileSync(`${FIXTURES}misparsed/spaced-doc.c.fixture`, 'utf8');
    expect(rows(chunker, 'c', text)).toEqual(['1-5 code null', '7-15 function yaml_parser_scan']);
  });

  it('C: a comment inside a continued #define does not end the macro', () => {
    const text = readFileSync(`${FIXTURES}misparsed/macro-comment.c.fixture`, 'utf8');
    expect(rows(chunker, 'c', text)).toEqual(['1-7 macro READ_LINE', '9-13 function yaml_parser_scan']);
  });
});

describe('Rust impls split at their members', () => {
  it("an associated type joins its neighbours instead of standing alone as a one-line 'type' chunk", async () => {
    const chunker = await createChunker({ maxChunkLines: 8 });
    try {
      expect(await chunker.load('rust')).toBe(true);
      const text = readFileSync(`${FIXTURES}misparsed/assoc-types.rs.fixture`, 'utf8');
      const chunks = chunker.chunkSync('x', 'rust', text);
      expect(chunks.some((c) => c.kind === 'type')).toBe(false);
      expect(chunks.map((c) => c.symbol)).toContain('ValueDeserializer.deserialize_any');
    } finally {
      chunker.close();
    }
  });
});

describe('Lua files parsed one after another', () => {
  let chunker: Chunker;
  withChunkers(['lua'], (_, s) => (chunker = s));

  it('chunk the same as the first file of the process (an older grammar build misread every later file)', () => {
    const text = [
      'local M = {}',
      'local count = 1',
      '',
      '--- Opens the float',
      'function M.open_float(opts)',
      '  local x = 1',
      '  return x',
      'end',
      '',
      'M.config = function(opts)',
      '  return opts',
      'end',
      '',
      'return M',
    ].join('\n');
    const first = rows(chunker, 'lua', text);
    expect(first).toEqual([
      '1-2 code null',
      '4-8 method M.open_float',
      '10-12 method M.config',
      '14-14 code null',
    ]);
    for (let i = 0; i < 5; i++) expect(rows(chunker, 'lua', text)).toEqual(first);
  });
});

describe('Lua modules built as tables', () => {
  let chunker: Chunker;
  withChunkers(['lua'], (w) => (chunker = w));

  it('split at their function fields, named after the table, with one-line entries kept together', () => {
    // Neovim's `M.handlers.signs = { show = function … end, hide = … }`, too long for one chunk.
    const text = [
      'local M = {}',
      '',
      'M.handlers.signs = {',
      '  show = function(namespace, bufnr, opts)',
      '    local get_priority',
      '    if opts.severity_sort then',
      '      get_priority = function(severity)',
      '        return severity',
      '      end',
      '    else',
      '      get_priority = function()',
      '        return 10',
      '      end',
      '    end',
      ...Array.from({ length: 60 }, (_, i) => `    place(namespace, bufnr, get_priority(${i}))`),
      '  end,',
      '  hide = function(namespace, bufnr)',
      '    local ns = M.get_namespace(namespace)',
      '    local group = ns.user_data.sign_group',
      '    unplace(group, bufnr)',
      '  end,',
      ...Array.from({ length: 50 }, (_, i) => `  f${i} = function() return ${i} end,`),
      '}',
      '',
      'return M',
    ].join('\n');
    const chunks = chunker.chunkSync('x', 'lua', text);
    expect(chunks.find((c) => c.symbol === 'M.handlers.signs.show')).toMatchObject({
      kind: 'method',
      startLine: 4,
      endLine: 75,
    });
    expect(chunks.map((c) => c.symbol)).toContain('M.handlers.signs.hide');
    // No `else` or `end` left on its own by nested functions pulled out of `show`.
    for (const c of chunks) expect(c.content.trim()).not.toMatch(/^(?:else|end,?)$/);
    // The 50 one-line entries are one piece of the table, not 50 methods.
    expect(chunks.filter((c) => /^M\.handlers\.signs\.f\d+$/.test(c.symbol ?? ''))).toEqual([]);
    expect(chunks.length).toBeLessThan(8);
  });

  it('a table inside a function is local data; a returned table of functions is the module', async () => {
    const split = await createChunker({ maxChunkLines: 4 });
    try {
      expect(await split.load('lua')).toBe(true);
      const text = [
        'local function setup(opts)',
        '  local defaults = {',
        '    a = 1,',
        '    b = 2,',
        '    c = 3,',
        '  }',
        '  return defaults',
        'end',
        '',
        'return {',
        '  setup = function(opts)',
        '    return setup(opts)',
        '  end,',
        '  version = "1.0",',
        '}',
      ].join('\n');
      expect(rows(split, 'lua', text)).toEqual([
        // No `variable defaults` piece: the function is cut in windows as before.
        '1-8 function setup',
        '10-10 module null',
        '11-13 function setup',
        '14-15 module null',
      ]);
    } finally {
      split.close();
    }
  });
});

describe('a long definition with a long doc comment', () => {
  it('keeps the end of the doc comment with the header when the doc comment alone is too long', async () => {
    const chunker = await createChunker({ maxChunkLines: 20 });
    try {
      expect(await chunker.load('lua')).toBe(true);
      const text = [
        ...Array.from({ length: 24 }, (_, i) => `--- Option ${i}: what it does`),
        'function M.config(opts)',
        ...Array.from({ length: 15 }, (_, i) => `  opts.x${i} = ${i}`),
        'end',
      ].join('\n');
      const chunks = chunker.chunkSync('x', 'lua', text);
      for (const c of chunks) expect(c).toMatchObject({ kind: 'method', symbol: 'M.config' });
      // Half a chunk of doc comment goes with the header, not the four lines the first piece left.
      const header = chunks.find((c) => c.startLine <= 25 && c.endLine >= 25)!;
      expect(header.startLine).toBe(15);
      expect(chunks[0]).toMatchObject({ startLine: 1, endLine: 14 });
    } finally {
      chunker.close();
    }
  });
});

describe('files that are definitions', () => {
  let whole: Chunker;
  let split: Chunker;
  withChunkers(['zig', 'bash'], (w, s) => ([whole, split] = [w, s]));
  const rowsAt = (chunker: Chunker, path: string, language: Language, text: string) =>
    chunker.chunkSync(path, language, text).map((c) => `${c.startLine}-${c.endLine} ${c.kind} ${c.symbol}`);

  const tree = [
    '//! A syntax tree.',
    'const std = @import("std");',
    '',
    'source: []const u8,',
    'nodes: []u32,',
    '',
    'pub fn init(source: []const u8) Tree {',
    '    return .{ .source = source, .nodes = &.{} };',
    '}',
    '',
    'pub fn tokenLocation(self: Tree, offset: usize) usize {',
    '    return self.source.len + offset;',
    '}',
    '',
    'pub const Location = struct {',
    '    line: usize,',
    '};',
  ].join('\n');

  it('zig: `Tree.zig` is the struct `Tree`, whose top-level functions are its methods', () => {
    expect(rowsAt(whole, 'lib/std/zig/Tree.zig', 'zig', tree)).toEqual(['1-17 struct Tree']);
    expect(rowsAt(split, 'lib/std/zig/Tree.zig', 'zig', tree)).toEqual([
      '1-5 struct Tree',
      '7-9 constructor Tree.init',
      '11-13 method Tree.tokenLocation',
      '15-17 struct Tree.Location',
    ]);
    // A file named like a namespace is not a type.
    expect(rowsAt(split, 'lib/std/zig/tree.zig', 'zig', tree)).toEqual([
      '1-5 code null',
      '7-9 function init',
      '11-13 function tokenLocation',
      '15-17 struct Location',
    ]);
  });

  it('bash: a command without functions is named after its file', () => {
    const script = [
      '#!/usr/bin/env bash',
      'set -e',
      '',
      'if [ -z "$RBENV_VERSION" ]; then',
      '  echo system',
      'fi',
    ].join('\n');
    expect(rowsAt(whole, 'libexec/rbenv-version-name', 'bash', script)).toEqual([
      '1-6 module rbenv-version-name',
    ]);
    expect(rowsAt(whole, 'libexec/setup.sh', 'bash', script)).toEqual(['1-6 code null']);
    const withFunction = `${script}\n\nusage() {\n  echo usage\n}\n`;
    expect(rowsAt(whole, 'libexec/rbenv-version-name', 'bash', withFunction)).toEqual([
      '1-6 code null',
      '8-10 function usage',
    ]);
  });
});

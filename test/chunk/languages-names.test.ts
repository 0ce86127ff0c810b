import { describe, expect, it } from 'vitest';
import { createChunker } from '../../src/chunk/index.js';
import type { Chunker } from '../../src/chunk/index.js';
import { rows, withChunkers } from './language-helpers.js';

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

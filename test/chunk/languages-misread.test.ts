import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Chunker } from '../../src/chunk/index.js';
import { FIXTURES, rows, withChunkers } from './language-helpers.js';

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

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createChunker } from '../../src/chunk/index.js';
import type { Chunker } from '../../src/chunk/index.js';
import type { Language } from '../../src/core/index.js';
import { FIXTURES, rows, withChunkers } from './language-helpers.js';

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

/**
 * Line patterns meet text they were not written for: every language without a grammar, and every
 * component language, chunks seeded random files made of header, bracket, comment and block-marker
 * fragments, and no non-blank line may be left out, overlapped out of order or cut off its text.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChunker } from '../../src/chunk/index.js';
import type { Chunker } from '../../src/chunk/index.js';
import { OUTLINE_SPECS } from '../../src/chunk/languages/outlines.js';
import type { Language } from '../../src/core/index.js';

const FRAGMENTS = [
  'sub f {',
  'package A::B;',
  '=head1 NAME',
  '=cut',
  '__END__',
  'proc p {a b} {',
  'namespace eval n {',
  'class C {',
  'method m {x} {',
  'f <- function(x) {',
  'X <- R6Class("X",',
  'CREATE TABLE t (',
  ');',
  'CREATE FUNCTION g() RETURNS int AS $$',
  '$$ LANGUAGE sql;',
  'BEGIN',
  'END;',
  'let rec h x =',
  'type t =',
  'module M = struct',
  'end',
  '(* c',
  '*)',
  'class D extends E {',
  '  int get n => 1;',
  '  D(this.n);',
  '@interface V : NSObject',
  '@implementation V',
  '@end',
  '- (void)a:(int)x b:(int)y {',
  'function y = q(x)',
  'struct S',
  'function Get-X {',
  '<#',
  '#>',
  '(defn k [x]',
  '(ns a.b)',
  'go(X) ->',
  '  X.',
  'message M {',
  'rpc R(A) returns (B);',
  '<script lang="ts">',
  '</script>',
  '---',
  '<template>',
  '{',
  '}',
  '(',
  ')',
  '"{"',
  "'}'",
  '# comment {',
  '// comment }',
  '/* block',
  '',
  '    indented body',
  '\tx = 1;',
  'return 1;',
];

function randomFile(seed: number, rows: number): string {
  let s = seed;
  const next = (n: number) => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return s % n;
  };
  return Array.from({ length: rows }, () => FRAGMENTS[next(FRAGMENTS.length)]!).join(
    next(5) === 0 ? '\r\n' : '\n',
  );
}

let chunker: Chunker;
let small: Chunker;
beforeAll(async () => {
  chunker = await createChunker();
  small = await createChunker({ maxChunkLines: 7, minChunkLines: 2 });
});
afterAll(() => {
  chunker.close();
  small.close();
});

const LANGUAGES = [...(Object.keys(OUTLINE_SPECS) as Language[]), 'vue', 'svelte', 'astro'] as Language[];

describe('chunking random text by line patterns and script blocks', () => {
  it.each(LANGUAGES)('%s: every non-blank line is in a chunk whose text is the file’s', async (language) => {
    for (let seed = 1; seed <= 40; seed++) {
      const text = randomFile(seed * 7919 + language.length, 20 + (seed % 7) * 25);
      const lines = text.split(/\r?\n/);
      for (const c of [chunker, small]) {
        const chunks = await c.chunk(`f.${language}`, language, text);
        const covered = new Set<number>();
        let previousStart = 0;
        for (const chunk of chunks) {
          expect(chunk.startLine).toBeLessThanOrEqual(chunk.endLine);
          expect(chunk.startLine).toBeGreaterThanOrEqual(previousStart);
          previousStart = chunk.startLine;
          expect(chunk.content).toBe(lines.slice(chunk.startLine - 1, chunk.endLine).join('\n'));
          for (let l = chunk.startLine; l <= chunk.endLine; l++) covered.add(l);
        }
        const missing = lines.flatMap((line, i) =>
          line.trim() !== '' && !covered.has(i + 1) ? [i + 1] : [],
        );
        expect(missing, `${language} seed ${seed}`).toEqual([]);
      }
    }
  });
});

/**
 * The char-code tokenizer must produce exactly the terms of the regular-expression tokenizer it
 * replaced (the query side and existing indexes depend on it): same terms, same order, same
 * repeats, same frequencies in the same `Map` order. The original implementation is kept below as
 * the reference and both run over real code in many languages and over random text.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  chunkTerms,
  DEFAULT_FIELD_WEIGHTS,
  STOP_WORDS,
  tokenize,
  type TokenizerOptions,
} from '../../src/lexical/index.js';
import { sourceFiles } from '../support/source-files.js';

// ---- Reference: src/lexical/tokenizer.ts and chunk-terms.ts before the char-code rewrite. ----
const IDENTIFIER = /[\p{L}_$][\p{L}\p{N}_$]*|\p{N}+/gu;
const IDENTIFIER_ASCII = /[A-Za-z_$][A-Za-z0-9_$]*|[0-9]+/g;
const PARTS = /\p{Lu}+(?=\p{Lu}\p{Ll})|\p{Lu}?\p{Ll}+|\p{Lu}+|\p{N}+|[\p{L}\p{N}]+/gu;
const PARTS_ASCII = /[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|[0-9]+/g;
// eslint-disable-next-line no-control-regex
const NON_ASCII = /[^\x00-\x7f]/;
const KEBAB = /\b[a-z][a-z0-9]*(?:-[a-z][a-z0-9]*)+\b/g;
const MAX_TERM_LENGTH = 64;

function refSplitIdentifier(identifier: string): string[] {
  const parts: string[] = [];
  const re = NON_ASCII.test(identifier) ? PARTS : PARTS_ASCII;
  for (const piece of identifier.split(/[_$]+/)) {
    if (piece === '') continue;
    for (const m of piece.matchAll(re)) parts.push(m[0].toLowerCase());
  }
  return parts;
}

function refStem(word: string): string {
  if (word.length <= 3 || /\d/.test(word)) return word;
  let w = word;
  if (w.endsWith('ies') && w.length > 4) w = w.slice(0, -3) + 'y';
  else if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('us') && !w.endsWith('is')) w = w.slice(0, -1);
  if (w.endsWith('ing') && w.length > 5) w = refUndouble(w.slice(0, -3));
  else if (w.endsWith('ed') && w.length > 4) w = refUndouble(w.slice(0, -2));
  else if (w.endsWith('er') && w.length > 4) w = refUndouble(w.slice(0, -2));
  if (w.endsWith('e') && w.length > 3) w = w.slice(0, -1);
  return w;
}

function refUndouble(w: string): string {
  const n = w.length;
  if (n >= 3 && w[n - 1] === w[n - 2] && !'lsz'.includes(w[n - 1]!)) return w.slice(0, -1);
  return w;
}

function refForEachTerm(text: string, emit: (term: string) => void, options: TokenizerOptions): void {
  const re = NON_ASCII.test(text) ? IDENTIFIER : IDENTIFIER_ASCII;
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    for (const t of refIdentifierTerms(m[0], options)) emit(t);
  }
  if (text.includes('-')) {
    for (const m of text.matchAll(KEBAB)) {
      if (m[0].length <= MAX_TERM_LENGTH) emit(m[0]);
    }
  }
}

function refIdentifierTerms(raw: string, options: TokenizerOptions): readonly string[] {
  const keep = (term: string): boolean =>
    term.length >= 2 && term.length <= MAX_TERM_LENGTH && !(options.stopWords && STOP_WORDS.has(term));
  const out: string[] = [];
  const parts = refSplitIdentifier(raw);
  if (parts.length > 1) {
    const whole = raw.toLowerCase().replace(/^[_$]+|[_$]+$/g, '');
    if (keep(whole)) out.push(whole);
  }
  for (const part of parts) {
    const term = options.stem ? refStem(part) : part;
    if (keep(part) && term.length >= 2) out.push(term);
  }
  return out;
}

function refTokenize(text: string, options: TokenizerOptions): string[] {
  const out: string[] = [];
  refForEachTerm(text, (t) => out.push(t), options);
  return out;
}

function refAdd(into: Map<string, number>, text: string, weight: number, options: TokenizerOptions): void {
  refForEachTerm(text, (t) => into.set(t, (into.get(t) ?? 0) + weight), options);
}

function refChunkTerms(
  path: string,
  chunk: { symbol: string | null; content: string },
  options: TokenizerOptions,
): { terms: { term: string; tf: number }[]; length: number } {
  const weights = DEFAULT_FIELD_WEIGHTS;
  const tf = new Map<string, number>();
  refAdd(tf, chunk.content, weights.body, options);
  if (chunk.symbol) {
    const parts = chunk.symbol.split(/\.|::|#|>/).filter(Boolean);
    const last = parts.pop();
    if (last) refAdd(tf, last, weights.symbol, options);
    if (parts.length > 0) refAdd(tf, parts.join(' '), weights.container, options);
  }
  const segments = path.split('/');
  const fileName = segments.pop() ?? '';
  refAdd(tf, fileName.replace(/\.[^.]*$/, ''), weights.fileName, options);
  const folders = segments.slice(-2).join(' ');
  if (folders) refAdd(tf, folders, weights.folders, options);
  let length = 0;
  const terms: { term: string; tf: number }[] = [];
  for (const [term, n] of tf) {
    terms.push({ term, tf: n });
    length += n;
  }
  return { terms, length };
}
// ---- End of the reference. ----

const OPTION_SETS: TokenizerOptions[] = [
  { stem: true, stopWords: true },
  { stem: false, stopWords: true },
  { stem: true, stopWords: false },
  { stem: false, stopWords: false },
];

const root = join(import.meta.dirname, '../..');

/** Real code nobody here wrote: TypeScript's own sources and localised messages, the eval corpora when fetched. */
function corpus(): string[] {
  const nm = join(root, 'node_modules');
  const paths = [
    ...sourceFiles(join(nm, 'typescript/lib'), ['.d.ts', '.json'], 30, 1_000_000),
    ...sourceFiles(join(nm, 'web-tree-sitter'), ['.js', '.ts'], 10),
    ...sourceFiles(join(nm, 'zod'), ['.ts', '.js'], 40),
    ...sourceFiles(join(nm, '@electric-sql/pglite/dist'), ['.js', '.ts'], 10),
    ...sourceFiles(join(root, 'src'), ['.ts'], 150),
    // Always here: the system's Python and one fixture per syntax language.
    ...sourceFiles('/usr/lib/python3.11', ['.py'], 150),
    ...sourceFiles(join(root, 'test/chunk/fixtures'), ['.fixture'], 40),
    // Fetched by `npm run eval` (Go, Python, Rust, Ruby, JavaScript, TypeScript), when present.
    ...sourceFiles(join(root, 'eval/cache'), ['.go', '.py', '.rs', '.rb', '.js', '.ts', '.md', '.txt'], 600),
  ];
  return paths.map((p) => readFileSync(p, 'utf8'));
}

/** Random text over an alphabet full of tokenizer edge cases. */
function randomTexts(count: number, seed: number): string[] {
  let state = seed;
  const next = (n: number): number => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return (state >>> 8) % n;
  };
  const atoms = [
    ...'abcxyzABCXYZ0189_$-- \n\t.,;:()[]{}<>#/\\\'"`',
    ...'éÉßüÜøÅİıΣσςΩωЖжДдЯя中文字汉漢日本語カタカナ한국어',
    ...'\u0301\u0308\u200b\u00a0²³¹½Ⅻⅷ٣٤०१೨',
    '𝒜',
    '𝓏',
    '𝟎',
    '𝟗',
    '😀',
    '\ud800',
    '\udfff',
    'HTTP',
    'Response',
    'parse',
    'ing',
    'ies',
    'sses',
    'the',
    'var',
    'kebab-case',
    'x-y-z',
    'A-b',
    'a--b',
    'get_V2',
    'IOError',
    'naïveCafé',
    'größeBerechnen',
    'ΣΑΣ',
    'İstanbul',
    'a'.repeat(70),
    'Ab'.repeat(40),
    '9'.repeat(66),
    'abc-'.repeat(20),
  ];
  const out: string[] = [];
  for (let t = 0; t < count; t++) {
    let s = '';
    const n = 1 + next(40);
    for (let i = 0; i < n; i++) s += atoms[next(atoms.length)];
    out.push(s);
  }
  return out;
}

describe('tokenizer equivalence with the regular-expression implementation', () => {
  const texts = corpus();

  it('reads a corpus of real code with ASCII and non-ASCII text', () => {
    expect(texts.length).toBeGreaterThan(300);
    expect(texts.some((t) => NON_ASCII.test(t))).toBe(true);
  });

  it.each(OPTION_SETS)('gives the same terms in the same order on real code (%o)', (options) => {
    for (const text of texts) {
      expect(tokenize(text, options)).toEqual(refTokenize(text, options));
    }
  });

  it.each(OPTION_SETS)('gives the same terms on random Unicode text (%o)', (options) => {
    for (const text of randomTexts(20_000, 7)) {
      const expected = refTokenize(text, options);
      expect(tokenize(text, options), JSON.stringify(text)).toEqual(expected);
    }
  });

  it('counts the same chunk terms, in the same order, as the Map-based chunkTerms', () => {
    const symbols = [
      null,
      'Router.handle',
      'ns::Foo#bar',
      'Install > Docker-compose',
      'größe.Σίσυφος',
      '$',
      '',
    ];
    let i = 0;
    for (const text of texts) {
      const lines = text.split('\n');
      for (let a = 0; a < lines.length; a += 80) {
        const chunk = { symbol: symbols[i % symbols.length]!, content: lines.slice(a, a + 60).join('\n') };
        const path = ['src/http/router.ts', 'a/b/c/über-datei.test.tsx', 'README', 'x/.env.example'][
          i++ % 4
        ]!;
        for (const options of [OPTION_SETS[0]!, OPTION_SETS[3]!]) {
          expect(chunkTerms(path, chunk, DEFAULT_FIELD_WEIGHTS, options)).toEqual(
            refChunkTerms(path, chunk, options),
          );
        }
      }
    }
  });

  it('stays identical after its caches fill up and start afresh', () => {
    const options = OPTION_SETS[0]!;
    const words: string[] = [];
    for (let k = 0; k < 260_000; k++) words.push(`get${k.toString(36)}Value_${(k * 7919).toString(36)}Items`);
    for (let k = 0; k < words.length; k += 5_000) {
      const text = words.slice(k, k + 5_000).join(' ');
      expect(tokenize(text, options)).toEqual(refTokenize(text, options));
    }
  });
});

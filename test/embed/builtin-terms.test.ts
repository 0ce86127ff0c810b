import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findKebabWord, stemCodes } from '../../src/embed/builtin-ascii-terms.js';
import { TermTable } from '../../src/embed/builtin-term-table.js';
import { CachedTermMapper } from '../../src/embed/builtin-terms.js';
import {
  DEFAULT_TOKENIZER_OPTIONS,
  splitIdentifier,
  stem,
  tokenize,
  type TokenizerOptions,
} from '../../src/lexical/index.js';

const REPO = join(import.meta.dirname, '..', '..');
const sorted = (xs: string[]): string[] => [...xs].sort();

function termsViaMapper(text: string, mapper: CachedTermMapper, names: string[]): string[] {
  const out: string[] = [];
  mapper.forEach(text, (id) => out.push(names[id]!));
  return out;
}

/** A mapper that gives every term it is asked about a new id, and the list of names by id. */
function learningMapper(options: TokenizerOptions = DEFAULT_TOKENIZER_OPTIONS): {
  mapper: CachedTermMapper;
  names: string[];
} {
  const names: string[] = [];
  const ids = new Map<string, number>();
  const mapper = new CachedTermMapper(options, (t) => {
    if (!ids.has(t)) ids.set(t, names.push(t) - 1);
    return ids.get(t)!;
  });
  return { mapper, names };
}

/** Real source files nobody here wrote for this test: TypeScript, JavaScript, JSON, Markdown. */
function realTexts(): string[] {
  const dirs = [
    join(REPO, 'src', 'lexical'),
    join(REPO, 'src', 'chunk'),
    join(REPO, 'node_modules', 'zod', 'v4', 'core'),
    join(REPO, 'node_modules', 'typescript', 'lib'),
    join(REPO, 'node_modules', 'typescript', 'lib', 'ja'),
    join(REPO, 'node_modules', 'typescript', 'lib', 'ru'),
  ];
  const texts: string[] = [];
  for (const dir of dirs) {
    for (const name of readdirSync(dir)) {
      if (!/\.(ts|js|json|md)$/.test(name)) continue;
      const text = readFileSync(join(dir, name), 'utf8');
      for (let i = 0; i < text.length && i < 200_000; i += 4000) texts.push(text.slice(i, i + 4000));
    }
  }
  return texts;
}

const EDGE_CASES = [
  'parseHTTPResponse2 snake_case_name kebab-case-name $jquery _private __dunder__ 42abc x2y',
  'naïveCafé größeÄnderung über_alles 東京タワー ключЗначение 𝑥𝑦Var 1٢3 mixed٣digits ab𝟏 12𝟏 x😀y',
  'a-b c-d-e --flag foo--bar x-1 CSS-Class http://a-b.example/x-y a-b-cD-e a-B-c-d x-y_z é-a a-é',
  'studies classes running stopped buzzing falling kisses status analysis others ties dies flies',
  'HTTPServer XMLHttpRequest getURLs IOError ABCDef A1B2 __init__ $$ _ $ a_ _a a$b',
  'ΟΔΟΣ_Σοφία ΣΟΦΙΑσ İstanbulCity ǅemalAbc ǈubo ΑΒΓδεζ ÉCOLENormale Ⅻroman ²squared ﬁleNames _Ärger_ café2x',
];

/** A deterministic pseudo-random number generator (mulberry32). */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomText(next: () => number, alphabet: string, length: number): string {
  let s = '';
  for (let i = 0; i < length; i++) s += alphabet[Math.floor(next() * alphabet.length)]!;
  return s;
}

describe('built-in model terms', () => {
  it('yields exactly the lexical tokenizer terms, for code, prose and non-ASCII text', () => {
    const { mapper, names } = learningMapper();
    const texts = [...realTexts(), ...EDGE_CASES];
    expect(texts.length).toBeGreaterThan(200);
    for (const text of texts) {
      expect(sorted(termsViaMapper(text, mapper, names))).toEqual(sorted(tokenize(text)));
      // Cached identifiers give the same answer the second time.
      expect(sorted(termsViaMapper(text, mapper, names))).toEqual(sorted(tokenize(text)));
    }
  });

  it("yields the terms in the tokenizer's order, which fixes the order vectors are summed in", () => {
    const { mapper, names } = learningMapper();
    const next = random(11);
    const soup = Array.from({ length: 500 }, () => randomText(next, 'ÉéΣσİǅ٣Ⅻ²中_$ aBs1-é', 30));
    for (const text of [...realTexts().slice(0, 150), ...EDGE_CASES, ...soup]) {
      expect(termsViaMapper(text, mapper, names), JSON.stringify(text.slice(0, 80))).toEqual(tokenize(text));
    }
  });

  it('yields the tokenizer terms with stemming and stop words switched off', () => {
    const texts = [...realTexts().slice(0, 100), ...EDGE_CASES];
    for (const stem of [false, true]) {
      for (const stopWords of [false, true]) {
        const options = { stem, stopWords };
        const { mapper, names } = learningMapper(options);
        for (const text of texts) {
          expect(sorted(termsViaMapper(text, mapper, names))).toEqual(sorted(tokenize(text, options)));
        }
      }
    }
  });

  it('yields the tokenizer terms on random identifier soup', () => {
    const next = random(42);
    const { mapper, names } = learningMapper();
    const alphabets = [
      'aAbB_$1-',
      'abcXYZ019_-. ',
      'aeiouAEIOUsSnNgG dDrR',
      'aé-Ä1٣_ 𝑥b',
      'ÉéΣσİǅ٣Ⅻ²中_$ aBs1',
    ];
    for (let i = 0; i < 2000; i++) {
      const text = randomText(next, alphabets[i % alphabets.length]!, 1 + Math.floor(next() * 40));
      expect(sorted(termsViaMapper(text, mapper, names)), JSON.stringify(text)).toEqual(
        sorted(tokenize(text)),
      );
    }
  });

  it('finds kebab-case words exactly where the regular expression does', () => {
    const next = random(7);
    const kebab = /\b[a-z][a-z0-9]*(?:-[a-z][a-z0-9]*)+\b/g;
    const span = new Int32Array(2);
    for (let i = 0; i < 5000; i++) {
      const text = randomText(next, 'ab1-A_ .é-', Math.floor(next() * 30));
      const found: string[] = [];
      for (let from = 0; findKebabWord(text, from, span); from = span[1]!)
        found.push(text.slice(span[0], span[1]));
      expect(found, JSON.stringify(text)).toEqual([...text.matchAll(kebab)].map((m) => m[0]));
    }
  });

  it('stems split parts on char codes exactly like the tokenizer', () => {
    const words = new Set<string>();
    for (const text of realTexts()) {
      for (const m of text.matchAll(/[A-Za-z0-9_$]+/g))
        for (const part of splitIdentifier(m[0])) words.add(part);
    }
    for (const w of EDGE_CASES[3]!.split(' ')) words.add(w);
    expect(words.size).toBeGreaterThan(5000);
    const codes = new Uint16Array(128);
    for (const word of words) {
      if (word.length > 64) continue;
      for (let k = 0; k < word.length; k++) codes[k] = word.charCodeAt(k);
      const n = stemCodes(codes, word.length);
      expect(String.fromCharCode(...codes.subarray(0, n)), word).toBe(stem(word));
    }
  });

  it('looks terms up in a vocabulary table without asking for strings, dropping unknown terms', () => {
    const text = EDGE_CASES.join('\n') + readFileSync(join(REPO, 'src', 'lexical', 'tokenizer.ts'), 'utf8');
    const all = [...new Set(tokenize(text))];
    // Half of the terms are known, including one that is also a stop word after stemming.
    const known = all.filter((_, i) => i % 2 === 0);
    const vocabulary = new Map(known.map((t, i) => [t, i] as [string, number]));
    const mapper = new CachedTermMapper(DEFAULT_TOKENIZER_OPTIONS, TermTable.forVocabulary(vocabulary));
    const expected = sorted(tokenize(text).filter((t) => vocabulary.has(t)));
    expect(expected.length).toBeGreaterThan(100);
    for (let round = 0; round < 2; round++) {
      expect(sorted(termsViaMapper(text, mapper, known))).toEqual(expected);
      mapper.clear();
    }
  });

  it('drops terms the mapping rejects (out-of-vocabulary)', () => {
    const mapper = new CachedTermMapper(DEFAULT_TOKENIZER_OPTIONS, (t) => (t === 'json' ? 7 : -1));
    const out: number[] = [];
    mapper.forEach('parseJson(text); json(x)', (id) => out.push(id));
    expect(out).toEqual([7, 7]);
  });
});

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CachedTermMapper } from '../../src/embed/builtin-terms.js';
import { DEFAULT_TOKENIZER_OPTIONS, tokenize } from '../../src/lexical/index.js';

const sorted = (xs: string[]): string[] => [...xs].sort();

function termsViaMapper(text: string, mapper: CachedTermMapper, names: string[]): string[] {
  const out: string[] = [];
  mapper.forEach(text, (id) => out.push(names[id]!));
  return out;
}

describe('built-in model terms', () => {
  it('yields exactly the lexical tokenizer terms, for code, prose and non-ASCII text', () => {
    const names: string[] = [];
    const ids = new Map<string, number>();
    const mapper = new CachedTermMapper(DEFAULT_TOKENIZER_OPTIONS, (t) => {
      if (!ids.has(t)) ids.set(t, names.push(t) - 1);
      return ids.get(t)!;
    });
    const dir = join(import.meta.dirname, '..', '..', 'src', 'lexical');
    const texts = readdirSync(dir).map((f) => readFileSync(join(dir, f), 'utf8'));
    texts.push(
      'parseHTTPResponse2 snake_case_name kebab-case-name $jquery _private __dunder__ 42abc x2y',
      'naïveCafé größeÄnderung über_alles 東京タワー ключЗначение 𝑥𝑦Var 1٢3 mixed٣digits',
      'a-b c-d-e --flag foo--bar x-1 CSS-Class http://a-b.example/x-y',
    );
    for (const text of texts) {
      expect(sorted(termsViaMapper(text, mapper, names))).toEqual(sorted(tokenize(text)));
      // Cached identifiers give the same answer the second time.
      expect(sorted(termsViaMapper(text, mapper, names))).toEqual(sorted(tokenize(text)));
    }
  });

  it('drops terms the mapping rejects (out-of-vocabulary)', () => {
    const mapper = new CachedTermMapper(DEFAULT_TOKENIZER_OPTIONS, (t) => (t === 'json' ? 7 : -1));
    const out: number[] = [];
    mapper.forEach('parseJson(text); json(x)', (id) => out.push(id));
    expect(out).toEqual([7, 7]);
  });
});

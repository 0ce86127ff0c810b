/** Query expansion: synonyms, abbreviations and acronyms find code that uses other words. */
import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indexRepository } from '../../src/indexer/index.js';
import { DEFAULT_EXPANSION_WEIGHT, expandTerms } from '../../src/search/expansion.js';
import { analyzeQuery } from '../../src/search/query.js';
import { searchCode } from '../../src/search/index.js';
import { openStore, type Store } from '../../src/store/index.js';
import { makeRepo } from '../support/fixture-repo.js';

const weights = (query: string, weight?: number) =>
  new Map(expandTerms(analyzeQuery(query), weight).map((t) => [t.term, t.weight]));

describe('expandTerms', () => {
  it('adds the other words of a group at the expansion weight, keeping the query terms as they are', () => {
    const terms = weights('where are secrets masked in log records', 0.5);
    expect(terms.get('mask')).toBe(1);
    expect(terms.get('redact')).toBe(0.5);
    expect(terms.get('redaction')).toBe(0.5);
    expect(terms.get('secret')).toBe(1); // a query word is never down-weighted by its own group
  });

  it('turns a spelled-out acronym into the acronym, and an abbreviation into the word', () => {
    expect(weights('cache that evicts the least recently used entry').get('lru')).toBe(
      DEFAULT_EXPANSION_WEIGHT,
    );
    expect(weights('which ctx is passed to handlers').has('context')).toBe(true);
    // A phrase needs all of its words: "used" alone is not "least recently used".
    expect(weights('entries used by the parser').has('lru')).toBe(false);
  });

  it('leaves identifiers, queries without known words and weight 0 alone', () => {
    const symbol = analyzeQuery('deleteEntry');
    expect(expandTerms(symbol)).toBe(symbol.terms);
    const plain = analyzeQuery('zebra giraffe');
    expect(expandTerms(plain)).toBe(plain.terms);
    const off = analyzeQuery('remove the entry');
    expect(expandTerms(off, 0)).toBe(off.terms);
  });
});

describe('search with expansion', () => {
  let store: Store;
  let root: string;
  beforeAll(async () => {
    store = await openStore({ url: 'memory://' });
    root = await makeRepo({
      'lib/redaction.js': `export function redactPaths(record, paths) {\n  for (const p of paths) record[p] = '[REDACTED]';\n  return record;\n}\n`,
      'lib/fields.js': `export function pickFields(record, keep) {\n  return Object.fromEntries(keep.map((k) => [k, record[k]]));\n}\n`,
      'lib/sensitive.js': `export const SENSITIVE_DEFAULTS = ['password', 'token'];\n`,
      'lib/cache.js': `export class LruCache {\n  constructor(capacity) { this.capacity = capacity; this.map = new Map(); }\n  get(key) { const v = this.map.get(key); this.map.delete(key); this.map.set(key, v); return v; }\n}\n`,
      'lib/entry.js': `export function makeEntry(key, value) {\n  return { key, value, used: 0 };\n}\n`,
    });
    await indexRepository(store, { root, project: 'expansion', maxFileBytes: 1 << 20, workers: 0 });
  });
  afterAll(async () => {
    await store.close();
    await rm(root, { recursive: true, force: true });
  });

  const paths = async (query: string, expansion?: number) =>
    (
      await searchCode(store, {
        query,
        project: 'expansion',
        ...(expansion !== undefined ? { expansion } : {}),
      })
    ).results.map((r) => r.path);

  it('finds the redaction code for "masked", which the words of the query alone miss', async () => {
    const query = 'where are passwords masked';
    expect(await paths(query, 0)).toEqual(['lib/sensitive.js']);
    // The file that redacts is the answer: its name and symbol say so, once "masked" means redact.
    expect(await paths(query)).toEqual(['lib/redaction.js', 'lib/sensitive.js']);
  });

  it('finds the LRU cache for "least recently used", while the words of the query itself still count more', async () => {
    const query = 'least recently used entry';
    const plain = await paths(query, 0);
    expect(plain[0]).toBe('lib/entry.js');
    expect(plain).not.toContain('lib/cache.js');
    const expanded = await paths(query);
    expect(expanded[0]).toBe('lib/entry.js');
    expect(expanded).toContain('lib/cache.js');
  });

  it('widens a one-word query that no code contains to its related words, and says so', async () => {
    const masked = await searchCode(store, { query: 'masked', project: 'expansion' });
    expect(masked.results[0]?.path).toBe('lib/redaction.js');
    expect(masked.notice).toBe('No code contains "masked"; these results use related words.');
    // a name that is there is searched as it is
    const exact = await searchCode(store, { query: 'pickFields', project: 'expansion' });
    expect(exact.results.map((r) => r.path)).toEqual(['lib/fields.js']);
    expect(exact.notice).toBeUndefined();
    // and a word with neither itself nor a related word in the code finds nothing
    const none = await searchCode(store, { query: 'kubernetes', project: 'expansion' });
    expect(none.results).toEqual([]);
    // an identifier that is not there is not widened: it names what it wants
    const name = await searchCode(store, { query: 'maskedSecrets', project: 'expansion' });
    expect(name.results).toEqual([]);
  });
});

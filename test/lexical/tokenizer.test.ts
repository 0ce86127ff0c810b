import { describe, expect, it } from 'vitest';
import { chunkTerms, splitIdentifier, stem, tokenize } from '../../src/lexical/index.js';

describe('splitIdentifier', () => {
  it.each([
    ['parseArgs', ['parse', 'args']],
    ['HTTPAdapter', ['http', 'adapter']],
    ['XMLHttpRequest', ['xml', 'http', 'request']],
    ['snake_case_name', ['snake', 'case', 'name']],
    ['getV2Config', ['get', 'v', '2', 'config']],
    ['utf8', ['utf', '8']],
    ['__init__', ['init']],
    ['IOError', ['io', 'error']],
  ])('splits %s', (input, parts) => {
    expect(splitIdentifier(input)).toEqual(parts);
  });
});

describe('tokenize', () => {
  it('keeps the original compound identifier next to its parts', () => {
    const terms = tokenize('parseHTTPResponse');
    expect(terms).toContain('parsehttpresponse');
    expect(terms).toEqual(expect.arrayContaining([stem('parse'), 'http', stem('response')]));
  });

  it('splits snake_case, kebab-case and Foo::bar the same way on both sides', () => {
    expect(tokenize('read_config_file')).toEqual(
      expect.arrayContaining(['read_config_file', 'read', stem('config'), stem('file')]),
    );
    expect(tokenize('--dry-run')).toEqual(expect.arrayContaining(['dry', 'run', 'dry-run']));
    expect(tokenize('Router::handle')).toEqual(expect.arrayContaining([stem('router'), stem('handle')]));
  });

  it('drops stop words and single characters but keeps meaningful code words', () => {
    const terms = tokenize('how does the router handle a request for x');
    expect(terms).not.toContain('the');
    expect(terms).not.toContain('how');
    expect(terms).not.toContain('x');
    expect(terms).toEqual([stem('router'), stem('handle'), stem('request')]);
  });

  it('folds plural and verb forms so questions meet identifiers', () => {
    expect(stem('handlers')).toBe(stem('handler'));
    expect(stem('parsing')).toBe(stem('parse'));
    expect(stem('retries')).toBe(stem('retry'));
    expect(stem('connected')).toBe(stem('connect'));
  });

  it('handles non-ASCII identifiers without throwing', () => {
    expect(tokenize('größeBerechnen naïveCafé')).toEqual(
      expect.arrayContaining(['größeberechnen', 'berechnen', 'café']),
    );
  });
});

describe('chunkTerms', () => {
  it('weights the defined symbol and the file name above body mentions', () => {
    const { terms, length } = chunkTerms('src/http/router.ts', {
      symbol: 'Router.handle',
      content: 'handle(req) { return dispatch(req) }',
    });
    const tf = new Map(terms.map((t) => [t.term, t.tf]));
    expect(tf.get(stem('handle'))).toBe(1 + 3); // body + symbol
    expect(tf.get(stem('router'))).toBe(1 + 2); // container + file name
    expect(tf.get('http')).toBe(1); // folder
    expect(length).toBe(terms.reduce((s, t) => s + t.tf, 0));
  });
});

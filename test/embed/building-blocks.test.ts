/**
 * The pure parts: retry timing, batch planning, truncation, prefixes, vectors.
 */
import { describe, expect, it } from 'vitest';
import { planBatches, truncateText } from '../../src/embed/batching.js';
import { normaliseModelName, prefixesFor } from '../../src/embed/index.js';
import { backoffDelay, parseRetryAfter } from '../../src/embed/retry.js';
import { VectorProblem, toUnitVector } from '../../src/embed/vectors.js';

describe('Retry-After', () => {
  const now = Date.parse('2025-06-01T12:00:00Z');
  const read = (headers: Record<string, string>) => parseRetryAfter(new Headers(headers), now, 60_000);

  it('reads seconds, fractional seconds, HTTP dates and retry-after-ms', () => {
    expect(read({ 'retry-after': '7' })).toBe(7_000);
    expect(read({ 'retry-after': '0.25' })).toBe(250);
    expect(read({ 'retry-after': 'Sun, 01 Jun 2025 12:00:30 GMT' })).toBe(30_000);
    expect(read({ 'retry-after-ms': '1500', 'retry-after': '9' })).toBe(1_500);
  });

  it('caps long waits, floors dates in the past at zero and ignores nonsense', () => {
    expect(read({ 'retry-after': '3600' })).toBe(60_000);
    expect(read({ 'retry-after': 'Sun, 01 Jun 2025 11:00:00 GMT' })).toBe(0);
    expect(read({ 'retry-after': 'soon' })).toBeNull();
    expect(read({})).toBeNull();
  });
});

describe('backoff', () => {
  it('doubles the ceiling per retry up to the cap, with full jitter', () => {
    expect([0, 1, 2, 3].map((n) => backoffDelay(n, () => 0.999))).toEqual([499, 999, 1998, 3996]);
    expect(backoffDelay(10, () => 0.999)).toBe(19_980);
    expect(backoffDelay(3, () => 0)).toBe(0);
  });
});

describe('planBatches', () => {
  it('splits by count and by characters, keeps order, and lets one huge text go alone', () => {
    const texts = ['aaaa', 'bb', 'cccccccccc', 'd', 'e', 'f'];
    const batches = planBatches(texts, 3, 8);
    expect(batches.map((b) => [b.start, ...b.texts])).toEqual([
      [0, 'aaaa', 'bb'],
      [2, 'cccccccccc'],
      [3, 'd', 'e', 'f'],
    ]);
  });

  it('10,000 chunks at the default batch size of 64 take 157 requests instead of 10,000', () => {
    const chunks = Array.from({ length: 10_000 }, (_, i) => `chunk ${i} `.repeat(60)); // ~600-700 chars
    expect(planBatches(chunks, 64, 100_000)).toHaveLength(157);
  });
});

describe('truncateText', () => {
  it('cuts to the limit without splitting a surrogate pair', () => {
    expect(truncateText('abcdef', 4)).toBe('abcd');
    expect(truncateText('ab😀cd', 3)).toBe('ab');
    expect(truncateText('short', 100)).toBe('short');
  });
});

describe('prefixes', () => {
  it('knows nomic-embed-text under its Ollama, Hugging Face and LM Studio names', () => {
    for (const name of [
      'nomic-embed-text',
      'nomic-embed-text:latest',
      'nomic-ai/nomic-embed-text-v1.5',
      'text-embedding-nomic-embed-text-v1.5',
    ]) {
      expect(prefixesFor(name)).toEqual({ document: 'search_document: ', query: 'search_query: ' });
    }
  });

  it('prefixes only queries for mxbai-embed-large, both sides for e5, nothing for unknown models', () => {
    expect(prefixesFor('mxbai-embed-large:335m')).toEqual({
      document: '',
      query: 'Represent this sentence for searching relevant passages: ',
    });
    expect(prefixesFor('intfloat/multilingual-e5-large')).toEqual({
      document: 'passage: ',
      query: 'query: ',
    });
    expect(prefixesFor('text-embedding-3-small')).toEqual({ document: '', query: '' });
    expect(prefixesFor('bge-m3')).toEqual({ document: '', query: '' });
    expect(normaliseModelName('Org/Model-X:Q4')).toBe('model-x');
  });
});

describe('toUnitVector', () => {
  it('scales to unit length', () => {
    expect(Array.from(toUnitVector([3, 4]) as Float32Array)).toEqual([0.6000000238418579, 0.800000011920929]);
  });

  it('refuses NaN, Infinity, non-numbers, empty and zero vectors', () => {
    for (const bad of [[1, NaN], [Infinity, 1], [1, '2'], [], [0, 0], 'nope']) {
      expect(toUnitVector(bad)).toBeInstanceOf(VectorProblem);
    }
  });
});

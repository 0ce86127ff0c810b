/**
 * TEST DOUBLE. A deterministic "embedder" by feature hashing: every term of the shared tokenizer is
 * hashed to one of N dimensions with a hashed sign, and the counts are scaled to unit length.
 *
 * It exists so tests (and the fake embedding servers) get stable vectors in which texts sharing
 * words point the same way, without a model. It knows nothing about meaning: synonyms,
 * paraphrases and cross-language matches are invisible to it. Never ship it, never benchmark
 * retrieval quality with it, never describe results obtained with it as semantic search.
 */
import { tokenize } from '../../src/lexical/index.js';
import type { Embedder } from '../../src/embed/index.js';

/** FNV-1a, 32 bits. */
function fnv1a(text: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** The hashed vector of `text`, unit length, as plain numbers (what a JSON API would send). */
export function hashingVector(text: string, dimensions: number): number[] {
  const v = new Array<number>(dimensions).fill(0);
  const terms = tokenize(text);
  // A text without terms (empty, punctuation) still gets a direction, like a real model would.
  if (terms.length === 0) terms.push('\u0000empty');
  for (const term of terms) {
    const h = fnv1a(term);
    v[h % dimensions]! += (fnv1a(term, 0x9747b28c) & 1) === 0 ? 1 : -1;
  }
  let norm = Math.hypot(...v);
  if (norm === 0) {
    // Terms cancelled out exactly: fall back to a fixed direction.
    v[fnv1a(text) % dimensions] = 1;
    norm = 1;
  }
  return v.map((x) => x / norm);
}

/** The test double as an Embedder (`provider: 'hashing'`). */
export function createHashingEmbedder(dimensions = 64): Embedder & { calls: number } {
  const embedder = {
    provider: 'hashing',
    model: `hashing-${dimensions}`,
    id: `hashing:hashing-${dimensions}`,
    calls: 0,
    dimensions: () => dimensions,
    probe: async () => {},
    async embedDocuments(texts: readonly string[]) {
      embedder.calls++;
      return texts.map((t) => Float32Array.from(hashingVector(t, dimensions)));
    },
    async embedQuery(text: string) {
      embedder.calls++;
      return Float32Array.from(hashingVector(text, dimensions));
    },
  };
  return embedder;
}

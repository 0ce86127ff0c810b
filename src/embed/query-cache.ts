/**
 * A bounded LRU cache in front of `embedQuery`: assistants repeat and refine the same queries, and a
 * round trip to the provider costs tens of milliseconds (or money). Documents are never cached here.
 */
import type { Embedder } from './embedder.js';

/**
 * Wraps `embedder` so the last `size` distinct queries are answered from memory. Each caller gets
 * its own copy of the vector. Failures are not cached. `size <= 0` returns `embedder` unchanged.
 */
export function withQueryCache(embedder: Embedder, size: number): Embedder {
  if (size <= 0) return embedder;
  // A Map iterates in insertion order: re-inserting on a hit makes the first key the least recent.
  const cache = new Map<string, Float32Array>();
  return {
    get provider() {
      return embedder.provider;
    },
    get model() {
      return embedder.model;
    },
    get id() {
      return embedder.id;
    },
    local: embedder.local === true,
    ...(embedder.worker ? { worker: embedder.worker } : {}),
    dimensions: () => embedder.dimensions(),
    probe: (signal) => embedder.probe(signal),
    embedDocuments: (texts, signal) => embedder.embedDocuments(texts, signal),
    async embedQuery(text, signal) {
      const hit = cache.get(text);
      if (hit !== undefined) {
        cache.delete(text);
        cache.set(text, hit);
        return hit.slice();
      }
      const vector = await embedder.embedQuery(text, signal);
      cache.set(text, vector.slice());
      if (cache.size > size) cache.delete(cache.keys().next().value!);
      return vector;
    },
  };
}

/**
 * Terms are stored as 53-bit integer hashes (cyrb53) instead of text: fixed-width keys make the
 * postings index smaller and comparisons cheaper (see docs/notes/store.md for the measurements).
 * 53 bits fit a JavaScript number exactly, so no BigInt is needed; with a million distinct terms
 * the chance of any collision is about 1 in 18,000, and a collision only merges two terms' scores.
 *
 * The function is part of the on-disk format: changing it requires a migration that reindexes.
 */
export function termHash(term: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < term.length; i++) {
    const ch = term.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

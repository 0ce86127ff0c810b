/** Candidates for ranking tests: a TypeScript function (or code when unnamed) with a fresh id. */
import type { ChunkHit } from '../../src/store/index.js';

let id = 0;

export const hit = (path: string, symbol: string | null, score: number): ChunkHit => ({
  chunkId: ++id,
  repositoryId: 1,
  path,
  language: 'typescript',
  startLine: id,
  endLine: id + 10,
  kind: symbol ? 'function' : 'code',
  symbol,
  score,
});

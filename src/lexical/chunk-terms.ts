/**
 * The indexed terms of a chunk: one bag of words with field weights (a BM25F-style shortcut).
 * Body terms count once; the chunk's own symbol name counts `symbol` times (so a chunk that
 * defines `parseArgs` outranks one that merely calls it); the file name and its folders count
 * `path` times (so `router.ts` answers "router").
 */
import type { Chunk } from '../core/index.js';
import { addTermFrequencies, DEFAULT_TOKENIZER_OPTIONS, type TokenizerOptions } from './tokenizer.js';

export interface FieldWeights {
  readonly body: number;
  /** Last component of the qualified symbol (`handle` in `Router.handle`). */
  readonly symbol: number;
  /** Enclosing components of the qualified symbol (`Router`). */
  readonly container: number;
  /** File name without extension. */
  readonly fileName: number;
  /** The folders of the path (nearest two). */
  readonly folders: number;
}

export const DEFAULT_FIELD_WEIGHTS: FieldWeights = Object.freeze({
  body: 1,
  symbol: 3,
  container: 1,
  fileName: 2,
  folders: 1,
});

export interface ChunkTerms {
  readonly terms: { term: string; tf: number }[];
  /** Document length for BM25 normalisation. */
  readonly length: number;
}

export function chunkTerms(
  path: string,
  chunk: Pick<Chunk, 'symbol' | 'content'>,
  weights: FieldWeights = DEFAULT_FIELD_WEIGHTS,
  options: TokenizerOptions = DEFAULT_TOKENIZER_OPTIONS,
): ChunkTerms {
  const tf = new Map<string, number>();
  addTermFrequencies(tf, chunk.content, weights.body, options);
  if (chunk.symbol) {
    const parts = chunk.symbol.split(/\.|::|#|>/).filter(Boolean);
    const last = parts.pop();
    if (last) addTermFrequencies(tf, last, weights.symbol, options);
    if (parts.length > 0) addTermFrequencies(tf, parts.join(' '), weights.container, options);
  }
  const segments = path.split('/');
  const fileName = segments.pop() ?? '';
  addTermFrequencies(tf, fileName.replace(/\.[^.]*$/, ''), weights.fileName, options);
  const folders = segments.slice(-2).join(' ');
  if (folders) addTermFrequencies(tf, folders, weights.folders, options);

  let length = 0;
  const terms: { term: string; tf: number }[] = [];
  for (const [term, n] of tf) {
    terms.push({ term, tf: n });
    length += n;
  }
  return { terms, length };
}

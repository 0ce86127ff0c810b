/** Small builders for store writes, so tests state only what matters to them. */
import { createHash } from 'node:crypto';
import type { Language } from '../../src/core/index.js';
import { termVector, type ChunkWrite, type FileWrite } from '../../src/store/index.js';

export function chunk(
  startLine: number,
  terms: Record<string, number>,
  options: { content?: string; symbol?: string | null; endLine?: number; length?: number } = {},
): ChunkWrite {
  const content = options.content ?? Object.keys(terms).join(' ');
  const length = options.length ?? Object.values(terms).reduce((a, b) => a + b, 0);
  return {
    startLine,
    endLine: options.endLine ?? startLine + 1,
    kind: 'function',
    symbol: options.symbol ?? null,
    content,
    hash: createHash('sha256').update(content).digest('hex'),
    length,
    terms: termVector(Object.entries(terms).map(([term, tf]) => ({ term, tf }))),
  };
}

export function file(path: string, chunks: ChunkWrite[], language: Language = 'typescript'): FileWrite {
  return {
    path,
    hash: createHash('sha256')
      .update(chunks.map((c) => c.content).join('\n'))
      .digest('hex'),
    size: chunks.reduce((n, c) => n + c.content.length, 0),
    changedMs: 1_700_000_000_000,
    language,
    chunks,
  };
}

/** Okapi BM25 for one term, written out as in the textbook, to check the SQL against. */
export function bm25Term(
  tf: number,
  dl: number,
  stats: { n: number; df: number; avgdl: number; k1: number; b: number; weight?: number },
): number {
  const idf = Math.log(1 + (stats.n - stats.df + 0.5) / (stats.df + 0.5));
  const norm = stats.k1 * (1 - stats.b + (stats.b * dl) / stats.avgdl);
  return (stats.weight ?? 1) * idf * ((tf * (stats.k1 + 1)) / (tf + norm));
}

export function unit(values: number[]): Float32Array {
  const norm = Math.hypot(...values);
  return Float32Array.from(values.map((v) => v / norm));
}

/** A deterministic vector per chunk content: texts in the same "topic" point the same way. */
export function vectorOf(content: string, dims = 4): Float32Array {
  const v = new Array<number>(dims).fill(0.05);
  for (let i = 0; i < content.length; i++) v[content.charCodeAt(i) % dims]! += 1;
  return unit(v);
}

export function cosine(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  for (let i = 0; i < a.length; i++) dot += a[i]! * b[i]!;
  return dot / (Math.hypot(...a) * Math.hypot(...b));
}

let counter = 0;
/** A name no other test in this process uses (tests share a store and isolate by project). */
export const unique = (prefix: string): string => `${prefix}-${process.pid}-${++counter}`;

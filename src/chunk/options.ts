/** Chunker options and their defaults (see docs/notes/chunk.md for why these numbers). */
import type { Logger } from '../core/index.js';

export interface ChunkerOptions {
  /** Most lines in one chunk; larger definitions split at children or statements. Default 120. */
  readonly maxChunkLines?: number;
  /** Most characters in one chunk (≈ 1 token per 3–4 chars). Default 4000. */
  readonly maxChunkChars?: number;
  /**
   * Constants shorter than this merge with neighbouring code, windows' tails shorter than this join
   * the window before, and markdown sections with fewer content lines merge into their first
   * subsection. Default 5.
   */
  readonly minChunkLines?: number;
  /** Lines per fallback window (text without a grammar). Default 60. */
  readonly windowLines?: number;
  /** Lines shared by consecutive fallback windows. Default 10. */
  readonly windowOverlap?: number;
  /** Directory holding `tree-sitter-<grammar>.wasm`; default: the `tree-sitter-wasms` package. */
  readonly logger?: Logger;
}

export interface ResolvedChunkerOptions {
  readonly maxChunkLines: number;
  readonly maxChunkChars: number;
  readonly minChunkLines: number;
  readonly windowLines: number;
  readonly windowOverlap: number;
}

export const DEFAULT_CHUNKER_OPTIONS: ResolvedChunkerOptions = Object.freeze({
  maxChunkLines: 120,
  maxChunkChars: 4000,
  minChunkLines: 5,
  windowLines: 60,
  windowOverlap: 10,
});

export function resolveOptions(options: ChunkerOptions): ResolvedChunkerOptions {
  const pick = (value: number | undefined, fallback: number, min: number): number =>
    value === undefined || !Number.isFinite(value) ? fallback : Math.max(min, Math.floor(value));
  const windowLines = pick(options.windowLines, DEFAULT_CHUNKER_OPTIONS.windowLines, 1);
  return Object.freeze({
    maxChunkLines: pick(options.maxChunkLines, DEFAULT_CHUNKER_OPTIONS.maxChunkLines, 1),
    maxChunkChars: pick(options.maxChunkChars, DEFAULT_CHUNKER_OPTIONS.maxChunkChars, 1),
    minChunkLines: pick(options.minChunkLines, DEFAULT_CHUNKER_OPTIONS.minChunkLines, 1),
    windowLines,
    windowOverlap: Math.min(
      windowLines - 1,
      pick(options.windowOverlap, DEFAULT_CHUNKER_OPTIONS.windowOverlap, 0),
    ),
  });
}

/** What the per-language chunker tests share: the fixtures folder, a compact view of chunks, and chunkers per block. */
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect } from 'vitest';
import { createChunker } from '../../src/chunk/index.js';
import type { Chunker } from '../../src/chunk/index.js';
import type { Language } from '../../src/core/index.js';

/** `start-end kind symbol` per chunk: compact and readable in a failure diff. */
export type Row = string;

export const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));

export function rows(chunker: Chunker, language: Language, text: string): Row[] {
  return chunker
    .chunkSync('x', language, text)
    .map((c) => `${c.startLine}-${c.endLine} ${c.kind} ${c.symbol}`);
}

/**
 * Loads `languages` into a default chunker and one that splits at 4 lines before a block's tests,
 * hands both to `use`, and closes them after the block.
 */
export function withChunkers(
  languages: readonly Language[],
  use: (whole: Chunker, split: Chunker) => void,
): void {
  let whole: Chunker | undefined;
  let split: Chunker | undefined;
  beforeAll(async () => {
    whole = await createChunker();
    split = await createChunker({ maxChunkLines: 4 });
    for (const chunker of [whole, split]) {
      for (const language of languages) expect(await chunker.load(language)).toBe(true);
    }
    use(whole, split);
  });
  afterAll(() => {
    whole?.close();
    split?.close();
  });
}

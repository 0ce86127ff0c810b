/**
 * Rebuilds a file's text from its indexed chunks, so results can be expanded and files read even
 * where the checkout is not mounted. Chunk content holds whole lines `startLine..endLine`; chunks
 * may nest or overlap, and lines no chunk covers (blank stretches between definitions) are gaps.
 */
import type { StoredChunk } from '../../store/index.js';

export interface IndexedFile {
  /** Last line any chunk covers: the file's length as far as the index knows. */
  readonly lastLine: number;
  /** Text of line `n` (1-based), or undefined when no chunk covers it. */
  line(n: number): string | undefined;
}

export function indexedFile(chunks: readonly StoredChunk[]): IndexedFile {
  const lines = new Map<number, string>();
  let lastLine = 0;
  for (const chunk of chunks) {
    const parts = chunk.content.split('\n');
    for (let i = 0; i < parts.length && chunk.startLine + i <= chunk.endLine; i++) {
      const n = chunk.startLine + i;
      if (!lines.has(n)) lines.set(n, parts[i]!);
    }
    lastLine = Math.max(lastLine, chunk.endLine);
  }
  return { lastLine, line: (n) => lines.get(n) };
}

/**
 * Lines `from..to` joined with newlines; uncovered lines are empty, which is what they almost
 * always are (the chunker only leaves blank lines and stray separators out).
 */
export function textOf(file: IndexedFile, from: number, to: number): { text: string; gaps: number } {
  const out: string[] = [];
  let gaps = 0;
  for (let n = from; n <= to; n++) {
    const line = file.line(n);
    if (line === undefined) gaps++;
    out.push(line ?? '');
  }
  return { text: out.join('\n'), gaps };
}

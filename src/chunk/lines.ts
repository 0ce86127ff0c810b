/**
 * Line bookkeeping shared by every chunking strategy: rows are 0-based here and become 1-based
 * only when a `Chunk` is built. `\r\n` and `\n` both end a line, so CRLF files keep the line
 * numbers an editor shows, and chunk content never carries the `\r`.
 */
import type { Chunk, ChunkKind } from '../core/index.js';

export class LineTable {
  readonly lines: readonly string[];
  /** `offsets[i]` = characters before row i, counting one newline per row; length = rows + 1. */
  private readonly offsets: Int32Array;

  constructor(text: string) {
    const lines = text.split(/\r?\n/);
    // A trailing newline does not open another line.
    if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
    this.lines = lines;
    this.offsets = new Int32Array(lines.length + 1);
    for (let i = 0; i < lines.length; i++) this.offsets[i + 1] = this.offsets[i]! + lines[i]!.length + 1;
  }

  get count(): number {
    return this.lines.length;
  }

  isBlank(row: number): boolean {
    return (this.lines[row] ?? '').trim() === '';
  }

  /** Characters of rows a..b inclusive, joined by `\n`. */
  chars(a: number, b: number): number {
    return this.offsets[b + 1]! - this.offsets[a]! - 1;
  }

  /** First non-blank row at or after `a` (≤ b), or -1. */
  firstContent(a: number, b: number): number {
    for (let r = a; r <= b; r++) if (!this.isBlank(r)) return r;
    return -1;
  }

  /** Last non-blank row at or before `b` (≥ a), or -1. */
  lastContent(a: number, b: number): number {
    for (let r = b; r >= a; r--) if (!this.isBlank(r)) return r;
    return -1;
  }

  chunk(a: number, b: number, kind: ChunkKind, symbol: string | null): Chunk {
    return {
      startLine: a + 1,
      endLine: b + 1,
      kind,
      symbol,
      content: this.lines.slice(a, b + 1).join('\n'),
    };
  }
}

/** Size limits a chunk must respect (a single over-long line is the only exception). */
export interface SizeLimits {
  readonly maxLines: number;
  readonly maxChars: number;
}

export function fits(table: LineTable, a: number, b: number, limits: SizeLimits): boolean {
  return b - a + 1 <= limits.maxLines && table.chars(a, b) <= limits.maxChars;
}

/**
 * Splits rows a..b into consecutive pieces within the limits, cutting before a row of `boundaries`
 * (statement starts) when one lies in the back half of the piece, else at the limit. A tail shorter
 * than `minTail` rows joins the piece before it. Pieces are trimmed of blank edge rows; blank-only
 * pieces vanish.
 */
export function splitRows(
  table: LineTable,
  a: number,
  b: number,
  limits: SizeLimits,
  boundaries: readonly number[] = [],
  minTail = 1,
): Array<[number, number]> {
  const cuts = new Set(boundaries);
  const pieces: Array<[number, number]> = [];
  let cur = a;
  while (cur <= b) {
    let end = cur;
    while (end < b && end + 1 - cur + 1 <= limits.maxLines && table.chars(cur, end + 1) <= limits.maxChars)
      end++;
    if (end < b) {
      for (let r = end + 1; r > cur + Math.floor((end - cur + 1) / 2); r--) {
        if (cuts.has(r)) {
          end = r - 1;
          break;
        }
      }
    }
    pieces.push([cur, end]);
    cur = end + 1;
  }
  if (pieces.length > 1) {
    const last = pieces[pieces.length - 1]!;
    if (last[1] - last[0] + 1 < minTail) {
      pieces.pop();
      pieces[pieces.length - 1]![1] = last[1];
    }
  }
  const out: Array<[number, number]> = [];
  for (const [s, e] of pieces) {
    const fs = table.firstContent(s, e);
    if (fs < 0) continue;
    out.push([fs, table.lastContent(s, e)]);
  }
  return out;
}

/** Options of fallback line windows. */
export interface WindowOptions extends SizeLimits {
  /** Lines per window. */
  readonly windowLines: number;
  /** Lines shared by consecutive windows. */
  readonly windowOverlap: number;
}

/** Overlapping line windows over the whole file: the fallback for text without a grammar. */
export function windowChunks(table: LineTable, options: WindowOptions): Chunk[] {
  const chunks: Chunk[] = [];
  const size = Math.max(1, Math.min(options.windowLines, options.maxLines));
  const step = Math.max(1, size - Math.max(0, options.windowOverlap));
  const last = table.count - 1;
  let cur = 0;
  while (cur <= last) {
    let end = Math.min(last, cur + size - 1);
    while (end > cur && table.chars(cur, end) > options.maxChars) end--;
    const s = table.firstContent(cur, end);
    if (s >= 0) chunks.push(table.chunk(s, table.lastContent(cur, end), 'window', null));
    if (end >= last) break;
    // Overlap only when the window was full-sized; a char-limited window just moves on.
    cur = end - cur + 1 >= size ? cur + step : end + 1;
  }
  return chunks;
}

/** Offsets of row starts in `text` itself (a CRLF row is one character longer than in a `LineTable`). */
export function rowOffsets(text: string): number[] {
  const offsets = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) offsets.push(i + 1);
  return offsets;
}

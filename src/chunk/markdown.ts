/**
 * Markdown: one chunk per section, named by its heading path (`Install > Docker`). A section too
 * small to stand alone merges into the subsection that follows it; a large one is split at
 * paragraph starts. Headings inside fenced code blocks are not headings.
 */
import type { Chunk } from '../core/index.js';
import { fits, splitRows } from './lines.js';
import type { LineTable } from './lines.js';
import type { SegmentOptions } from './segment.js';

interface Heading {
  readonly row: number;
  readonly level: number;
  readonly title: string;
}

const ATX = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const SETEXT = /^ {0,3}(=+|-+)[ \t]*$/;

function headings(table: LineTable): Heading[] {
  const out: Heading[] = [];
  let fence: string | null = null;
  for (let row = 0; row < table.count; row++) {
    const line = table.lines[row]!;
    const f = FENCE.exec(line);
    if (f) {
      if (fence === null) fence = f[1]![0]!.repeat(f[1]!.length);
      else if (f[1]!.startsWith(fence)) fence = null;
      continue;
    }
    if (fence !== null) continue;
    const atx = ATX.exec(line);
    if (atx) {
      out.push({ row, level: atx[1]!.length, title: (atx[2] ?? '').trim() });
      continue;
    }
    const next = table.lines[row + 1];
    const setext = next === undefined ? null : SETEXT.exec(next);
    if (
      setext &&
      line.trim() !== '' &&
      !/^ {0,3}([-*+>]|\d+[.)])\s/.test(line) &&
      out.at(-1)?.row !== row - 1
    ) {
      out.push({ row, level: setext[1]!.startsWith('=') ? 1 : 2, title: line.trim() });
      row++;
    }
  }
  return out;
}

export function markdownChunks(table: LineTable, options: SegmentOptions): Chunk[] {
  const heads = headings(table);
  const sections: Array<{ start: number; end: number; symbol: string | null; level: number }> = [];
  const path: Heading[] = [];
  const first = heads[0]?.row ?? table.count;
  if (first > 0) sections.push({ start: 0, end: first - 1, symbol: null, level: 0 });
  heads.forEach((h, i) => {
    while (path.length > 0 && path[path.length - 1]!.level >= h.level) path.pop();
    path.push(h);
    const end = (heads[i + 1]?.row ?? table.count) - 1;
    sections.push({ start: h.row, end, symbol: path.map((p) => p.title).join(' > '), level: h.level });
  });

  const chunks: Chunk[] = [];
  let carry: number | null = null; // start row of a small section waiting for its first subsection
  sections.forEach((section, i) => {
    const start = carry ?? section.start;
    carry = null;
    const s = table.firstContent(start, section.end);
    if (s < 0) return;
    const e = table.lastContent(start, section.end);
    const next = sections[i + 1];
    let content = 0;
    for (let r = s; r <= e; r++) if (!table.isBlank(r)) content++;
    if (
      next &&
      next.level > section.level &&
      content < options.minLines &&
      fits(table, s, next.end, options)
    ) {
      carry = s;
      return;
    }
    if (fits(table, s, e, options)) {
      chunks.push(table.chunk(s, e, 'section', section.symbol));
      return;
    }
    const paragraphs: number[] = [];
    for (let r = s + 1; r <= e; r++) if (table.isBlank(r - 1) && !table.isBlank(r)) paragraphs.push(r);
    for (const [a, b] of splitRows(table, s, e, options, paragraphs, options.minLines)) {
      chunks.push(table.chunk(a, b, 'section', section.symbol));
    }
  });
  return chunks;
}

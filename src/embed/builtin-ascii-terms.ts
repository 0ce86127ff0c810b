/**
 * The lexical tokenizer's terms of one ASCII identifier, computed on UTF-16 code units without
 * regular expressions or strings: `splitIdentifier` (the `PARTS_ASCII` pattern over the pieces
 * between `_`/`$`), the lower-cased compound, `stem` and the stop-word and length rules of
 * `forEachTerm`, each reproduced exactly (tests compare them with the tokenizer on real code).
 */
import type { TokenizerOptions } from '../lexical/index.js';
import type { TermTable } from './builtin-term-table.js';

const MAX_TERM_LENGTH = 64;
// 1 = A–Z, 2 = a–z, 3 = 0–9; 0 = `_`, `$` (piece separators) and everything else. One entry per
// UTF-16 code unit, so a lookup is never out of bounds (which would cost a deoptimisation).
const CLASS = new Uint8Array(0x10000);
for (let c = 65; c <= 90; c++) CLASS[c] = 1;
for (let c = 97; c <= 122; c++) CLASS[c] = 2;
for (let c = 48; c <= 57; c++) CLASS[c] = 3;

const D = 100;
const E = 101;
const G = 103;
const I = 105;
const L = 108;
const N = 110;
const R = 114;
const S = 115;
const U = 117;
const Y = 121;
const Z = 122;

/** Reusable buffers for {@link asciiIdentifierTerms}. */
export class AsciiTermScratch {
  codes = new Uint16Array(MAX_TERM_LENGTH + 2);
  parts = new Int32Array(64);
  /** `[start, end)` of a kebab-case word. */
  readonly span = new Int32Array(2);
  /** Output: term ids in `ids[0..count)`. */
  ids = new Int32Array(64);
  count = 0;

  push(id: number): void {
    if (this.count === this.ids.length) {
      const next = new Int32Array(this.ids.length * 2);
      next.set(this.ids);
      this.ids = next;
    }
    this.ids[this.count++] = id;
  }
}

/**
 * Puts into `scratch.ids[0..scratch.count)` the ids of the kept terms of the ASCII identifier
 * `text[start, start + length)`, in `forEachTerm`'s order: the compound first (when the
 * identifier has several parts), then each part, stemmed.
 */
export function asciiIdentifierTerms(
  text: string,
  start: number,
  length: number,
  table: TermTable,
  options: TokenizerOptions,
  scratch: AsciiTermScratch,
): void {
  scratch.count = 0;
  const end = start + length;
  let parts = scratch.parts;
  let n = 0;
  let p = start;
  while (p < end) {
    const kind = CLASS[text.charCodeAt(p)]!;
    let q = p + 1;
    if (kind === 0) {
      p = q;
      continue;
    }
    if (kind === 1) {
      while (q < end && CLASS[text.charCodeAt(q)] === 1) q++;
      if (q < end && CLASS[text.charCodeAt(q)] === 2) {
        // `HTTPResponse` → `HTTP` + `Response`; `Response` → upper + lower run.
        if (q - 1 > p) q--;
        else while (q < end && CLASS[text.charCodeAt(q)] === 2) q++;
      }
    } else {
      while (q < end && CLASS[text.charCodeAt(q)] === kind) q++;
    }
    if (n + 2 > parts.length) {
      const next = new Int32Array(parts.length * 2);
      next.set(parts);
      scratch.parts = parts = next;
    }
    parts[n++] = p;
    parts[n++] = q;
    p = q;
  }
  const codes = scratch.codes;
  if (n > 2) {
    // The compound, lower-cased, without leading/trailing `_`/`$`; never stemmed.
    let s = start;
    let e = end;
    while (s < e && CLASS[text.charCodeAt(s)] === 0) s++;
    while (e > s && CLASS[text.charCodeAt(e - 1)] === 0) e--;
    const len = e - s;
    if (len >= 2 && len <= MAX_TERM_LENGTH) {
      for (let k = 0; k < len; k++) codes[k] = lower(text.charCodeAt(s + k));
      const slot = table.lookup(codes, len);
      if (!(options.stopWords && table.isStopWord(slot))) {
        const id = table.idAt(slot);
        if (id >= 0) scratch.push(id);
      }
    }
  }
  for (let k = 0; k < n; k += 2) {
    const s = parts[k]!;
    const len = parts[k + 1]! - s;
    if (len < 2 || len > MAX_TERM_LENGTH) continue;
    for (let j = 0; j < len; j++) codes[j] = lower(text.charCodeAt(s + j));
    const slot = table.lookup(codes, len);
    if (options.stopWords && table.isStopWord(slot)) continue;
    if (!options.stem) {
      const id = table.idAt(slot);
      if (id >= 0) scratch.push(id);
      continue;
    }
    // Stemming only shortens, except `ies` → `y`, which shortens too: same length, same term.
    const stemmed = stemCodes(codes, len);
    if (stemmed < 2) continue;
    const id = stemmed === len ? table.idAt(slot) : table.idAt(table.lookup(codes, stemmed));
    if (id >= 0) scratch.push(id);
  }
}

const lower = (c: number): number => (c >= 65 && c <= 90 ? c + 32 : c);

/**
 * `stem` on `w[0..n)`, a lower-case letter run or a digit run, in place; returns the new length.
 * Only the last character can change in place (`ies` → `y`); everything else shortens.
 */
export function stemCodes(w: Uint16Array, n: number): number {
  if (n <= 3 || CLASS[w[0]!] === 3) return n;
  const initial = n;
  if (initial > 4 && ends3(w, n, I, E, S)) {
    w[n - 3] = Y;
    n -= 2;
  } else if (n >= 4 && w[n - 4] === S && w[n - 3] === S && w[n - 2] === E && w[n - 1] === S) {
    n -= 2;
  } else if (w[n - 1] === S) {
    const b = w[n - 2];
    if (b !== S && b !== U && b !== I) n -= 1;
  }
  if (n > 5 && ends3(w, n, I, N, G)) n = undouble(w, n - 3);
  else if (n > 4 && w[n - 2] === E && (w[n - 1] === D || w[n - 1] === R)) n = undouble(w, n - 2);
  if (n > 3 && w[n - 1] === E) n -= 1;
  return n;
}

const ends3 = (w: Uint16Array, n: number, a: number, b: number, c: number): boolean =>
  n >= 3 && w[n - 3] === a && w[n - 2] === b && w[n - 1] === c;

function undouble(w: Uint16Array, n: number): number {
  if (n >= 3 && w[n - 1] === w[n - 2]) {
    const c = w[n - 1];
    if (c !== L && c !== S && c !== Z) return n - 1;
  }
  return n;
}

const isWord = (c: number): boolean => CLASS[c] !== 0 || c === 95; // \w: A–Z a–z 0–9 _
const isLowerOrDigit = (c: number): boolean => CLASS[c] === 2 || CLASS[c] === 3;

/**
 * Finds the next match of the tokenizer's kebab-case pattern `\b[a-z][a-z0-9]*(?:-[a-z][a-z0-9]*)+\b`
 * in `text` at or after `from`, as the regular expression would (leftmost, greedy, backtracking to
 * fewer segments when the last one does not end at a word boundary). Writes `[start, end)` into
 * `span`; returns false when there is none.
 */
export function findKebabWord(text: string, from: number, span: Int32Array): boolean {
  for (let i = text.indexOf('-', from); i >= 0; i = text.indexOf('-', i + 1)) {
    // A match's first hyphen follows its first [a-z0-9] run, which starts at a word boundary.
    let s = i;
    while (s > from && isLowerOrDigit(text.charCodeAt(s - 1))) s--;
    if (s === i || CLASS[text.charCodeAt(s)] !== 2 || (s > 0 && isWord(text.charCodeAt(s - 1)))) continue;
    const end = kebabEnd(text, i);
    if (end >= 0) {
      span[0] = s;
      span[1] = end;
      return true;
    }
  }
  return false;
}

/** End of the kebab word whose first hyphen is at `hyphen`, or -1 when there is none. */
function kebabEnd(text: string, hyphen: number): number {
  const n = text.length;
  let previous = -1; // end of the last complete segment before the current one
  let j = hyphen;
  for (;;) {
    if (j >= n || text.charCodeAt(j) !== 45 || j + 1 >= n || CLASS[text.charCodeAt(j + 1)] !== 2) break;
    let k = j + 2;
    while (k < n && isLowerOrDigit(text.charCodeAt(k))) k++;
    if (k < n && text.charCodeAt(k) === 45) {
      previous = k;
      j = k;
      continue;
    }
    // The last segment: it counts only if a word boundary follows.
    if (k >= n || !isWord(text.charCodeAt(k))) return k;
    return previous;
  }
  // No further segment: the match (if any) ends before this hyphen, which is a boundary.
  return previous;
}

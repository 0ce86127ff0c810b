/**
 * The lexical tokenizer's terms of one non-ASCII identifier made of UTF-16 code units outside the
 * surrogate range (accented Latin, Greek, Cyrillic, CJK…), computed on char codes like
 * `builtin-ascii-terms.ts` does for ASCII: `splitIdentifier` with the Unicode `PARTS` pattern
 * (`\p{Lu}+(?=\p{Lu}\p{Ll})|\p{Lu}?\p{Ll}+|\p{Lu}+|\p{N}+|[\p{L}\p{N}]+` over the pieces between
 * `_`/`$`), `toLowerCase`, `stem` and `forEachTerm`'s length and stop-word rules. Code unit classes
 * and lower cases come from tables filled per block of 256 code units on first use, from the same
 * regular expressions and `String.prototype.toLowerCase`.
 */
import type { TokenizerOptions } from '../lexical/index.js';
import { stemCodes, type AsciiTermScratch } from './builtin-ascii-terms.js';
import type { TermTable } from './builtin-term-table.js';

const MAX_TERM_LENGTH = 64;
// 0 = a piece separator (`_`, `$`) or anything else, 1 = \p{Lu}, 2 = \p{Ll}, 3 = \p{N}, 4 = any other
// \p{L}; 5 = a letter whose lower case is not one code unit or depends on its context (`İ`, `Σ`),
// which this path leaves to the tokenizer; 6 = not computed yet.
const OTHER_LETTER = 4;
const COMPLEX = 5;
const UNKNOWN = 6;
const CLASS = new Uint8Array(0x10000).fill(UNKNOWN);
const LOWER = new Uint16Array(0x10000);
const UPPER_LETTER = /\p{Lu}/u;
const LOWER_LETTER = /\p{Ll}/u;
const NUMBER = /\p{N}/u;
const LETTER = /\p{L}/u;

function classify(c: number): number {
  const from = c & 0xff00;
  for (let u = from; u < from + 256; u++) {
    const ch = String.fromCharCode(u);
    const lower = ch.toLowerCase();
    LOWER[u] = lower.charCodeAt(0);
    if (u >= 0xd800 && u <= 0xdfff) CLASS[u] = 0;
    else if (lower.length !== 1 || u === 0x3a3) CLASS[u] = COMPLEX;
    else if (UPPER_LETTER.test(ch)) CLASS[u] = 1;
    else if (LOWER_LETTER.test(ch)) CLASS[u] = 2;
    else if (NUMBER.test(ch)) CLASS[u] = 3;
    else CLASS[u] = LETTER.test(ch) ? OTHER_LETTER : 0;
  }
  return CLASS[c]!;
}

function classOf(c: number): number {
  const k = CLASS[c]!;
  return k === UNKNOWN ? classify(c) : k;
}

/**
 * Puts into `scratch.ids[0..scratch.count)` the ids of the kept terms of the identifier
 * `text[start, start + length)` (no surrogates), in `forEachTerm`'s order. Returns false, with
 * nothing written, when the identifier holds a letter whose lower case needs its context.
 */
export function unicodeIdentifierTerms(
  text: string,
  start: number,
  length: number,
  table: TermTable,
  options: TokenizerOptions,
  scratch: AsciiTermScratch,
): boolean {
  scratch.count = 0;
  const end = start + length;
  for (let p = start; p < end; p++) if (classOf(text.charCodeAt(p)) === COMPLEX) return false;
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
        if (q - 1 > p) q--;
        else while (q < end && CLASS[text.charCodeAt(q)] === 2) q++;
      }
    } else if (kind === OTHER_LETTER) {
      // `[\p{L}\p{N}]+`: every letter or number up to the next separator.
      while (q < end && CLASS[text.charCodeAt(q)] !== 0) q++;
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
    while (s < e && isSeparator(text.charCodeAt(s))) s++;
    while (e > s && isSeparator(text.charCodeAt(e - 1))) e--;
    const len = e - s;
    if (len >= 2 && len <= MAX_TERM_LENGTH) {
      for (let k = 0; k < len; k++) codes[k] = LOWER[text.charCodeAt(s + k)]!;
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
    let digit = false;
    for (let j = 0; j < len; j++) {
      const c = LOWER[text.charCodeAt(s + j)]!;
      if (c >= 48 && c <= 57) digit = true;
      codes[j] = c;
    }
    const slot = table.lookup(codes, len);
    if (options.stopWords && table.isStopWord(slot)) continue;
    if (!options.stem || digit) {
      const id = table.idAt(slot);
      if (id >= 0) scratch.push(id);
      continue;
    }
    const stemmed = stemCodes(codes, len);
    if (stemmed < 2) continue;
    const id = stemmed === len ? table.idAt(slot) : table.idAt(table.lookup(codes, stemmed));
    if (id >= 0) scratch.push(id);
  }
  return true;
}

const isSeparator = (c: number): boolean => c === 95 || c === 36; // `_`, `$`

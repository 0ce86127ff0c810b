/**
 * The terms of one identifier: `parseHTTPResponse2` → the compound `parsehttpresponse2`, then the
 * parts `parse`, `http`, `response`, `2`, stemmed, without stop words and one-letter terms.
 * ASCII identifiers (almost all of them) are split on char codes; others with the Unicode patterns.
 */
import { STOP_WORDS } from './stop-words.js';
import type { TokenizerOptions } from './tokenizer.js';

export const MAX_TERM_LENGTH = 64;

const PARTS = /\p{Lu}+(?=\p{Lu}\p{Ll})|\p{Lu}?\p{Ll}+|\p{Lu}+|\p{N}+|[\p{L}\p{N}]+/gu;
const PARTS_ASCII = /[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|[0-9]+/g;
// eslint-disable-next-line no-control-regex
const NON_ASCII = /[^\x00-\x7f]/;

/** Splits one identifier into lowercase parts: camelCase, PascalCase, ACRONYMs, snake_case, digits. */
export function splitIdentifier(identifier: string): string[] {
  const parts: string[] = [];
  // ACRONYMFollowedByWord | Word | lower | DIGITS
  const re = NON_ASCII.test(identifier) ? PARTS : PARTS_ASCII;
  for (const piece of identifier.split(/[_$]+/)) {
    if (piece === '') continue;
    for (const m of piece.matchAll(re)) parts.push(m[0].toLowerCase());
  }
  return parts;
}

/** A light, deterministic stemmer for English-like identifier parts. */
export function stem(word: string): string {
  if (word.length <= 3 || /\d/.test(word)) return word;
  let w = word;
  if (w.endsWith('ies') && w.length > 4) w = w.slice(0, -3) + 'y';
  else if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('us') && !w.endsWith('is')) w = w.slice(0, -1);
  if (w.endsWith('ing') && w.length > 5) w = undouble(w.slice(0, -3));
  else if (w.endsWith('ed') && w.length > 4) w = undouble(w.slice(0, -2));
  else if (w.endsWith('er') && w.length > 4) w = undouble(w.slice(0, -2));
  if (w.endsWith('e') && w.length > 3) w = w.slice(0, -1);
  return w;
}

function undouble(w: string): string {
  const n = w.length;
  if (n >= 3 && w[n - 1] === w[n - 2] && !'lsz'.includes(w[n - 1]!)) return w.slice(0, -1);
  return w;
}

function keep(term: string, options: TokenizerOptions): boolean {
  return term.length >= 2 && term.length <= MAX_TERM_LENGTH && !(options.stopWords && STOP_WORDS.has(term));
}

// 1 = A–Z, 2 = a–z, 3 = 0–9, 0 = `_`, `$` (piece separators); the only code units of an ASCII identifier.
const ASCII_CLASS = new Uint8Array(128);
for (let c = 65; c <= 90; c++) ASCII_CLASS[c] = 1;
for (let c = 97; c <= 122; c++) ASCII_CLASS[c] = 2;
for (let c = 48; c <= 57; c++) ASCII_CLASS[c] = 3;

/** Part boundaries of an ASCII identifier, reused between calls. */
let bounds = new Int32Array(64);

/**
 * The terms of one identifier (a match of the tokenizer's identifier pattern), in order: the
 * compound when it has several parts, then each part. Appends them to `out`.
 */
export function identifierTerms(raw: string, options: TokenizerOptions, out: string[]): void {
  if (NON_ASCII.test(raw)) {
    unicodeIdentifierTerms(raw, options, out);
    return;
  }
  // splitIdentifier's PARTS_ASCII over the pieces between `_`/`$`, on char codes.
  const end = raw.length;
  let n = 0;
  let p = 0;
  while (p < end) {
    const kind = ASCII_CLASS[raw.charCodeAt(p)]!;
    let q = p + 1;
    if (kind === 0) {
      p = q;
      continue;
    }
    if (kind === 1) {
      while (q < end && ASCII_CLASS[raw.charCodeAt(q)] === 1) q++;
      if (q < end && ASCII_CLASS[raw.charCodeAt(q)] === 2) {
        // `HTTPResponse` → `HTTP` + `Response`; `Response` → an upper case letter and its lower run.
        if (q - 1 > p) q--;
        else while (q < end && ASCII_CLASS[raw.charCodeAt(q)] === 2) q++;
      }
    } else {
      while (q < end && ASCII_CLASS[raw.charCodeAt(q)] === kind) q++;
    }
    if (n + 2 > bounds.length) {
      const next = new Int32Array(bounds.length * 2);
      next.set(bounds);
      bounds = next;
    }
    bounds[n++] = p;
    bounds[n++] = q;
    p = q;
  }
  const lower = raw.toLowerCase();
  if (n > 2) {
    // The compound, without leading and trailing `_`/`$`; never stemmed.
    let s = 0;
    let e = end;
    while (s < e && ASCII_CLASS[raw.charCodeAt(s)] === 0) s++;
    while (e > s && ASCII_CLASS[raw.charCodeAt(e - 1)] === 0) e--;
    const whole = s === 0 && e === end ? lower : lower.slice(s, e);
    if (keep(whole, options)) out.push(whole);
  }
  for (let k = 0; k < n; k += 2) {
    const part =
      n === 2 && bounds[0] === 0 && bounds[1] === end ? lower : lower.slice(bounds[k], bounds[k + 1]);
    if (!keep(part, options)) continue;
    const term = options.stem ? stem(part) : part;
    if (term.length >= 2) out.push(term);
  }
}

/** The original implementation, for identifiers with non-ASCII letters or digits. */
function unicodeIdentifierTerms(raw: string, options: TokenizerOptions, out: string[]): void {
  const parts = splitIdentifier(raw);
  if (parts.length > 1) {
    const whole = raw.toLowerCase().replace(/^[_$]+|[_$]+$/g, '');
    if (keep(whole, options)) out.push(whole);
  }
  for (const part of parts) {
    const term = options.stem ? stem(part) : part;
    if (keep(part, options) && term.length >= 2) out.push(term);
  }
}

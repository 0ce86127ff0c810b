/**
 * Finds identifiers and kebab-case words in text on UTF-16 code units, without regular
 * expressions, exactly where the tokenizer's patterns would: identifiers are
 * `[\p{L}_$][\p{L}\p{N}_$]*|\p{N}+` over code points (a surrogate pair is one code point, a lone
 * surrogate is neither a letter nor a number), kebab words are `\b[a-z][a-z0-9]*(?:-[a-z][a-z0-9]*)+\b`
 * over code units. The tests compare both with the regular expressions on real code and random text.
 */

/** May start an identifier: `\p{L}`, `_`, `$`. */
export const START = 1;
/** `\p{N}`: continues an identifier, or starts a number. */
export const DIGIT = 2;
const SURROGATE = 3;
const UNKNOWN = 4;

// One entry per UTF-16 code unit, filled per block of 256 on first use, so ASCII-only text pays
// nothing and a lookup is never out of bounds.
const CLASS = new Uint8Array(0x10000).fill(UNKNOWN);
const LETTER = /^[\p{L}_$]$/u;
const NUMBER = /^\p{N}$/u;
const astral = new Map<number, number>();

function classifyBlock(c: number): void {
  const from = c & 0xff00;
  for (let u = from; u < from + 256; u++) {
    const ch = String.fromCharCode(u);
    CLASS[u] = u >= 0xd800 && u <= 0xdfff ? SURROGATE : LETTER.test(ch) ? START : NUMBER.test(ch) ? DIGIT : 0;
  }
}
classifyBlock(0);

function classOfCodePoint(cp: number): number {
  let k = astral.get(cp);
  if (k === undefined) {
    const ch = String.fromCodePoint(cp);
    k = LETTER.test(ch) ? START : NUMBER.test(ch) ? DIGIT : 0;
    astral.set(cp, k);
  }
  return k;
}

/**
 * The class (0, {@link START} or {@link DIGIT}) of the code point at `i`, for a code unit whose
 * table entry is not one of those yet; a surrogate pair's class is returned negated, so callers
 * know it takes two code units.
 */
function slowClass(text: string, i: number): number {
  const c = text.charCodeAt(i);
  let k = CLASS[c]!;
  if (k === UNKNOWN) {
    classifyBlock(c);
    k = CLASS[c]!;
  }
  if (k !== SURROGATE) return k;
  if (c <= 0xdbff && i + 1 < text.length) {
    const d = text.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return -classOfCodePoint(((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000);
  }
  return 0;
}

/**
 * Finds identifiers one after another, with a hash of each (of its UTF-16 code units) computed on
 * the way, so a cache lookup needs no substring.
 */
export class IdentifierScanner {
  /** End (exclusive) of the identifier last found. */
  end = 0;
  /** Hash of the identifier last found. */
  hash = 0;

  /** The start of the next identifier of `text` at or after `from`, or -1 when there is none. */
  next(text: string, from: number): number {
    const n = text.length;
    let i = from;
    while (i < n) {
      const c = text.charCodeAt(i);
      let k = CLASS[c]!;
      if (k === 0) {
        i++;
        continue;
      }
      let width = 1;
      if (k > DIGIT) {
        k = slowClass(text, i);
        if (k < 0) {
          k = -k;
          width = 2;
        }
        if (k === 0) {
          i += width;
          continue;
        }
      }
      const start = i;
      let h = Math.imul(0x811c9dc5 ^ c, 0x01000193);
      if (width === 2) h = Math.imul(h ^ text.charCodeAt(i + 1), 0x01000193);
      i += width;
      // A letter run takes letters and numbers; a number run takes numbers only.
      while (i < n) {
        const d = text.charCodeAt(i);
        let m = CLASS[d]!;
        if (m === DIGIT || (m === START && k === START)) {
          h = Math.imul(h ^ d, 0x01000193);
          i++;
          continue;
        }
        if (m <= START) break;
        m = slowClass(text, i);
        if (m < 0) {
          if (-m !== DIGIT && !(-m === START && k === START)) break;
          h = Math.imul(Math.imul(h ^ d, 0x01000193) ^ text.charCodeAt(i + 1), 0x01000193);
          i += 2;
        } else {
          if (m !== DIGIT && !(m === START && k === START)) break;
          h = Math.imul(h ^ d, 0x01000193);
          i++;
        }
      }
      this.end = i;
      this.hash = h;
      return start;
    }
    this.end = n;
    return -1;
  }
}

// Kebab words are ASCII: 1 = a–z, 2 = 0–9, 3 = A–Z and `_` (other word characters), 0 = the rest.
const KEBAB = new Uint8Array(0x10000);
for (let c = 97; c <= 122; c++) KEBAB[c] = 1;
for (let c = 48; c <= 57; c++) KEBAB[c] = 2;
for (let c = 65; c <= 90; c++) KEBAB[c] = 3;
KEBAB[95] = 3;
const HYPHEN = 45;
const lowerOrDigit = (c: number): boolean => KEBAB[c] === 1 || KEBAB[c] === 2;

/**
 * Finds the next kebab-case word of `text` at or after `from`, as the regular expression would
 * (leftmost, greedy, giving back its last segment when no word boundary follows it). Returns its
 * start, or -1; its end is then in `span.end`.
 */
export function nextKebabWord(text: string, from: number, span: { end: number }): number {
  for (let h = text.indexOf('-', from); h >= 0; h = text.indexOf('-', h + 1)) {
    // The first segment is the whole [a-z0-9] run before the hyphen, starting with a letter at a
    // word boundary (inside a run there is none).
    let s = h;
    while (s > from && lowerOrDigit(text.charCodeAt(s - 1))) s--;
    if (s === h || KEBAB[text.charCodeAt(s)] !== 1 || (s > 0 && KEBAB[text.charCodeAt(s - 1)] !== 0))
      continue;
    const end = kebabEnd(text, h);
    if (end >= 0) {
      span.end = end;
      return s;
    }
  }
  return -1;
}

/** End of the kebab word whose first hyphen is at `hyphen`, or -1 when there is none. */
function kebabEnd(text: string, hyphen: number): number {
  const n = text.length;
  let complete = -1; // end of the last segment followed by a hyphen
  let j = hyphen;
  while (j + 1 < n && text.charCodeAt(j) === HYPHEN && KEBAB[text.charCodeAt(j + 1)] === 1) {
    let k = j + 2;
    while (k < n && lowerOrDigit(text.charCodeAt(k))) k++;
    if (k < n && text.charCodeAt(k) === HYPHEN) {
      complete = k;
      j = k;
      continue;
    }
    // The last segment counts only when no word character follows it.
    return k >= n || KEBAB[text.charCodeAt(k)] === 0 ? k : complete;
  }
  return complete;
}

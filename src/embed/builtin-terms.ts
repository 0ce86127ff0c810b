/**
 * A fast path to the lexical tokenizer's terms for the built-in model. `forEachTerm` splits every
 * identifier afresh with regular expressions; here identifiers are found by a hand-written scanner
 * over a table of code-unit classes, an ASCII identifier is split, lower-cased and stemmed on char
 * codes (`builtin-ascii-terms.ts`), its terms are looked up in a {@link TermTable} without making
 * strings, and each distinct identifier's term ids are cached. Non-ASCII identifiers are split by
 * the tokenizer itself (once each); astral characters go through its Unicode pattern. The multiset
 * of terms is exactly `forEachTerm`'s.
 */
import { forEachTerm, type TokenizerOptions } from '../lexical/index.js';
import { AsciiTermScratch, asciiIdentifierTerms, findKebabWord } from './builtin-ascii-terms.js';
import { TermTable, mixHash } from './builtin-term-table.js';
import { unicodeIdentifierTerms } from './builtin-unicode-terms.js';

const IDENTIFIER_AT = /[\p{L}_$][\p{L}\p{N}_$]*|\p{N}+/uy;
const MAX_TERM_LENGTH = 64;
const INITIAL_CAPACITY = 1 << 12;
// What an identifier is made of: ASCII, other code units outside the surrogates, or anything.
const ASCII = 0;
const BMP = 1;
const ASTRAL = 2;

// Code unit classes: 1 = may start an identifier (\p{L}, `_`, `$`), 2 = a digit (\p{N}),
// 3 = a surrogate (left to the regular expression), 0 = anything else, 4 = not computed yet:
// blocks of 256 code units are classified when first met, so ASCII-only text pays nothing.
const UNKNOWN = 4;
const CLASSES = new Uint8Array(0x10000).fill(UNKNOWN);
const LETTER = /[\p{L}_$]/u;
const DIGIT = /\p{N}/u;

function classify(c: number): number {
  const from = c & 0xff00;
  for (let u = from; u < from + 256; u++) {
    const ch = String.fromCharCode(u);
    CLASSES[u] = u >= 0xd800 && u <= 0xdfff ? 3 : LETTER.test(ch) ? 1 : DIGIT.test(ch) ? 2 : 0;
  }
  return CLASSES[c]!;
}
classify(0);

/**
 * Maps text to the tokenizer's terms, each mapped to an id (e.g. a vocabulary row; -1 drops the
 * term), caching the ids per distinct identifier in an open-addressing table keyed by a hash
 * computed while scanning, so a cache hit allocates nothing. Not for sharing across tokenizer
 * options.
 */
export class CachedTermMapper {
  private hashes = new Int32Array(0);
  private keyStarts = new Int32Array(0);
  private keyLengths = new Int32Array(0);
  private starts = new Int32Array(0);
  private lengths = new Int32Array(0);
  private keyChars = new Uint16Array(1 << 16);
  private keyCharsLength = 0;
  private pool = new Int32Array(1 << 16);
  private poolLength = 0;
  private size = 0;
  private mask = 0;
  private readonly table: TermTable;
  private readonly scratch = new AsciiTermScratch();
  /** Output of the last `collect`: term ids in `ids[0..count)`. */
  ids = new Int32Array(1024);
  count = 0;

  /**
   * @param map a term's id (-1 to drop it), asked once per distinct term; or a complete
   *   {@link TermTable} (e.g. `TermTable.forVocabulary`), which needs no strings at all.
   * @param maxEntries the identifier cache starts afresh when it holds this many identifiers.
   */
  constructor(
    private readonly options: TokenizerOptions,
    map: ((term: string) => number) | TermTable,
    private readonly maxEntries = 1 << 18,
  ) {
    this.table = map instanceof TermTable ? map : new TermTable(map, Math.max(maxEntries, 1 << 20));
    this.reset(INITIAL_CAPACITY);
  }

  /** Calls `emit(id)` for every kept term of `text`, with repeats. */
  forEach(text: string, emit: (id: number) => void): void {
    const n = this.collect(text);
    const ids = this.ids;
    for (let k = 0; k < n; k++) emit(ids[k]!);
  }

  /** Id of one term given as a string (-1 when it is dropped or unknown). */
  idOf(term: string): number {
    return this.table.idOf(term);
  }

  /** Whether the terms come from a tokenizer with these options. */
  tokenizesAs(options: TokenizerOptions): boolean {
    return this.options.stem === options.stem && this.options.stopWords === options.stopWords;
  }

  /** Forgets every cached identifier (the term table, a vocabulary, stays). */
  clear(): void {
    this.reset(INITIAL_CAPACITY);
  }

  /** Collects the ids of every kept term of `text` into `this.ids`; returns how many. */
  collect(text: string): number {
    this.count = 0;
    const n = text.length;
    let i = 0;
    while (i < n) {
      const c = text.charCodeAt(i);
      let kind = CLASSES[c]!;
      if (kind === UNKNOWN) kind = classify(c);
      if (kind === 0) {
        i++;
        continue;
      }
      let h = c;
      let ascii = c < 128;
      let j = i + 1;
      let next = 0;
      if (kind !== 3) {
        for (; j < n; j++) {
          const d = text.charCodeAt(j);
          next = CLASSES[d]!;
          if (next === UNKNOWN) next = classify(d);
          if (next === 0 || next === 3 || (kind === 2 && next !== 2)) break;
          if (d >= 128) ascii = false;
          h = (Math.imul(h, 31) + d) | 0;
        }
        if (j === n || next !== 3) {
          this.emitIdentifier(text, i, j - i, mixHash(h), ascii ? ASCII : BMP);
          i = j;
          continue;
        }
      }
      // A surrogate pair (astral letters and digits): the tokenizer's own pattern decides.
      i = this.emitMatch(text, i);
    }
    if (text.indexOf('-') >= 0) this.collectKebab(text);
    return this.count;
  }

  /** Emits the identifier the Unicode pattern finds at `i`; returns where scanning resumes. */
  private emitMatch(text: string, i: number): number {
    IDENTIFIER_AT.lastIndex = i;
    const m = IDENTIFIER_AT.exec(text);
    if (m === null) return i + 1;
    const raw = m[0];
    let h = raw.charCodeAt(0);
    for (let k = 1; k < raw.length; k++) h = (Math.imul(h, 31) + raw.charCodeAt(k)) | 0;
    this.emitIdentifier(text, i, raw.length, mixHash(h), ASTRAL);
    return IDENTIFIER_AT.lastIndex;
  }

  private emitIdentifier(text: string, start: number, length: number, hash: number, script: number): void {
    const { hashes, keyLengths, keyStarts, keyChars, mask } = this;
    let slot = hash & mask;
    for (;;) {
      const len = keyLengths[slot]!;
      if (len < 0) break;
      if (hashes[slot] === hash && len === length) {
        const s = keyStarts[slot]! - start;
        let k = start;
        const end = start + length;
        while (k < end && keyChars[s + k] === text.charCodeAt(k)) k++;
        if (k === end) {
          this.push(this.pool, this.starts[slot]!, this.lengths[slot]!);
          return;
        }
      }
      slot = (slot + 1) & mask;
    }
    const scratch = this.scratch;
    if (script === ASCII) {
      asciiIdentifierTerms(text, start, length, this.table, this.options, scratch);
    } else if (
      script === ASTRAL ||
      !unicodeIdentifierTerms(text, start, length, this.table, this.options, scratch)
    ) {
      // Astral letters, or a letter whose lower case depends on its context: the tokenizer itself.
      scratch.count = 0;
      const table = this.table;
      forEachTerm(
        text.slice(start, start + length),
        (term) => {
          const id = table.idOf(term);
          if (id >= 0) scratch.push(id);
        },
        this.options,
      );
    }
    if (this.size >= this.maxEntries) this.reset(this.keyLengths.length);
    else if ((this.size + 1) * 2 > this.keyLengths.length) this.grow();
    this.insert(text, start, length, hash, scratch.ids, scratch.count);
    this.push(scratch.ids, 0, scratch.count);
  }

  private push1(id: number): void {
    if (this.count === this.ids.length) {
      const next = new Int32Array(this.ids.length * 2);
      next.set(this.ids);
      this.ids = next;
    }
    this.ids[this.count++] = id;
  }

  private push(from: Int32Array, start: number, length: number): void {
    if (length === 0) return;
    if (this.count + length > this.ids.length) {
      const next = new Int32Array(Math.max(this.ids.length * 2, this.count + length));
      next.set(this.ids);
      this.ids = next;
    }
    const ids = this.ids;
    let c = this.count;
    for (let k = start; k < start + length; k++) ids[c++] = from[k]!;
    this.count = c;
  }

  private insert(
    text: string,
    start: number,
    length: number,
    hash: number,
    ids: Int32Array,
    count: number,
  ): void {
    if (this.poolLength + count > this.pool.length) {
      const next = new Int32Array(Math.max(this.pool.length * 2, this.poolLength + count));
      next.set(this.pool);
      this.pool = next;
    }
    if (this.keyCharsLength + length > this.keyChars.length) {
      const next = new Uint16Array(Math.max(this.keyChars.length * 2, this.keyCharsLength + length));
      next.set(this.keyChars);
      this.keyChars = next;
    }
    let slot = hash & this.mask;
    while (this.keyLengths[slot]! >= 0) slot = (slot + 1) & this.mask;
    const keyChars = this.keyChars;
    const at = this.keyCharsLength;
    for (let k = 0; k < length; k++) keyChars[at + k] = text.charCodeAt(start + k);
    this.hashes[slot] = hash;
    this.keyStarts[slot] = at;
    this.keyLengths[slot] = length;
    this.keyCharsLength += length;
    this.starts[slot] = this.poolLength;
    this.lengths[slot] = count;
    this.pool.set(ids.subarray(0, count), this.poolLength);
    this.poolLength += count;
    this.size++;
  }

  private grow(): void {
    const { hashes, keyStarts, keyLengths, starts, lengths } = this;
    this.allocate(keyLengths.length * 2);
    for (let s = 0; s < keyLengths.length; s++) {
      if (keyLengths[s]! < 0) continue;
      let slot = hashes[s]! & this.mask;
      while (this.keyLengths[slot]! >= 0) slot = (slot + 1) & this.mask;
      this.hashes[slot] = hashes[s]!;
      this.keyStarts[slot] = keyStarts[s]!;
      this.keyLengths[slot] = keyLengths[s]!;
      this.starts[slot] = starts[s]!;
      this.lengths[slot] = lengths[s]!;
    }
  }

  private allocate(capacity: number): void {
    this.hashes = new Int32Array(capacity);
    this.keyStarts = new Int32Array(capacity);
    this.keyLengths = new Int32Array(capacity).fill(-1);
    this.starts = new Int32Array(capacity);
    this.lengths = new Int32Array(capacity);
    this.mask = capacity - 1;
  }

  private reset(capacity: number): void {
    if (this.keyLengths.length === capacity) this.keyLengths.fill(-1);
    else this.allocate(capacity);
    this.size = 0;
    this.poolLength = 0;
    this.keyCharsLength = 0;
  }

  private collectKebab(text: string): void {
    const { span, codes } = this.scratch;
    for (let from = 0; findKebabWord(text, from, span); from = span[1]!) {
      const start = span[0]!;
      const length = span[1]! - start;
      if (length > MAX_TERM_LENGTH) continue;
      for (let k = 0; k < length; k++) codes[k] = text.charCodeAt(start + k);
      const id = this.table.idAt(this.table.lookup(codes, length));
      if (id < 0) continue;
      this.push1(id);
    }
  }
}

/**
 * A term → id table probed with UTF-16 code units in a scratch buffer, so the built-in model's
 * tokenisation can look a split part up without making a string. Each entry also says whether the
 * term is a stop word. Two kinds:
 *
 * - complete (`TermTable.forVocabulary`): every known term and stop word is loaded up front; a
 *   term that is not found is neither, so a miss costs nothing;
 * - learning (`new TermTable(resolve)`): a miss makes the string once, asks `resolve` for its id
 *   when the term is first emitted, and remembers both.
 */
import { STOP_WORDS } from '../lexical/index.js';

const UNRESOLVED = -2;
const STOP = 1;

/** A complete table's arrays, in SharedArrayBuffers: other threads read them in place. */
export interface TermTableParts {
  readonly hashes: Int32Array;
  readonly starts: Int32Array;
  readonly lengths: Int32Array;
  readonly ids: Int32Array;
  readonly flags: Uint8Array;
  readonly chars: Uint16Array;
  readonly size: number;
}

/** `array`'s first `length` elements in a SharedArrayBuffer. */
function shareArray<T extends Int32Array | Uint8Array | Uint16Array>(array: T, length = array.length): T {
  if (array.buffer instanceof SharedArrayBuffer && array.length === length) return array;
  const Type = array.constructor as new (buffer: SharedArrayBuffer) => T;
  const out = new Type(new SharedArrayBuffer(length * array.BYTES_PER_ELEMENT));
  out.set(array.subarray(0, length));
  return out;
}

/** Hash of `codes[0..length)`; `mixHash` finishes it. Shared with the identifier cache. */
export function hashCodes(codes: Uint16Array, length: number): number {
  let h = 0;
  for (let k = 0; k < length; k++) h = (Math.imul(h, 31) + codes[k]!) | 0;
  return mixHash(h);
}

/** Spreads a polynomial hash over all bits, so linear probing on its low bits stays short. */
export function mixHash(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x45d9f3b);
  return h ^ (h >>> 15);
}

/** Open-addressing table of terms stored as UTF-16 code units; see the file comment. */
export class TermTable {
  private hashes: Int32Array = new Int32Array(0);
  private starts: Int32Array = new Int32Array(0);
  private lengths: Int32Array = new Int32Array(0);
  private ids: Int32Array = new Int32Array(0);
  private flags: Uint8Array = new Uint8Array(0);
  private chars: Uint16Array = new Uint16Array(1 << 16);
  private charsLength = 0;
  private size = 0;
  private mask = 0;
  private scratch = new Uint16Array(64);

  /**
   * @param resolve id of a term (-1 to drop it), asked once per distinct emitted term; null makes
   *   the table complete (only what `add` loaded is known).
   * @param maxEntries a learning table starts afresh when it holds this many terms.
   */
  constructor(
    private readonly resolve: ((term: string) => number) | null,
    private readonly maxEntries = 1 << 20,
    capacity = 1 << 12,
  ) {
    this.reset(capacity);
  }

  /** A complete table of a vocabulary (term → row) plus the stop words. */
  static forVocabulary(vocabulary: ReadonlyMap<string, number>): TermTable {
    let capacity = 1 << 12;
    while (capacity < (vocabulary.size + STOP_WORDS.size) * 2) capacity *= 2;
    const table = new TermTable(null, Number.MAX_SAFE_INTEGER, capacity);
    for (const [term, id] of vocabulary) table.ids[table.slotOfString(term)] = id;
    return table;
  }

  /**
   * A complete table over `parts` (from {@link share}, maybe in another thread): a lookup only
   * reads them, so the threads of a process need one copy of a vocabulary's table.
   */
  static fromParts(parts: TermTableParts): TermTable {
    const table = new TermTable(null, Number.MAX_SAFE_INTEGER, 1);
    table.hashes = parts.hashes;
    table.starts = parts.starts;
    table.lengths = parts.lengths;
    table.ids = parts.ids;
    table.flags = parts.flags;
    table.chars = parts.chars;
    table.charsLength = parts.chars.length;
    table.size = parts.size;
    table.mask = parts.lengths.length - 1;
    return table;
  }

  /**
   * Moves a complete table's arrays into SharedArrayBuffers (this table then uses them too) and
   * returns them for {@link fromParts}. A learning table, which writes on lookups, cannot share.
   */
  share(): TermTableParts {
    if (this.resolve !== null) throw new Error('only a complete term table can be shared');
    this.hashes = shareArray(this.hashes);
    this.starts = shareArray(this.starts);
    this.lengths = shareArray(this.lengths);
    this.ids = shareArray(this.ids);
    this.flags = shareArray(this.flags);
    this.chars = shareArray(this.chars, this.charsLength);
    const { hashes, starts, lengths, ids, flags, chars, size } = this;
    return { hashes, starts, lengths, ids, flags, chars, size };
  }

  /**
   * Slot of the term `codes[0..length)`, or -1 when a complete table does not know it (then it
   * is neither a stop word nor a known term). Valid until the next lookup.
   */
  lookup(codes: Uint16Array, length: number): number {
    const hash = hashCodes(codes, length);
    const { hashes, lengths, starts, chars, mask } = this;
    let slot = hash & mask;
    for (;;) {
      const len = lengths[slot]!;
      if (len < 0) break;
      if (hashes[slot] === hash && len === length) {
        const s = starts[slot]!;
        let k = 0;
        while (k < length && chars[s + k] === codes[k]) k++;
        if (k === length) return slot;
      }
      slot = (slot + 1) & mask;
    }
    if (this.resolve === null) return -1;
    if (this.size >= this.maxEntries) this.reset(this.lengths.length);
    return this.insert(codes, length, hash, 0);
  }

  /** Whether the term at `slot` (from `lookup`) is a stop word; false for -1. */
  isStopWord(slot: number): boolean {
    return slot >= 0 && (this.flags[slot]! & STOP) !== 0;
  }

  /** Id of the term at `slot` (from `lookup`), -1 when it is dropped or unknown. */
  idAt(slot: number): number {
    if (slot < 0) return -1;
    let id = this.ids[slot]!;
    if (id === UNRESOLVED) {
      const s = this.starts[slot]!;
      id = this.resolve!(String.fromCharCode(...this.chars.subarray(s, s + this.lengths[slot]!)));
      this.ids[slot] = id;
    }
    return id;
  }

  /** Id of a term given as a string (the slow path: non-ASCII identifiers, kebab-case words). */
  idOf(term: string): number {
    if (this.resolve !== null) return this.idAt(this.slotOfString(term));
    if (term.length > this.scratch.length) this.scratch = new Uint16Array(term.length * 2);
    for (let k = 0; k < term.length; k++) this.scratch[k] = term.charCodeAt(k);
    return this.idAt(this.lookup(this.scratch, term.length));
  }

  /** Slot of `term`, inserting it (a complete table too: that is how it is loaded). */
  private slotOfString(term: string, flags = 0): number {
    if (term.length > this.scratch.length) this.scratch = new Uint16Array(term.length * 2);
    const codes = this.scratch;
    for (let k = 0; k < term.length; k++) codes[k] = term.charCodeAt(k);
    const hash = hashCodes(codes, term.length);
    let slot = hash & this.mask;
    while (this.lengths[slot]! >= 0) {
      if (this.hashes[slot] === hash && this.equals(slot, codes, term.length)) return slot;
      slot = (slot + 1) & this.mask;
    }
    if (this.resolve !== null && this.size >= this.maxEntries) this.reset(this.lengths.length);
    return this.insert(codes, term.length, hash, flags);
  }

  private equals(slot: number, codes: Uint16Array, length: number): boolean {
    if (this.lengths[slot] !== length) return false;
    const s = this.starts[slot]!;
    for (let k = 0; k < length; k++) if (this.chars[s + k] !== codes[k]) return false;
    return true;
  }

  private insert(codes: Uint16Array, length: number, hash: number, flags: number): number {
    if ((this.size + 1) * 2 > this.lengths.length) this.grow();
    if (this.charsLength + length > this.chars.length) {
      const next = new Uint16Array(Math.max(this.chars.length * 2, this.charsLength + length));
      next.set(this.chars);
      this.chars = next;
    }
    let slot = hash & this.mask;
    while (this.lengths[slot]! >= 0) slot = (slot + 1) & this.mask;
    this.chars.set(codes.subarray(0, length), this.charsLength);
    this.hashes[slot] = hash;
    this.starts[slot] = this.charsLength;
    this.lengths[slot] = length;
    this.ids[slot] = this.resolve === null ? -1 : UNRESOLVED;
    this.flags[slot] = flags;
    this.charsLength += length;
    this.size++;
    return slot;
  }

  private grow(): void {
    const { hashes, starts, lengths, ids, flags } = this;
    const capacity = lengths.length * 2;
    this.allocate(capacity);
    for (let s = 0; s < lengths.length; s++) {
      if (lengths[s]! < 0) continue;
      let slot = hashes[s]! & this.mask;
      while (this.lengths[slot]! >= 0) slot = (slot + 1) & this.mask;
      this.hashes[slot] = hashes[s]!;
      this.starts[slot] = starts[s]!;
      this.lengths[slot] = lengths[s]!;
      this.ids[slot] = ids[s]!;
      this.flags[slot] = flags[s]!;
    }
  }

  private allocate(capacity: number): void {
    this.hashes = new Int32Array(capacity);
    this.starts = new Int32Array(capacity);
    this.lengths = new Int32Array(capacity).fill(-1);
    this.ids = new Int32Array(capacity);
    this.flags = new Uint8Array(capacity);
    this.mask = capacity - 1;
  }

  /** Empties the table, then loads the stop words (so a stop word is never a miss). */
  private reset(capacity: number): void {
    this.allocate(capacity);
    this.size = 0;
    this.charsLength = 0;
    for (const word of STOP_WORDS) this.slotOfString(word, STOP);
  }
}

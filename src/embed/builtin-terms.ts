/**
 * A fast path to the lexical tokenizer's terms for the built-in model. `forEachTerm` splits every
 * identifier afresh; here each distinct identifier is split once and its mapped terms are cached,
 * and identifiers are found by a hand-written ASCII scanner (falling back to the same Unicode
 * regular expression for non-ASCII text). The multiset of terms is exactly `forEachTerm`'s.
 */
import { STOP_WORDS, forEachTerm, stem, type TokenizerOptions } from '../lexical/index.js';

const IDENTIFIER_AT = /[\p{L}_$][\p{L}\p{N}_$]*|\p{N}+/uy;
const KEBAB = /\b[a-z][a-z0-9]*(?:-[a-z][a-z0-9]*)+\b/g;
const MAX_TERM_LENGTH = 64;
const SIMPLE = /^(?:[a-z]+|[0-9]+)$/;

// 1 = may start an identifier (letter, _, $), 2 = digit, 3 = letter/_/$ (continues one too).
const ASCII = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  if (/[A-Za-z_$]/.test(ch)) ASCII[c] = 1;
  else if (/[0-9]/.test(ch)) ASCII[c] = 2;
}

/** Calls `emit` for every identifier-or-number match of the tokenizer's IDENTIFIER pattern. */
export function forEachIdentifier(text: string, emit: (raw: string) => void): void {
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c < 128) {
      const kind = ASCII[c]!;
      if (kind === 0) {
        i++;
        continue;
      }
      let j = i + 1;
      let fallback = false;
      while (j < n) {
        const d = text.charCodeAt(j);
        if (d >= 128) {
          fallback = true;
          break;
        }
        const dk = ASCII[d]!;
        if (dk === 0 || (kind === 2 && dk !== 2)) break;
        j++;
      }
      if (!fallback) {
        emit(text.slice(i, j));
        i = j;
        continue;
      }
    }
    IDENTIFIER_AT.lastIndex = i;
    const m = IDENTIFIER_AT.exec(text);
    if (m === null) {
      i++;
      continue;
    }
    emit(m[0]);
    i = IDENTIFIER_AT.lastIndex;
  }
}

/**
 * Maps text to the tokenizer's terms, each mapped through `map` (e.g. to a vocabulary id; return
 * -1 to drop it), caching the result per distinct identifier in an open-addressing table keyed by
 * a hash computed while scanning, so a cache hit allocates nothing. Not for sharing across
 * tokenizer options.
 */
export class CachedTermMapper {
  private keys: (string | undefined)[] = [];
  private hashes = new Int32Array(0);
  private starts = new Int32Array(0);
  private lengths = new Int32Array(0);
  private pool = new Int32Array(1 << 16);
  private poolLength = 0;
  private size = 0;
  private mask = 0;
  private readonly kebab = new Map<string, number>();
  private readonly scratch: number[] = [];
  /** Output of the last `collect`: term ids in `ids[0..count)`. */
  ids = new Int32Array(1024);
  count = 0;

  constructor(
    private readonly options: TokenizerOptions,
    private readonly map: (term: string) => number,
    private readonly maxEntries = 1 << 18,
  ) {
    this.reset(1 << 12);
  }

  /** Calls `emit(id)` for every kept term of `text`, with repeats. */
  forEach(text: string, emit: (id: number) => void): void {
    const n = this.collect(text);
    const ids = this.ids;
    for (let k = 0; k < n; k++) emit(ids[k]!);
  }

  /** Collects the ids of every kept term of `text` into `this.ids`; returns how many. */
  collect(text: string): number {
    this.count = 0;
    const n = text.length;
    let i = 0;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c < 128) {
        const kind = ASCII[c]!;
        if (kind === 0) {
          i++;
          continue;
        }
        let h = c;
        let j = i + 1;
        let fallback = false;
        while (j < n) {
          const d = text.charCodeAt(j);
          if (d >= 128) {
            fallback = true;
            break;
          }
          const dk = ASCII[d]!;
          if (dk === 0 || (kind === 2 && dk !== 2)) break;
          h = (Math.imul(h, 31) + d) | 0;
          j++;
        }
        if (!fallback) {
          this.emitIdentifier(text, i, j - i, h);
          i = j;
          continue;
        }
      }
      IDENTIFIER_AT.lastIndex = i;
      const m = IDENTIFIER_AT.exec(text);
      if (m === null) {
        i++;
        continue;
      }
      const raw = m[0];
      let h = raw.charCodeAt(0);
      for (let k = 1; k < raw.length; k++) h = (Math.imul(h, 31) + raw.charCodeAt(k)) | 0;
      this.emitIdentifier(text, i, raw.length, h);
      i = IDENTIFIER_AT.lastIndex;
    }
    if (text.indexOf('-') >= 0) this.collectKebab(text);
    return this.count;
  }

  private emitIdentifier(text: string, start: number, length: number, hash: number): void {
    const { keys, hashes, mask } = this;
    let slot = hash & mask;
    for (;;) {
      const key = keys[slot];
      if (key === undefined) break;
      if (hashes[slot] === hash && key.length === length && text.startsWith(key, start)) {
        this.push(this.starts[slot]!, this.lengths[slot]!);
        return;
      }
      slot = (slot + 1) & mask;
    }
    const raw = text.slice(start, start + length);
    const out = this.scratch;
    out.length = 0;
    if (SIMPLE.test(raw)) {
      // One lower-case word or one number is its own only part: forEachTerm's rules, inlined.
      if (
        raw.length >= 2 &&
        raw.length <= MAX_TERM_LENGTH &&
        !(this.options.stopWords && STOP_WORDS.has(raw))
      ) {
        const term = this.options.stem ? stem(raw) : raw;
        const id = term.length >= 2 ? this.map(term) : -1;
        if (id >= 0) out.push(id);
      }
    } else {
      forEachTerm(
        raw,
        (term) => {
          const id = this.map(term);
          if (id >= 0) out.push(id);
        },
        this.options,
      );
    }
    if (this.size >= this.maxEntries) this.reset(this.keys.length);
    else if ((this.size + 1) * 2 > this.keys.length) this.grow();
    const at = this.insert(raw, hash, out);
    this.push(this.starts[at]!, this.lengths[at]!);
  }

  private push(from: number, length: number): void {
    if (length === 0) return;
    if (this.count + length > this.ids.length) {
      const next = new Int32Array(Math.max(this.ids.length * 2, this.count + length));
      next.set(this.ids);
      this.ids = next;
    }
    const { ids, pool } = this;
    let c = this.count;
    for (let k = from; k < from + length; k++) ids[c++] = pool[k]!;
    this.count = c;
  }

  private insert(key: string, hash: number, ids: readonly number[]): number {
    if (this.poolLength + ids.length > this.pool.length) {
      const next = new Int32Array(Math.max(this.pool.length * 2, this.poolLength + ids.length));
      next.set(this.pool);
      this.pool = next;
    }
    let slot = hash & this.mask;
    while (this.keys[slot] !== undefined) slot = (slot + 1) & this.mask;
    this.keys[slot] = key;
    this.hashes[slot] = hash;
    this.starts[slot] = this.poolLength;
    this.lengths[slot] = ids.length;
    for (let k = 0; k < ids.length; k++) this.pool[this.poolLength++] = ids[k]!;
    this.size++;
    return slot;
  }

  private grow(): void {
    const { keys, hashes, starts, lengths, pool } = this;
    this.reset(keys.length * 2);
    this.pool = pool;
    for (let s = 0; s < keys.length; s++) {
      const key = keys[s];
      if (key === undefined) continue;
      let slot = hashes[s]! & this.mask;
      while (this.keys[slot] !== undefined) slot = (slot + 1) & this.mask;
      this.keys[slot] = key;
      this.hashes[slot] = hashes[s]!;
      this.starts[slot] = starts[s]!;
      this.lengths[slot] = lengths[s]!;
      this.size++;
      this.poolLength = Math.max(this.poolLength, starts[s]! + lengths[s]!);
    }
  }

  private reset(capacity: number): void {
    this.keys = new Array<string | undefined>(capacity).fill(undefined);
    this.hashes = new Int32Array(capacity);
    this.starts = new Int32Array(capacity);
    this.lengths = new Int32Array(capacity);
    this.mask = capacity - 1;
    this.size = 0;
    this.poolLength = 0;
  }

  private collectKebab(text: string): void {
    KEBAB.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = KEBAB.exec(text)) !== null) {
      const term = m[0];
      if (term.length > MAX_TERM_LENGTH) continue;
      let id = this.kebab.get(term);
      if (id === undefined) {
        id = this.map(term);
        if (this.kebab.size >= this.maxEntries) this.kebab.clear();
        this.kebab.set(term, id);
      }
      if (id < 0) continue;
      if (this.count === this.ids.length) {
        const next = new Int32Array(this.ids.length * 2);
        next.set(this.ids);
        this.ids = next;
      }
      this.ids[this.count++] = id;
    }
  }
}

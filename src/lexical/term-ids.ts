/**
 * The tokenizer's engine: finds the identifiers of a text, maps each distinct identifier once to
 * the ids of its terms (cached per option set), and appends term ids to a buffer. Terms are
 * numbered in a dictionary shared by the option sets, so counting them needs no string hashing.
 * Ids stay valid for one generation: callers take it once per top-level call ({@link termIds}).
 */
import { IdentifierTable } from './identifier-table.js';
import { IdentifierScanner, nextKebabWord } from './identifiers.js';
import { identifierTerms, MAX_TERM_LENGTH } from './identifier-terms.js';
import type { TokenizerOptions } from './tokenizer.js';

/** A growable list of term ids. */
export class IdList {
  ids = new Int32Array(256);
  length = 0;

  push(id: number): void {
    if (this.length === this.ids.length) this.grow(1);
    this.ids[this.length++] = id;
  }

  grow(extra: number): void {
    const next = new Int32Array(Math.max(this.ids.length * 2, this.length + extra));
    next.set(this.ids.subarray(0, this.length));
    this.ids = next;
  }
}

// Identifiers repeat heavily within and across files; their terms are remembered until this many
// distinct identifiers (or this many distinct terms) have been seen, then everything starts afresh.
const CACHE_LIMIT = 100_000;
const TERM_LIMIT = 200_000;

/** The term dictionary and the per-option-set identifier caches of one generation. */
export class TermIds {
  /** Term of each id. */
  readonly names: string[] = [];
  private readonly byName = new Map<string, number>();
  private readonly caches = new Map<string, IdentifierTable>();
  private readonly scanner = new IdentifierScanner();
  private readonly span = { end: 0 };
  private readonly terms: string[] = [];
  private readonly termIds = new IdList();

  /** Whether this generation is full: start a new one before the next top-level call. */
  get full(): boolean {
    if (this.names.length >= TERM_LIMIT) return true;
    for (const cache of this.caches.values()) if (cache.size >= CACHE_LIMIT) return true;
    return false;
  }

  /** The id of `term`, numbering it when new. */
  idOf(term: string): number {
    let id = this.byName.get(term);
    if (id === undefined) {
      id = this.names.length;
      this.names.push(term);
      this.byName.set(term, id);
    }
    return id;
  }

  /** Appends the ids of `text`'s terms to `out`, in the tokenizer's order, with repeats. */
  collect(text: string, options: TokenizerOptions, out: IdList): void {
    const cache = this.cacheFor(options);
    const scanner = this.scanner;
    for (let start = scanner.next(text, 0); start >= 0; start = scanner.next(text, scanner.end)) {
      const end = scanner.end;
      // One ASCII character (`i`, `_`, `0`) has no term of two letters or more.
      if (end - start === 1 && text.charCodeAt(start) < 128) continue;
      let entry = cache.find(text, start, end, scanner.hash);
      if (entry < 0) entry = this.add(cache, text, start, end, scanner.hash, options);
      const data = cache.data;
      const count = data[entry]!;
      if (count === 0) continue;
      if (out.length + count > out.ids.length) out.grow(count);
      const ids = out.ids;
      let length = out.length;
      for (let k = entry + 1; k <= entry + count; k++) ids[length++] = data[k]!;
      out.length = length;
    }
    if (text.includes('-')) {
      const span = this.span;
      for (let s = nextKebabWord(text, 0, span); s >= 0; s = nextKebabWord(text, span.end, span)) {
        if (span.end - s <= MAX_TERM_LENGTH) out.push(this.idOf(text.slice(s, span.end)));
      }
    }
  }

  /** Computes the term ids of the identifier `text[start, end)` and caches them; returns its entry. */
  private add(
    cache: IdentifierTable,
    text: string,
    start: number,
    end: number,
    hash: number,
    options: TokenizerOptions,
  ): number {
    const terms = this.terms;
    terms.length = 0;
    identifierTerms(text.slice(start, end), options, terms);
    const ids = this.termIds;
    ids.length = 0;
    for (const term of terms) ids.push(this.idOf(term));
    return cache.insert(text, start, end, hash, ids.ids, ids.length);
  }

  private cacheFor(options: TokenizerOptions): IdentifierTable {
    const key = options.stem ? (options.stopWords ? 'ss' : 's-') : options.stopWords ? '-s' : '--';
    let cache = this.caches.get(key);
    if (!cache) this.caches.set(key, (cache = new IdentifierTable()));
    return cache;
  }
}

let current = new TermIds();

/**
 * The current generation, replaced by a fresh one when full. Call once at the start of a
 * top-level operation and keep the result for all of it: ids from different generations differ.
 */
export function termIds(): TermIds {
  if (current.full) current = new TermIds();
  return current;
}

/**
 * Identifier-aware tokenizer shared by indexing and querying, so both sides agree on every term.
 *
 * `parseHTTPResponse2` yields the original identifier `parsehttpresponse2` plus its parts `parse`,
 * `http`, `response`, `2`; `snake_case` and `kebab-case` split the same way. Terms are lowercase;
 * stop words (English and ubiquitous keywords) are dropped; a light stemmer folds plurals and verb
 * endings of the split parts (never of the original compound, so exact identifiers stay exact).
 */
import { STOP_WORDS } from './stop-words.js';

export interface TokenizerOptions {
  /** Fold `parsing`/`parsed`/`parses` to `pars`…; applied to split parts only. */
  readonly stem: boolean;
  /** Drop English stop words and ubiquitous keywords. */
  readonly stopWords: boolean;
}

export const DEFAULT_TOKENIZER_OPTIONS: TokenizerOptions = Object.freeze({ stem: true, stopWords: true });

const IDENTIFIER = /[\p{L}_$][\p{L}\p{N}_$]*|\p{N}+/gu;
// ASCII twins of the Unicode patterns: several times faster, and almost all code is ASCII.
const IDENTIFIER_ASCII = /[A-Za-z_$][A-Za-z0-9_$]*|[0-9]+/g;
const PARTS = /\p{Lu}+(?=\p{Lu}\p{Ll})|\p{Lu}?\p{Ll}+|\p{Lu}+|\p{N}+|[\p{L}\p{N}]+/gu;
const PARTS_ASCII = /[A-Z]+(?=[A-Z][a-z])|[A-Z]?[a-z]+|[A-Z]+|[0-9]+/g;
// eslint-disable-next-line no-control-regex
const NON_ASCII = /[^\x00-\x7f]/;
const KEBAB = /\b[a-z][a-z0-9]*(?:-[a-z][a-z0-9]*)+\b/g;
const MAX_TERM_LENGTH = 64;

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

/**
 * Calls `emit` for every term of `text`, in order, with repeats. The original compound
 * identifier comes first, then its parts.
 */
export function forEachTerm(
  text: string,
  emit: (term: string) => void,
  options: TokenizerOptions = DEFAULT_TOKENIZER_OPTIONS,
): void {
  const cache = cacheFor(options);
  const re = NON_ASCII.test(text) ? IDENTIFIER : IDENTIFIER_ASCII;
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const raw = m[0];
    let terms = cache.get(raw);
    if (terms === undefined) {
      terms = identifierTerms(raw, options);
      if (cache.size >= CACHE_LIMIT) cache.clear();
      cache.set(raw, terms);
    }
    for (const t of terms) emit(t);
  }
  if (text.includes('-')) {
    for (const m of text.matchAll(KEBAB)) {
      if (m[0].length <= MAX_TERM_LENGTH) emit(m[0]);
    }
  }
}

/** The terms of one identifier: the whole (when compound), then its parts. */
function identifierTerms(raw: string, options: TokenizerOptions): readonly string[] {
  const keep = (term: string): boolean =>
    term.length >= 2 && term.length <= MAX_TERM_LENGTH && !(options.stopWords && STOP_WORDS.has(term));
  const out: string[] = [];
  const parts = splitIdentifier(raw);
  if (parts.length > 1) {
    const whole = raw.toLowerCase().replace(/^[_$]+|[_$]+$/g, '');
    if (keep(whole)) out.push(whole);
  }
  for (const part of parts) {
    const term = options.stem ? stem(part) : part;
    if (keep(part) && term.length >= 2) out.push(term);
  }
  return out;
}

// Identifiers repeat heavily within and across files; remember their terms (per option set).
const CACHE_LIMIT = 100_000;
const caches = new Map<string, Map<string, readonly string[]>>();
function cacheFor(options: TokenizerOptions): Map<string, readonly string[]> {
  const key = `${options.stem ? 1 : 0}${options.stopWords ? 1 : 0}`;
  let cache = caches.get(key);
  if (!cache) caches.set(key, (cache = new Map()));
  return cache;
}

/** All terms of `text`, with repeats. */
export function tokenize(text: string, options: TokenizerOptions = DEFAULT_TOKENIZER_OPTIONS): string[] {
  const out: string[] = [];
  forEachTerm(text, (t) => out.push(t), options);
  return out;
}

/** Adds `weight` to each term's frequency in `into`. */
export function addTermFrequencies(
  into: Map<string, number>,
  text: string,
  weight = 1,
  options: TokenizerOptions = DEFAULT_TOKENIZER_OPTIONS,
): void {
  forEachTerm(text, (t) => into.set(t, (into.get(t) ?? 0) + weight), options);
}

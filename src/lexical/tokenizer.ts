/**
 * Identifier-aware tokenizer shared by indexing and querying, so both sides agree on every term.
 *
 * `parseHTTPResponse2` yields the original identifier `parsehttpresponse2` plus its parts `parse`,
 * `http`, `response`, `2`; `snake_case` and `kebab-case` split the same way. Terms are lowercase;
 * stop words (English and ubiquitous keywords) are dropped; a light stemmer folds plurals and verb
 * endings of the split parts (never of the original compound, so exact identifiers stay exact).
 */
import { IdList, termIds } from './term-ids.js';

export { splitIdentifier, stem } from './identifier-terms.js';

export interface TokenizerOptions {
  /** Fold `parsing`/`parsed`/`parses` to `pars`…; applied to split parts only. */
  readonly stem: boolean;
  /** Drop English stop words and ubiquitous keywords. */
  readonly stopWords: boolean;
}

export const DEFAULT_TOKENIZER_OPTIONS: TokenizerOptions = Object.freeze({ stem: true, stopWords: true });

// Reused by calls that are not nested in another one's `emit`.
const shared = new IdList();
let sharedBusy = false;

/**
 * Calls `emit` for every term of `text`, in order, with repeats: for each identifier the original
 * compound first, then its parts; then the kebab-case words.
 */
export function forEachTerm(
  text: string,
  emit: (term: string) => void,
  options: TokenizerOptions = DEFAULT_TOKENIZER_OPTIONS,
): void {
  const nested = sharedBusy;
  const list = nested ? new IdList() : shared;
  sharedBusy = true;
  try {
    list.length = 0;
    const dictionary = termIds();
    dictionary.collect(text, options, list);
    const names = dictionary.names;
    const ids = list.ids;
    for (let k = 0; k < list.length; k++) emit(names[ids[k]!]!);
  } finally {
    sharedBusy = nested;
  }
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

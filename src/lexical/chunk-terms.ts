/**
 * The indexed terms of a chunk: one bag of words with field weights (a BM25F-style shortcut).
 * Body terms count once; the chunk's own symbol name counts `symbol` times (so a chunk that
 * defines `parseArgs` outranks one that merely calls it); the file name and its folders count
 * `path` times (so `router.ts` answers "router").
 */
import type { Chunk } from '../core/index.js';
import { STOP_WORDS } from './stop-words.js';
import { IdList, termIds, type TermIds } from './term-ids.js';
import { DEFAULT_TOKENIZER_OPTIONS, forEachTerm, type TokenizerOptions } from './tokenizer.js';

export interface FieldWeights {
  readonly body: number;
  /** Last component of the qualified symbol (`handle` in `Router.handle`). */
  readonly symbol: number;
  /** Enclosing components of the qualified symbol (`Router`). */
  readonly container: number;
  /** File name without extension. */
  readonly fileName: number;
  /** The folders of the path (nearest two). */
  readonly folders: number;
}

export const DEFAULT_FIELD_WEIGHTS: FieldWeights = Object.freeze({
  body: 1,
  symbol: 3,
  container: 1,
  fileName: 2,
  folders: 1,
});

export interface ChunkTerms {
  readonly terms: { term: string; tf: number }[];
  /** Document length for BM25 normalisation. */
  readonly length: number;
}

/**
 * Where {@link chunkTerms} leaves the chunk body's terms for another consumer (the built-in
 * model embeds from them instead of tokenizing the body again): ids in the tokenizer's order, with
 * repeats, and `names`, the dictionary they index (valid for good: a full dictionary is replaced,
 * never cleared).
 */
export class BodyTerms {
  readonly ids = new IdList();
  names: readonly string[] = [];
}

/**
 * Term frequencies by term id, in order of first appearance (the order a `Map` would iterate).
 * `cells[2 * id]` is the round that last touched the id, `cells[2 * id + 1]` its count in that
 * round (side by side: one cache line per term), so nothing needs clearing between chunks.
 */
class TermCounter {
  cells = new Float64Array(2048);
  round = 0;
  readonly order = new IdList();
  readonly ids = new IdList();

  begin(): void {
    this.round++;
    this.order.length = 0;
  }

  /** Adds `weight` for each term of `text`. */
  add(dictionary: TermIds, text: string, weight: number, options: TokenizerOptions): void {
    const list = this.ids;
    list.length = 0;
    dictionary.collect(text, options, list);
    this.reserve(dictionary.names.length);
    const { cells, round, order } = this;
    const ids = list.ids;
    for (let k = 0; k < list.length; k++) {
      const at = 2 * ids[k]!;
      if (cells[at] !== round) {
        cells[at] = round;
        cells[at + 1] = 0;
        order.push(ids[k]!);
      }
      cells[at + 1] += weight;
    }
  }

  /** Adds `weight` for the term `id` of a dictionary of `size` terms. */
  addId(id: number, weight: number, size: number): void {
    this.reserve(size);
    const at = 2 * id;
    if (this.cells[at] !== this.round) {
      this.cells[at] = this.round;
      this.cells[at + 1] = 0;
      this.order.push(id);
    }
    this.cells[at + 1] += weight;
  }

  /** Makes room for the ids of a dictionary of `size` terms. */
  private reserve(size: number): void {
    if (2 * size <= this.cells.length) return;
    const cells = new Float64Array(Math.max(2 * size, 2 * this.cells.length));
    cells.set(this.cells);
    this.cells = cells;
  }

  count(id: number): number {
    return this.cells[2 * id + 1]!;
  }
}

const counter = new TermCounter();

/**
 * Marks the stop words of a definition's own name (`new`, `default`, `from` in `from_str`) as terms
 * of their own (`=new`): a query of stop words only ("new", "fn new") searches for them, and they
 * neither match nor lengthen anything for any other query.
 */
export const NAME_STOP_WORD_MARK = '=';
/** The words of a name as the marking reads them: unstemmed, stop words kept. */
const NAME_WORDS: TokenizerOptions = Object.freeze({ stem: false, stopWords: false });
const scratch = new IdList();

/** The marked term of a word of a definition's name (`new` → `=new`) if it is a stop word, else null. */
function markedStopWord(word: string): string | null {
  return STOP_WORDS.has(word) ? NAME_STOP_WORD_MARK + word : null;
}

/** Calls `emit` with each stop word of `text` read as a name, and its marked term (the query side). */
export function forEachNameStopWord(text: string, emit: (word: string, marked: string) => void): void {
  forEachTerm(
    text,
    (word) => {
      const marked = markedStopWord(word);
      if (marked !== null) emit(word, marked);
    },
    NAME_WORDS,
  );
}

/** Counts the marked stop words of `name` at `weight`; returns the weight added. */
function addNameStopWords(dictionary: TermIds, name: string, weight: number): number {
  scratch.length = 0;
  dictionary.collect(name, NAME_WORDS, scratch);
  let added = 0;
  for (let k = 0; k < scratch.length; k++) {
    const marked = markedStopWord(dictionary.names[scratch.ids[k]!]!);
    if (marked === null) continue;
    counter.addId(dictionary.idOf(marked), weight, dictionary.names.length);
    added += weight;
  }
  return added;
}

/** The file name and folders of the last path (chunks of one file come one after another). */
let lastPath: { path: string; fileName: string; folders: string } = { path: '', fileName: '', folders: '' };

function pathFields(path: string): { fileName: string; folders: string } {
  if (lastPath.path !== path) {
    const segments = path.split('/');
    const fileName = (segments.pop() ?? '').replace(/\.[^.]*$/, '');
    lastPath = { path, fileName, folders: segments.slice(-2).join(' ') };
  }
  return lastPath;
}

/** The chunk's weighted terms; with `body`, also the body's term sequence (see {@link BodyTerms}). */
export function chunkTerms(
  path: string,
  chunk: Pick<Chunk, 'symbol' | 'content'>,
  weights: FieldWeights = DEFAULT_FIELD_WEIGHTS,
  options: TokenizerOptions = DEFAULT_TOKENIZER_OPTIONS,
  body?: BodyTerms,
): ChunkTerms {
  // A dictionary generation for the whole chunk: its ids index the counter.
  const dictionary = termIds();
  counter.begin();
  counter.add(dictionary, chunk.content, weights.body, options);
  if (body) {
    const from = counter.ids;
    if (from.length > body.ids.ids.length) body.ids.grow(from.length);
    body.ids.ids.set(from.ids.subarray(0, from.length));
    body.ids.length = from.length;
    body.names = dictionary.names;
  }
  let marked = 0;
  if (chunk.symbol) {
    const parts = chunk.symbol.split(/\.|::|#|>/).filter(Boolean);
    const last = parts.pop();
    if (last) {
      counter.add(dictionary, last, weights.symbol, options);
      if (options.stopWords) marked = addNameStopWords(dictionary, last, weights.symbol);
    }
    if (parts.length > 0) counter.add(dictionary, parts.join(' '), weights.container, options);
  }
  const { fileName, folders } = pathFields(path);
  counter.add(dictionary, fileName, weights.fileName, options);
  if (folders) counter.add(dictionary, folders, weights.folders, options);

  let length = 0;
  const terms: { term: string; tf: number }[] = [];
  const order = counter.order;
  const names = dictionary.names;
  for (let k = 0; k < order.length; k++) {
    const id = order.ids[k]!;
    const n = counter.count(id);
    terms.push({ term: names[id]!, tf: n });
    length += n;
  }
  return { terms, length: length - marked };
}

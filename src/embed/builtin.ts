/**
 * Provider `builtin`: the static code-embedding model trained by this project (model/), shipped in
 * `models/`. No download, no server, no API key. A text is embedded by looking up its terms (the
 * same identifier-aware terms as BM25) in a token → vector table, weighting each distinct term by
 * (1 + ln tf) · idf, summing and L2-normalising. It complements lexical search; it does not
 * replace it (alone it is weaker than BM25 on symbol queries).
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EmbeddingError, silentLogger, type Logger } from '../core/index.js';
import type { BodyTerms, TokenizerOptions } from '../lexical/index.js';
import { createAccumulationKernel, KERNEL_BATCH, type AccumulationKernel } from './builtin-kernel.js';
import { CachedTermMapper } from './builtin-terms.js';
import type { BuiltinModel } from './builtin-model.js';
import { loadSharedBuiltinModel, termTableOf } from './builtin-shared.js';
import type { Embedder } from './embedder.js';

export const BUILTIN_MODEL_NAME = 'codebase-mcp-static-v1';

/** `rowOfTerm` entry not looked up yet (-1 is a term the model does not know). */
const UNSEEN = -2;

export interface BuiltinEmbedderOptions {
  /** Model name; the file is `models/<model>.bin` under the package root. */
  readonly model?: string;
  /** Explicit path to a model file (overrides `model` for locating the file). */
  readonly modelPath?: string;
  readonly logger?: Logger;
}

/** `models/<file>` found by walking up from this module (works from src/, dist/src/ and /app). */
export function resolveBuiltinModelPath(model = BUILTIN_MODEL_NAME): string {
  const file = `${model}.bin`;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    const candidate = join(dir, 'models', file);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'models', file);
}

/** Embeds texts with a loaded model; synchronous and single-threaded. */
export class BuiltinVectorizer {
  private readonly terms: CachedTermMapper;
  private readonly tf: Uint32Array;
  private touched = new Int32Array(256);
  /** Distinct terms counted so far for the current text (`touched[0..distinct)`). */
  private distinct = 0;
  /** Vocabulary row of each lexical dictionary id (`embedWithBody`), for the dictionary `bodyNames`. */
  private rowOfTerm = new Int32Array(1024).fill(UNSEEN);
  private bodyNames: readonly string[] | undefined;
  private bodyRows = new Int32Array(1024);
  private readonly dims: number;
  private readonly fallback: Float32Array;
  private readonly acc: Float64Array;
  private readonly kernel: AccumulationKernel | null;

  /**
   * @param useKernel add the rows with the WebAssembly kernel where it is available (the same
   *   vectors, faster); false keeps the JavaScript loop (tests compare the two).
   */
  constructor(
    private readonly model: BuiltinModel,
    useKernel = true,
  ) {
    this.terms = new CachedTermMapper(model.metadata.tokenizer, termTableOf(model));
    this.tf = new Uint32Array(model.metadata.vocabularySize);
    this.dims = model.metadata.dimensions;
    this.acc = new Float64Array(this.dims);
    this.kernel = useKernel ? createAccumulationKernel(model.table, this.dims) : null;
    // A text with no known term gets a fixed unit vector rather than a zero vector (cosine NaN).
    this.fallback = new Float32Array(this.dims).fill(1 / Math.sqrt(this.dims));
  }

  /** Forgets the identifiers seen so far (for measuring the cold path). */
  clearCache(): void {
    this.terms.clear();
  }

  get dimensions(): number {
    return this.dims;
  }

  embed(text: string): Float32Array {
    this.distinct = 0;
    this.count(this.terms.ids, this.terms.collect(text));
    return this.vector();
  }

  /**
   * The vector of `head + "\n" + body text`, given the body's terms as the lexical tokenizer found
   * them (`chunkTerms` with a {@link BodyTerms}): the body is not tokenized a second time. The
   * same terms as {@link embed}'s; only kebab-case words of the head are added before the body's
   * terms instead of after them, which changes the order of the sums (~1e-7), not the terms.
   * Only for a tokenizer with the model's options ({@link tokenizesAs}).
   */
  embedWithBody(head: string, body: BodyTerms): Float32Array {
    this.distinct = 0;
    this.count(this.terms.ids, this.terms.collect(head));
    const n = body.ids.length;
    if (this.bodyRows.length < n) this.bodyRows = new Int32Array(Math.max(n, 2 * this.bodyRows.length));
    const rows = this.bodyRows;
    const ids = body.ids.ids;
    if (body.names !== this.bodyNames) {
      this.bodyNames = body.names;
      this.rowOfTerm.fill(UNSEEN);
    }
    const names = body.names;
    if (this.rowOfTerm.length < names.length) {
      const grown = new Int32Array(Math.max(names.length, 2 * this.rowOfTerm.length)).fill(UNSEEN);
      grown.set(this.rowOfTerm);
      this.rowOfTerm = grown;
    }
    const rowOfTerm = this.rowOfTerm;
    let kept = 0;
    for (let k = 0; k < n; k++) {
      const term = ids[k]!;
      let row = rowOfTerm[term]!;
      if (row === UNSEEN) rowOfTerm[term] = row = this.terms.idOf(names[term]!);
      if (row >= 0) rows[kept++] = row;
    }
    this.count(rows, kept);
    return this.vector();
  }

  /** Whether {@link embedWithBody} may take terms from a tokenizer with these options. */
  tokenizesAs(options: TokenizerOptions): boolean {
    return this.terms.tokenizesAs(options);
  }

  /** Adds `n` term occurrences (vocabulary ids) to the current text's counts. */
  private count(ids: Int32Array, n: number): void {
    const tf = this.tf;
    if (this.touched.length < this.distinct + n) {
      const grown = new Int32Array(Math.max(this.distinct + n, this.touched.length * 2));
      grown.set(this.touched.subarray(0, this.distinct));
      this.touched = grown;
    }
    const touched = this.touched;
    let distinct = this.distinct;
    for (let k = 0; k < n; k++) {
      const id = ids[k]!;
      if (tf[id]++ === 0) touched[distinct++] = id;
    }
    this.distinct = distinct;
  }

  /** The normalised weighted sum of the counted terms' rows; resets the counts. */
  private vector(): Float32Array {
    const { touched, distinct } = this;
    if (distinct === 0) return this.fallback.slice();
    const d = this.dims;
    const kernel = this.kernel;
    const acc = kernel === null ? this.acc : kernel.acc;
    acc.fill(0);
    if (kernel === null) this.accumulate(touched, distinct);
    else {
      const { rows, weights, rowBase } = kernel;
      for (let from = 0; from < distinct; from += KERNEL_BATCH) {
        const n = Math.min(KERNEL_BATCH, distinct - from);
        for (let k = 0; k < n; k++) {
          const id = touched[from + k]!;
          rows[k] = rowBase + id * d;
          weights[k] = this.weight(id);
        }
        kernel.accumulate(n);
      }
    }
    let norm = 0;
    for (let j = 0; j < d; j++) norm += acc[j]! * acc[j]!;
    if (norm === 0) return this.fallback.slice();
    const inv = 1 / Math.sqrt(norm);
    const out = new Float32Array(d);
    for (let j = 0; j < d; j++) out[j] = acc[j]! * inv;
    return out;
  }

  /** The JavaScript twin of the kernel: the same sums in the same order. */
  private accumulate(touched: Int32Array, distinct: number): void {
    const table = this.model.table;
    const d = this.dims;
    const acc = this.acc;
    // Four rows at a time: a quarter of the loads and stores of `acc`, the hot loop of the embedder.
    let k = 0;
    for (; k + 3 < distinct; k += 4) {
      const w0 = this.weight(touched[k]!);
      const w1 = this.weight(touched[k + 1]!);
      const w2 = this.weight(touched[k + 2]!);
      const w3 = this.weight(touched[k + 3]!);
      const b0 = touched[k]! * d;
      const b1 = touched[k + 1]! * d;
      const b2 = touched[k + 2]! * d;
      const b3 = touched[k + 3]! * d;
      for (let j = 0; j < d; j++) {
        acc[j]! += w0 * table[b0 + j]! + w1 * table[b1 + j]! + w2 * table[b2 + j]! + w3 * table[b3 + j]!;
      }
    }
    for (; k < distinct; k++) {
      const w = this.weight(touched[k]!);
      const b = touched[k]! * d;
      for (let j = 0; j < d; j++) acc[j]! += w * table[b + j]!;
    }
  }

  /** (1 + ln tf) · idf · scale of a term of the current text; clears its count for the next. */
  private weight(id: number): number {
    const count = this.tf[id]!;
    this.tf[id] = 0;
    return (count === 1 ? 1 : 1 + Math.log(count)) * this.model.rowFactor[id]!;
  }
}

/** Creates the `builtin` embedder. The model file is read on first use (probe or embed). */
export function createBuiltinEmbedder(options: BuiltinEmbedderOptions = {}): Embedder {
  const model = options.model ?? BUILTIN_MODEL_NAME;
  const path = options.modelPath ?? resolveBuiltinModelPath(model);
  const logger = options.logger ?? silentLogger;
  let loading: Promise<BuiltinVectorizer> | undefined;
  let vectorizer: BuiltinVectorizer | undefined;

  const load = (): Promise<BuiltinVectorizer> => {
    loading ??= (async () => {
      const started = performance.now();
      const loaded = await loadSharedBuiltinModel(path);
      if (loaded.metadata.name !== model && options.modelPath === undefined) {
        throw new EmbeddingError(
          'EMBEDDING_FAILED',
          `The model file ${path} holds ${loaded.metadata.name}, not ${model}.`,
          {
            hint: 'Reinstall codebase-mcp so models/ matches the code.',
            details: { path },
          },
        );
      }
      vectorizer = new BuiltinVectorizer(loaded);
      logger.debug('built-in embedding model loaded', {
        path,
        vocabulary: loaded.metadata.vocabularySize,
        dimensions: loaded.metadata.dimensions,
        ms: Math.round(performance.now() - started),
      });
      return vectorizer;
    })();
    loading.catch(() => (loading = undefined));
    return loading;
  };

  const checkAbort = (signal: AbortSignal | undefined): void => {
    if (signal?.aborted) {
      throw new EmbeddingError('CANCELLED', 'Embedding was cancelled.', { cause: signal.reason });
    }
  };

  return {
    provider: 'builtin',
    model,
    id: `builtin:${model}`,
    local: true,
    worker: { provider: 'builtin', model, path },
    dimensions: () => vectorizer?.dimensions ?? null,
    async probe(signal) {
      checkAbort(signal);
      await load();
    },
    async embedDocuments(texts, signal) {
      const v = await load();
      const out: Float32Array[] = [];
      for (let i = 0; i < texts.length; i++) {
        if ((i & 255) === 0) checkAbort(signal);
        out.push(v.embed(texts[i]!));
      }
      return out;
    },
    async embedQuery(text, signal) {
      checkAbort(signal);
      return (await load()).embed(text);
    },
  };
}

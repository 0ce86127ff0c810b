/**
 * The part every HTTP provider shares: prefixes, truncation, batching, bounded concurrency,
 * dimension detection and checks, unit-length vectors. A provider only supplies a `Backend`: how
 * to send one batch and how to check its model.
 */
import { EmbeddingError, silentLogger } from '../core/index.js';
import type { Logger } from '../core/index.js';
import { planBatches, runBounded, truncateText } from './batching.js';
import type { Embedder } from './embedder.js';
import { EMBEDDING_DEFAULTS } from './config.js';
import type { EmbedderDeps, EmbeddingConfig } from './config.js';
import { prefixesFor, type TaskPrefixes } from './prefixes.js';
import { VectorProblem, toUnitVector } from './vectors.js';

/** One provider's wire protocol. */
export interface Backend {
  readonly provider: string;
  readonly model: string;
  /** The URL batches go to (for messages). */
  readonly endpoint: string;
  /** Sends one batch (retries included) and returns one raw vector per text, in order. */
  embedBatch(texts: readonly string[], signal: AbortSignal | undefined): Promise<unknown[]>;
  /** Checks the server is reachable and has the model; throws EmbeddingError with a hint. */
  checkModel(signal: AbortSignal | undefined): Promise<void>;
}

export interface BatchingOptions {
  readonly batchSize: number;
  readonly maxBatchChars: number;
  readonly maxInputChars: number;
  readonly concurrency: number;
  /** Known vector length, if any; otherwise the first response sets it. */
  readonly dimensions?: number | undefined;
  readonly prefixes: TaskPrefixes;
  readonly logger?: Logger;
}

/** The batching options every HTTP provider derives the same way from the configuration. */
export function batchingOptions(config: EmbeddingConfig, model: string, deps: EmbedderDeps): BatchingOptions {
  return {
    batchSize: config.batchSize,
    maxBatchChars: config.maxBatchChars ?? EMBEDDING_DEFAULTS.maxBatchChars,
    maxInputChars: config.maxInputChars ?? EMBEDDING_DEFAULTS.maxInputChars,
    concurrency: config.concurrency,
    dimensions: config.dimensions,
    prefixes: prefixesFor(model),
    ...(deps.logger ? { logger: deps.logger } : {}),
  };
}

export class BatchingEmbedder implements Embedder {
  readonly provider: string;
  readonly model: string;
  readonly id: string;
  readonly #backend: Backend;
  readonly #opts: BatchingOptions;
  readonly #logger: Logger;
  #dimensions: number | null;

  constructor(backend: Backend, options: BatchingOptions) {
    this.#backend = backend;
    this.#opts = options;
    this.provider = backend.provider;
    this.model = backend.model;
    this.id = `${backend.provider}:${backend.model}`;
    this.#dimensions = options.dimensions ?? null;
    this.#logger = (options.logger ?? silentLogger).child({
      provider: backend.provider,
      model: backend.model,
    });
  }

  dimensions(): number | null {
    return this.#dimensions;
  }

  /** Checks the model, then embeds one short query so the dimensions are known afterwards. */
  async probe(signal?: AbortSignal): Promise<void> {
    await this.#backend.checkModel(signal);
    await this.embedQuery('probe', signal);
  }

  async embedQuery(text: string, signal?: AbortSignal): Promise<Float32Array> {
    const [vector] = await this.#embedPrepared([this.#prepare(text, this.#opts.prefixes.query)], signal);
    return vector!;
  }

  embedDocuments(texts: readonly string[], signal?: AbortSignal): Promise<Float32Array[]> {
    const prefix = this.#opts.prefixes.document;
    return this.#embedPrepared(
      texts.map((t) => this.#prepare(t, prefix)),
      signal,
    );
  }

  async #embedPrepared(texts: readonly string[], signal?: AbortSignal): Promise<Float32Array[]> {
    if (texts.length === 0) return [];
    const batches = planBatches(texts, this.#opts.batchSize, this.#opts.maxBatchChars);
    const out = new Array<Float32Array>(texts.length);
    // Aborted on the first failure so the batches still in flight stop too.
    const stop = new AbortController();
    const combined = signal === undefined ? stop.signal : AbortSignal.any([signal, stop.signal]);
    const started = Date.now();
    await runBounded(
      batches,
      this.#opts.concurrency,
      async (batch) => {
        const raw = await this.#backend.embedBatch(batch.texts, combined);
        if (raw.length !== batch.texts.length) {
          throw this.#error(
            `${this.#backend.provider} returned ${raw.length} embeddings for ${batch.texts.length} inputs from ${this.#backend.endpoint}.`,
            'The server dropped or added inputs; check that it is an embedding endpoint and that its version supports batched input.',
            { expected: batch.texts.length, actual: raw.length },
          );
        }
        raw.forEach((vector, i) => (out[batch.start + i] = this.#accept(vector)));
      },
      () => stop.abort(),
    );
    if (texts.length > 1) {
      this.#logger.debug('embedded documents', {
        texts: texts.length,
        requests: batches.length,
        ms: Date.now() - started,
      });
    }
    return out;
  }

  #prepare(text: string, prefix: string): string {
    // Empty input is rejected by some servers (OpenAI answers 400); a space embeds as "nothing".
    const body = truncateText(text, Math.max(1, this.#opts.maxInputChars - prefix.length));
    return prefix + (body.trim() === '' && prefix === '' ? ' ' : body);
  }

  #accept(raw: unknown): Float32Array {
    const vector = toUnitVector(raw);
    if (vector instanceof VectorProblem) {
      throw this.#error(
        `${this.#backend.provider} returned an unusable embedding from ${this.#backend.endpoint}: ${vector.reason}.`,
        'The model or server is misbehaving; check the server log, or try another model.',
        {},
      );
    }
    const expected = this.#dimensions;
    if (expected === null) {
      this.#dimensions = vector.length;
    } else if (vector.length !== expected) {
      throw this.#error(
        `Embedding model ${this.id} returned a ${vector.length}-dimensional vector, expected ${expected} dimensions (from ${this.#backend.endpoint}).`,
        'The model behind the URL changed, or the `dimensions` setting does not match the model. Use one model per index, or re-index with --force after changing it.',
        { expected, actual: vector.length },
      );
    }
    return vector;
  }

  #error(message: string, hint: string, details: Record<string, unknown>): EmbeddingError {
    return new EmbeddingError('EMBEDDING_FAILED', message, {
      hint,
      details: { provider: this.#backend.provider, url: this.#backend.endpoint, status: null, ...details },
    });
  }
}

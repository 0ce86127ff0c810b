/**
 * What `createEmbedder` needs: the `embedding` section of the configuration (a structural subset,
 * so `Config['embedding']` can be passed as is) plus injectable I/O for tests.
 */
import type { Logger } from '../core/index.js';

export type EmbeddingProvider = 'none' | 'ollama' | 'openai' | 'builtin';

/** Settings of one embedder. Optional fields fall back to `EMBEDDING_DEFAULTS`. */
export interface EmbeddingConfig {
  readonly provider: EmbeddingProvider;
  /** Model name; defaults per provider (`nomic-embed-text`, `text-embedding-3-small`). */
  readonly model?: string | undefined;
  /** Base URL of the provider; defaults per provider. For `openai`, with or without a trailing `/v1`. */
  readonly url?: string | undefined;
  /** Bearer token for `openai`; optional for local OpenAI-compatible servers. Never logged. */
  readonly apiKey?: string | undefined;
  /** Most texts in one request. */
  readonly batchSize: number;
  /** Most characters (all texts of a request together, after prefixes). A single longer text still goes alone. */
  readonly maxBatchChars?: number | undefined;
  /** Inputs longer than this (in UTF-16 code units, prefix included) are truncated, not rejected. */
  readonly maxInputChars?: number | undefined;
  /** Requests in flight at once for one `embedDocuments` call. */
  readonly concurrency: number;
  /** Timeout of one HTTP request (one attempt), in milliseconds. */
  readonly timeoutMs: number;
  /** Retries after the first attempt, on timeouts, network errors, 408, 429 and 5xx. */
  readonly maxRetries: number;
  /**
   * Requested vector length (OpenAI `dimensions`, Ollama `dimensions`) for models that can shorten
   * their output; also the length every vector is checked against. Detected on first use otherwise.
   */
  readonly dimensions?: number | undefined;
  /** Ollama `keep_alive` (e.g. `5m`, `-1`): how long the model stays loaded after a request. */
  readonly keepAlive?: string | undefined;
}

/** Injectable I/O. Everything defaults to the real thing. */
export interface EmbedderDeps {
  readonly fetch?: typeof fetch;
  readonly logger?: Logger;
  /** Waits `ms` milliseconds; rejects when `signal` aborts. Used between retries. */
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** A number in [0, 1); drives the backoff jitter. */
  readonly random?: () => number;
  /** Milliseconds since the epoch; used to read `Retry-After` given as an HTTP date. */
  readonly now?: () => number;
}

export const EMBEDDING_DEFAULTS = Object.freeze({
  ollama: { url: 'http://127.0.0.1:11434', model: 'nomic-embed-text' },
  openai: { url: 'https://api.openai.com', model: 'text-embedding-3-small' },
  /** ~25-35k tokens of code: well under OpenAI's 300k-token request cap and quick on a CPU Ollama. */
  maxBatchChars: 100_000,
  /**
   * ~2-3k tokens of code. Below the context of the usual embedding models (nomic-embed-text 2048
   * tokens by default in Ollama, which truncates itself; OpenAI 8191, which rejects longer inputs).
   */
  maxInputChars: 8_000,
  /** First backoff step and ceiling (full jitter: the wait is uniform in [0, min(cap, base·2^n))). */
  backoffBaseMs: 500,
  backoffCapMs: 20_000,
  /** A server's `Retry-After` is honoured up to this long. */
  maxRetryAfterMs: 60_000,
});

/**
 * JSON over HTTP for the embedding providers: one attempt under a timeout combined with the
 * caller's signal, retried with backoff on timeouts, network errors, 408, 429 and 5xx (honouring
 * `Retry-After`), never on other 4xx. Failures become EmbeddingErrors worded by the provider.
 */
import { EmbeddingError, silentLogger } from '../core/index.js';
import type { Logger } from '../core/index.js';
import type { EmbedderDeps } from './config.js';
import { DEFAULT_BACKOFF, backoffDelay, parseRetryAfter, sleepFor } from './retry.js';

/** Why one attempt failed. */
export type Failure =
  | { readonly kind: 'timeout'; readonly timeoutMs: number }
  | { readonly kind: 'network'; readonly reason: string }
  | {
      readonly kind: 'status';
      readonly status: number;
      /** The server's own error text (`{"error": "..."}`, `{"error": {"message": ...}}`, or the body). */
      readonly serverMessage: string;
      readonly retryAfterMs: number | null;
    }
  | { readonly kind: 'malformed'; readonly status: number; readonly reason: string };

/** A provider's wording of a failure: what happened and what to do about it. */
export type DescribeFailure = (failure: Failure, url: string) => { message: string; hint: string };

export interface TransportOptions {
  readonly provider: string;
  readonly timeoutMs: number;
  readonly maxRetries: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly describe: DescribeFailure;
  /** Secrets to scrub from every message, hint and log line (the API key). */
  readonly secrets?: readonly string[];
  readonly deps?: EmbedderDeps;
}

export class JsonTransport {
  readonly #opts: TransportOptions;
  readonly #fetch: typeof fetch;
  readonly #sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  readonly #random: () => number;
  readonly #now: () => number;
  readonly #logger: Logger;

  constructor(options: TransportOptions) {
    this.#opts = options;
    const deps = options.deps ?? {};
    this.#fetch = deps.fetch ?? globalThis.fetch;
    this.#sleep = deps.sleep ?? sleepFor;
    this.#random = deps.random ?? Math.random;
    this.#now = deps.now ?? Date.now;
    this.#logger = (deps.logger ?? silentLogger).child({ provider: options.provider });
  }

  /** POSTs `body` as JSON and returns the parsed response, retrying transient failures. */
  post(url: string, body: unknown, signal?: AbortSignal): Promise<unknown> {
    return this.request('POST', url, body, signal);
  }

  async request(method: 'GET' | 'POST', url: string, body: unknown, signal?: AbortSignal): Promise<unknown> {
    const attempts = this.#opts.maxRetries + 1;
    for (let attempt = 1; ; attempt++) {
      const outcome = await this.attempt(method, url, body, signal);
      if (outcome.ok) return outcome.json;
      const failure = outcome.failure;
      if (!isRetryable(failure) || attempt >= attempts) throw this.toError(failure, url, attempt);
      const wait =
        failure.kind === 'status' && failure.retryAfterMs !== null
          ? failure.retryAfterMs
          : backoffDelay(attempt - 1, this.#random);
      this.#logger.warn('embedding request failed; retrying', {
        url,
        attempt,
        of: attempts,
        waitMs: wait,
        failure: this.#scrub(summarize(failure)),
      });
      try {
        await this.#sleep(wait, signal);
      } catch (error) {
        throw cancelled(this.#opts.provider, url, signal, error);
      }
    }
  }

  /** One attempt; never throws except when the caller's signal aborted. */
  async attempt(
    method: 'GET' | 'POST',
    url: string,
    body: unknown,
    signal?: AbortSignal,
  ): Promise<{ ok: true; json: unknown } | { ok: false; failure: Failure }> {
    if (signal?.aborted) throw cancelled(this.#opts.provider, url, signal);
    const timeout = AbortSignal.timeout(this.#opts.timeoutMs);
    const combined = signal === undefined ? timeout : AbortSignal.any([signal, timeout]);
    let response: Response;
    let text: string;
    try {
      response = await this.#fetch(url, {
        method,
        headers: {
          accept: 'application/json',
          ...(method === 'POST' ? { 'content-type': 'application/json' } : {}),
          ...this.#opts.headers,
        },
        body: method === 'POST' ? JSON.stringify(body) : undefined,
        signal: combined,
      });
      text = await response.text();
    } catch (error) {
      if (signal?.aborted) throw cancelled(this.#opts.provider, url, signal, error);
      if (timeout.aborted)
        return { ok: false, failure: { kind: 'timeout', timeoutMs: this.#opts.timeoutMs } };
      return { ok: false, failure: { kind: 'network', reason: networkReason(error) } };
    }
    if (!response.ok) {
      const retryAfterMs =
        response.status === 429 || response.status === 503
          ? parseRetryAfter(response.headers, this.#now(), DEFAULT_BACKOFF.maxRetryAfterMs)
          : null;
      const serverMessage = extractServerMessage(text);
      return { ok: false, failure: { kind: 'status', status: response.status, serverMessage, retryAfterMs } };
    }
    try {
      return { ok: true, json: JSON.parse(text) as unknown };
    } catch {
      const reason = `the response is not JSON (starts with ${JSON.stringify(text.slice(0, 60))})`;
      return { ok: false, failure: { kind: 'malformed', status: response.status, reason } };
    }
  }

  /** The EmbeddingError for a failure, worded by the provider, secrets scrubbed. */
  toError(failure: Failure, url: string, attempts = 1, hintOverride?: string): EmbeddingError {
    const described = this.#opts.describe(failure, url);
    const message = described.message;
    const hint = hintOverride ?? described.hint;
    const tail = attempts > 1 ? ` (after ${attempts} attempts)` : '';
    return new EmbeddingError('EMBEDDING_FAILED', this.#scrub(message + tail), {
      hint: this.#scrub(hint),
      details: {
        provider: this.#opts.provider,
        url,
        status: failure.kind === 'status' || failure.kind === 'malformed' ? failure.status : null,
        failure: failure.kind,
        attempts,
      },
    });
  }

  /** An EmbeddingError for a response that parsed but has the wrong shape. */
  shapeError(url: string, what: string, hint: string): EmbeddingError {
    return this.toError({ kind: 'malformed', status: 200, reason: what }, url, 1, hint);
  }

  #scrub(text: string): string {
    let out = text;
    for (const secret of this.#opts.secrets ?? []) if (secret !== '') out = out.split(secret).join('***');
    return out;
  }
}

function isRetryable(failure: Failure): boolean {
  switch (failure.kind) {
    case 'timeout':
    case 'network':
      return true;
    case 'status':
      return failure.status === 408 || failure.status === 429 || failure.status >= 500;
    case 'malformed':
      return false;
  }
}

function summarize(failure: Failure): string {
  switch (failure.kind) {
    case 'timeout':
      return `timed out after ${failure.timeoutMs} ms`;
    case 'network':
      return failure.reason;
    case 'status':
      return `HTTP ${failure.status}: ${failure.serverMessage}`;
    case 'malformed':
      return failure.reason;
  }
}

/** `{"error":"..."}` (Ollama), `{"error":{"message":"..."}}` (OpenAI), else the body, shortened. */
export function extractServerMessage(text: string): string {
  try {
    const json = JSON.parse(text) as { error?: unknown; message?: unknown; detail?: unknown };
    const error = json.error;
    if (typeof error === 'string') return error;
    if (
      error !== null &&
      typeof error === 'object' &&
      typeof (error as { message?: unknown }).message === 'string'
    )
      return (error as { message: string }).message;
    if (typeof json.message === 'string') return json.message;
    if (typeof json.detail === 'string') return json.detail;
  } catch {
    // not JSON: fall through to the raw text
  }
  const trimmed = text.trim().replace(/\s+/g, ' ');
  return trimmed.length > 200 ? trimmed.slice(0, 200) + '…' : trimmed || '(empty body)';
}

function networkReason(error: unknown): string {
  const cause =
    error instanceof Error ? (error.cause as { code?: unknown; message?: unknown } | undefined) : undefined;
  if (cause && typeof cause.code === 'string') return cause.code;
  if (cause && typeof cause.message === 'string') return cause.message;
  return error instanceof Error ? error.message : String(error);
}

function cancelled(provider: string, url: string, signal?: AbortSignal, cause?: unknown): EmbeddingError {
  return new EmbeddingError('CANCELLED', 'Embedding cancelled.', {
    details: { provider, url },
    cause: signal?.reason ?? cause,
  });
}

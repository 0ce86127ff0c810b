/**
 * OpenAI-compatible embeddings: `POST {base}/v1/embeddings` with `{ model, input: string[],
 * encoding_format: "float", dimensions? }` answering `{ data: [{ index, embedding }], model, usage }`.
 * Works with api.openai.com and local servers (vLLM, LM Studio, llama.cpp, text-embeddings-inference).
 */
import type { Backend } from './batching-embedder.js';
import { BatchingEmbedder, batchingOptions } from './batching-embedder.js';
import { EMBEDDING_DEFAULTS } from './config.js';
import type { EmbedderDeps, EmbeddingConfig } from './config.js';
import { JsonTransport } from './transport.js';
import type { Failure } from './transport.js';

export function createOpenAIEmbedder(config: EmbeddingConfig, deps: EmbedderDeps = {}): BatchingEmbedder {
  const model = config.model ?? EMBEDDING_DEFAULTS.openai.model;
  const backend = new OpenAIBackend(model, config, deps);
  return new BatchingEmbedder(backend, batchingOptions(config, model, deps));
}

/** `https://api.openai.com`, `…/v1`, `…/v1/` all become `…/v1`. */
export function openAIBaseUrl(url: string): string {
  const trimmed = url.replace(/\/+$/, '');
  return /\/v1$/.test(trimmed) ? trimmed : `${trimmed}/v1`;
}

class OpenAIBackend implements Backend {
  readonly provider = 'openai';
  readonly endpoint: string;
  readonly #transport: JsonTransport;
  readonly #dimensions: number | undefined;

  constructor(
    readonly model: string,
    config: EmbeddingConfig,
    deps: EmbedderDeps,
  ) {
    this.endpoint = `${openAIBaseUrl(config.url ?? EMBEDDING_DEFAULTS.openai.url)}/embeddings`;
    this.#dimensions = config.dimensions;
    const key = config.apiKey;
    this.#transport = new JsonTransport({
      provider: this.provider,
      timeoutMs: config.timeoutMs,
      maxRetries: config.maxRetries,
      headers: key ? { authorization: `Bearer ${key}` } : {},
      secrets: key ? [key] : [],
      describe: (failure, url) =>
        describeOpenAIFailure(failure, url, model, key !== undefined, config.timeoutMs),
      deps,
    });
  }

  async embedBatch(texts: readonly string[], signal: AbortSignal | undefined): Promise<unknown[]> {
    const body = {
      model: this.model,
      input: texts,
      encoding_format: 'float',
      ...(this.#dimensions !== undefined ? { dimensions: this.#dimensions } : {}),
    };
    const json = await this.#transport.post(this.endpoint, body, signal);
    const data = (json as { data?: unknown } | null)?.data;
    const hint = `Check that ${this.endpoint} is an OpenAI-compatible embeddings endpoint (CODEBASE_MCP_EMBEDDING_URL).`;
    if (!Array.isArray(data)) {
      throw this.#transport.shapeError(this.endpoint, 'the answer has no "data" array', hint);
    }
    const byIndex = new Array<unknown>(data.length);
    for (const [position, item] of data.entries()) {
      const index = (item as { index?: unknown } | null)?.index ?? position;
      if (typeof index !== 'number' || !Number.isInteger(index) || index < 0 || index >= data.length) {
        throw this.#transport.shapeError(this.endpoint, `data[${position}].index is ${String(index)}`, hint);
      }
      if (byIndex[index] !== undefined) {
        throw this.#transport.shapeError(this.endpoint, `index ${index} appears twice in "data"`, hint);
      }
      byIndex[index] = (item as { embedding?: unknown }).embedding;
    }
    return byIndex;
  }

  /** The embeddings endpoint is the only one every compatible server has; `probe` embeds through it. */
  async checkModel(): Promise<void> {}
}

function describeOpenAIFailure(
  failure: Failure,
  url: string,
  model: string,
  hasKey: boolean,
  timeoutMs: number,
): { message: string; hint: string } {
  switch (failure.kind) {
    case 'network':
      return {
        message: `Cannot reach the embedding server at ${url} (${failure.reason}).`,
        hint: 'Check CODEBASE_MCP_EMBEDDING_URL and that the server is running and reachable from here.',
      };
    case 'timeout':
      return {
        message: `The embedding server at ${url} did not answer within ${timeoutMs} ms.`,
        hint: 'Raise CODEBASE_MCP_EMBEDDING_TIMEOUT_MS or lower CODEBASE_MCP_EMBEDDING_BATCH_SIZE.',
      };
    case 'malformed':
      return {
        message: `The embedding server at ${url} sent an unreadable answer: ${failure.reason}.`,
        hint: 'Check that CODEBASE_MCP_EMBEDDING_URL points at an OpenAI-compatible API (the base URL, with or without /v1).',
      };
    case 'status': {
      const message = `The embedding server at ${url} answered HTTP ${failure.status}: ${failure.serverMessage}`;
      switch (failure.status) {
        case 401:
          return {
            message: hasKey
              ? `The embedding server at ${url} rejected the API key (HTTP 401).`
              : `The embedding server at ${url} requires an API key (HTTP 401).`,
            hint: hasKey
              ? 'Check CODEBASE_MCP_EMBEDDING_API_KEY: it may be mistyped, revoked or for another organisation.'
              : 'Set CODEBASE_MCP_EMBEDDING_API_KEY.',
          };
        case 403:
          return { message, hint: 'The API key is valid but not allowed to use this model or project.' };
        case 404:
          return {
            message: `Embedding model ${model} was not found at ${url} (HTTP 404: ${failure.serverMessage})`,
            hint: 'Check CODEBASE_MCP_EMBEDDING_MODEL (the server lists its models at GET /v1/models) and CODEBASE_MCP_EMBEDDING_URL.',
          };
        case 429:
          return {
            message,
            hint: 'Rate limited: lower CODEBASE_MCP_EMBEDDING_CONCURRENCY or check your quota.',
          };
        default:
          return failure.status >= 500
            ? { message, hint: 'The server failed; check its status page or log and try again.' }
            : {
                message,
                hint: `The server refused the request; check CODEBASE_MCP_EMBEDDING_MODEL (${model}) and the dimensions setting.`,
              };
      }
    }
  }
}

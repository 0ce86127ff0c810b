/**
 * Ollama: `POST /api/embed` with `{ model, input: string[], truncate: true, keep_alive? }` answering
 * `{ model, embeddings: number[][] }` (the current, batched API; not the legacy one-text
 * `/api/embeddings`). The model is checked with `POST /api/show`.
 */
import { EmbeddingError } from '../core/index.js';
import type { Backend } from './batching-embedder.js';
import { BatchingEmbedder, batchingOptions } from './batching-embedder.js';
import { EMBEDDING_DEFAULTS } from './config.js';
import type { EmbedderDeps, EmbeddingConfig } from './config.js';
import { JsonTransport } from './transport.js';
import type { Failure } from './transport.js';

export function createOllamaEmbedder(config: EmbeddingConfig, deps: EmbedderDeps = {}): BatchingEmbedder {
  const model = config.model ?? EMBEDDING_DEFAULTS.ollama.model;
  const baseUrl = trimSlashes(config.url ?? EMBEDDING_DEFAULTS.ollama.url);
  const backend = new OllamaBackend(model, baseUrl, config, deps);
  return new BatchingEmbedder(backend, batchingOptions(config, model, deps));
}

class OllamaBackend implements Backend {
  readonly provider = 'ollama';
  readonly endpoint: string;
  readonly #transport: JsonTransport;

  constructor(
    readonly model: string,
    readonly baseUrl: string,
    private readonly config: EmbeddingConfig,
    deps: EmbedderDeps,
  ) {
    this.endpoint = `${baseUrl}/api/embed`;
    this.#transport = new JsonTransport({
      provider: this.provider,
      timeoutMs: config.timeoutMs,
      maxRetries: config.maxRetries,
      describe: (failure, url) => describeOllamaFailure(failure, url, model, baseUrl, config.timeoutMs),
      deps,
    });
  }

  async embedBatch(texts: readonly string[], signal: AbortSignal | undefined): Promise<unknown[]> {
    const body = {
      model: this.model,
      input: texts,
      truncate: true,
      ...(this.config.keepAlive !== undefined ? { keep_alive: this.config.keepAlive } : {}),
      ...(this.config.dimensions !== undefined ? { dimensions: this.config.dimensions } : {}),
    };
    const json = await this.#transport.post(this.endpoint, body, signal);
    const embeddings = (json as { embeddings?: unknown } | null)?.embeddings;
    if (!Array.isArray(embeddings)) {
      throw this.#transport.shapeError(
        this.endpoint,
        `Ollama's answer from ${this.endpoint} has no "embeddings" array`,
        `Check that ${this.baseUrl} is an Ollama server recent enough for /api/embed (0.3.0 or later): \`ollama --version\`.`,
      );
    }
    return embeddings;
  }

  async checkModel(signal: AbortSignal | undefined): Promise<void> {
    const url = `${this.baseUrl}/api/show`;
    const json = await this.#transport.post(url, { model: this.model }, signal);
    const capabilities = (json as { capabilities?: unknown } | null)?.capabilities;
    // Ollama 0.6+ lists capabilities; older versions do not, and then we let /api/embed decide.
    if (Array.isArray(capabilities) && !capabilities.includes('embedding')) {
      throw new EmbeddingError('EMBEDDING_FAILED', `Ollama model ${this.model} is not an embedding model.`, {
        hint: `Use an embedding model such as ${EMBEDDING_DEFAULTS.ollama.model} (\`ollama pull ${EMBEDDING_DEFAULTS.ollama.model}\`) and set CODEBASE_MCP_EMBEDDING_MODEL.`,
        details: { provider: this.provider, url, status: 200, capabilities },
      });
    }
  }
}

function describeOllamaFailure(
  failure: Failure,
  url: string,
  model: string,
  baseUrl: string,
  timeoutMs: number,
): { message: string; hint: string } {
  switch (failure.kind) {
    case 'network':
      return {
        message: `Cannot reach Ollama at ${baseUrl} (${failure.reason}).`,
        hint: `Is Ollama running? Start it with \`ollama serve\`, or set CODEBASE_MCP_EMBEDDING_URL to where it listens.`,
      };
    case 'timeout':
      return {
        message: `Ollama at ${url} did not answer within ${timeoutMs} ms.`,
        hint: 'The model may still be loading, or the machine is slow: raise CODEBASE_MCP_EMBEDDING_TIMEOUT_MS or lower CODEBASE_MCP_EMBEDDING_BATCH_SIZE.',
      };
    case 'malformed':
      return {
        message: `Ollama at ${url} sent an unreadable answer: ${failure.reason}.`,
        hint: `Check that ${baseUrl} is an Ollama server (a proxy or another service may be answering there).`,
      };
    case 'status': {
      const message = `Ollama at ${url} answered HTTP ${failure.status}: ${failure.serverMessage}`;
      if (failure.status === 404 && /not found/i.test(failure.serverMessage)) {
        return {
          message: `Ollama model ${model} is not installed (HTTP 404 from ${url}).`,
          hint: `Run \`ollama pull ${model}\`, or set CODEBASE_MCP_EMBEDDING_MODEL to a model listed by \`ollama list\`.`,
        };
      }
      if (failure.status === 404) {
        return {
          message,
          hint: `Check CODEBASE_MCP_EMBEDDING_URL (${baseUrl}) points at Ollama 0.3.0 or later, which serves /api/embed.`,
        };
      }
      if (failure.status >= 500 || failure.status === 429) {
        return {
          message,
          hint: 'Check the Ollama server log (`journalctl -u ollama` or the `ollama serve` output).',
        };
      }
      return { message, hint: `The request was refused; check CODEBASE_MCP_EMBEDDING_MODEL (${model}).` };
    }
  }
}

function trimSlashes(url: string): string {
  return url.replace(/\/+$/, '');
}

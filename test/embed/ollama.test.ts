import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { CodebaseError } from '../../src/core/index.js';
import { createEmbedder } from '../../src/embed/index.js';
import type { EmbeddingConfig } from '../../src/embed/index.js';
import { startFakeOllama } from '../support/fake-embedding-servers.js';
import type { FakeEmbeddingServer, FakeOllamaOptions } from '../support/fake-embedding-servers.js';

let server: FakeEmbeddingServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function ollama(options: FakeOllamaOptions = {}, config: Partial<EmbeddingConfig> = {}) {
  server = await startFakeOllama(options);
  const embedder = createEmbedder(
    {
      provider: 'ollama',
      url: server.url,
      batchSize: 64,
      concurrency: 2,
      timeoutMs: 5_000,
      maxRetries: 2,
      ...config,
    },
    { sleep: async () => {} },
  )!;
  return { server, embedder };
}

async function rejection(promise: Promise<unknown>): Promise<CodebaseError> {
  const error = await promise.then(
    () => new Error('expected a rejection'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CodebaseError);
  return error as CodebaseError;
}

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

describe('ollama embedder', () => {
  it('defaults to nomic-embed-text and posts batched input to /api/embed with truncate', async () => {
    const { server, embedder } = await ollama({}, { keepAlive: '10m' });
    expect(embedder.id).toBe('ollama:nomic-embed-text');
    await embedder.embedDocuments(['def parse(): pass', 'class Router: pass']);
    const [request] = server.embedRequests();
    expect(request!.body).toEqual({
      model: 'nomic-embed-text',
      input: ['search_document: def parse(): pass', 'search_document: class Router: pass'],
      truncate: true,
      keep_alive: '10m',
    });
  });

  it('prefixes queries with search_query: for nomic-embed-text', async () => {
    const { server, embedder } = await ollama();
    await embedder.embedQuery('where are routes registered');
    expect((server.embedRequests()[0]!.body as { input: string[] }).input).toEqual([
      'search_query: where are routes registered',
    ]);
  });

  it('probe checks the model with /api/show and learns the dimensions', async () => {
    const { server, embedder } = await ollama();
    expect(embedder.dimensions()).toBeNull();
    await embedder.probe();
    expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'POST /api/show',
      'POST /api/embed',
    ]);
    expect(server.requests[0]!.body).toEqual({ model: 'nomic-embed-text' });
    expect(embedder.dimensions()).toBe(768);
  });

  it('probe tells to run `ollama pull nomic-embed-text` when the model is missing', async () => {
    const { embedder } = await ollama({ models: { 'all-minilm': 384 } });
    const error = await rejection(embedder.probe());
    expect(error.code).toBe('EMBEDDING_FAILED');
    expect(error.message).toContain('nomic-embed-text is not installed');
    expect(error.hint).toContain('`ollama pull nomic-embed-text`');
    expect(error.details).toMatchObject({ provider: 'ollama', status: 404 });
  });

  it('maps the 404 of /api/embed for a missing model to the same hint, without retrying', async () => {
    const { server, embedder } = await ollama({ models: {} });
    const error = await rejection(embedder.embedDocuments(['x']));
    expect(error.hint).toContain('`ollama pull nomic-embed-text`');
    expect(server.embedRequests()).toHaveLength(1);
  });

  it('accepts a tagged model name', async () => {
    const { embedder } = await ollama(
      { models: { 'nomic-embed-text:v1.5': 768 } },
      { model: 'nomic-embed-text:v1.5' },
    );
    await expect(embedder.probe()).resolves.toBeUndefined();
  });

  it('probe refuses a model that is not an embedding model', async () => {
    const { embedder } = await ollama(
      { models: { 'llama3.2': { dimensions: 3072, capabilities: ['completion', 'tools'] } } },
      { model: 'llama3.2' },
    );
    const error = await rejection(embedder.probe());
    expect(error.message).toContain('llama3.2 is not an embedding model');
    expect(error.hint).toContain('nomic-embed-text');
  });

  it('asks whether Ollama is running when nothing listens at the URL', async () => {
    const port = await closedPort();
    const embedder = createEmbedder(
      {
        provider: 'ollama',
        url: `http://127.0.0.1:${port}`,
        batchSize: 8,
        concurrency: 1,
        timeoutMs: 2_000,
        maxRetries: 1,
      },
      { sleep: async () => {} },
    )!;
    const error = await rejection(embedder.probe());
    expect(error.message).toContain(`Cannot reach Ollama at http://127.0.0.1:${port}`);
    expect(error.message).toContain('ECONNREFUSED');
    expect(error.hint).toContain('`ollama serve`');
    expect(error.details).toMatchObject({ failure: 'network', attempts: 2 });
  });

  it('honours Retry-After on Ollama’s 503 "server busy"', async () => {
    server = await startFakeOllama();
    const sleeps: number[] = [];
    const embedder = createEmbedder(
      { provider: 'ollama', url: server.url, batchSize: 8, concurrency: 1, timeoutMs: 5_000, maxRetries: 2 },
      { sleep: async (ms) => void sleeps.push(ms) },
    )!;
    server.inject({ kind: 'unavailable', retryAfter: '2' });
    await embedder.embedQuery('x');
    expect(sleeps).toEqual([2_000]);
  });

  it('accepts a base URL with a trailing slash', async () => {
    server = await startFakeOllama();
    const embedder = createEmbedder({
      provider: 'ollama',
      url: server.url + '/',
      batchSize: 8,
      concurrency: 1,
      timeoutMs: 5_000,
      maxRetries: 0,
    })!;
    await embedder.embedQuery('x');
    expect(server.embedRequests()).toHaveLength(1);
  });
});

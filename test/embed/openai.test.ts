import { afterEach, describe, expect, it } from 'vitest';
import { CodebaseError, createLogger } from '../../src/core/index.js';
import { createEmbedder, openAIBaseUrl } from '../../src/embed/index.js';
import type { EmbeddingConfig } from '../../src/embed/index.js';
import { startFakeOpenAI } from '../support/fake-embedding-servers.js';
import type { FakeEmbeddingServer, FakeOpenAIOptions } from '../support/fake-embedding-servers.js';

const KEY = 'sk-test-3f9c1a7e5b2d4c6f8a0e';

let server: FakeEmbeddingServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function openai(
  options: FakeOpenAIOptions = {},
  config: Partial<EmbeddingConfig> = {},
  logs: string[] = [],
) {
  server = await startFakeOpenAI(options);
  const embedder = createEmbedder(
    {
      provider: 'openai',
      url: server.url,
      batchSize: 64,
      concurrency: 2,
      timeoutMs: 5_000,
      maxRetries: 2,
      ...config,
    },
    { sleep: async () => {}, logger: createLogger({ level: 'debug', write: (line) => logs.push(line) }) },
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

describe('openai embedder', () => {
  it('posts model, input and encoding_format to /v1/embeddings with the bearer key', async () => {
    const { server, embedder } = await openai({ apiKey: KEY }, { apiKey: KEY });
    expect(embedder.id).toBe('openai:text-embedding-3-small');
    const vectors = await embedder.embedDocuments(['def parse(): pass', 'class Router: pass']);
    expect(vectors.map((v) => v.length)).toEqual([1536, 1536]);
    const [request] = server.embedRequests();
    expect(request!.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(request!.body).toEqual({
      model: 'text-embedding-3-small',
      input: ['def parse(): pass', 'class Router: pass'],
      encoding_format: 'float',
    });
  });

  it('accepts the base URL with or without /v1', () => {
    expect(openAIBaseUrl('https://api.openai.com')).toBe('https://api.openai.com/v1');
    expect(openAIBaseUrl('http://127.0.0.1:1234/v1/')).toBe('http://127.0.0.1:1234/v1');
    expect(openAIBaseUrl('http://gpu-box:8000/v1')).toBe('http://gpu-box:8000/v1');
  });

  it('works against a /v1 base URL and without a key (a local server)', async () => {
    server = await startFakeOpenAI({ models: { 'nomic-embed-text-v1.5': 768 } });
    const embedder = createEmbedder({
      provider: 'openai',
      model: 'nomic-embed-text-v1.5',
      url: `${server.url}/v1`,
      batchSize: 8,
      concurrency: 1,
      timeoutMs: 5_000,
      maxRetries: 0,
    })!;
    await embedder.probe();
    expect(embedder.dimensions()).toBe(768);
    const [request] = server.embedRequests();
    expect(request!.headers.authorization).toBeUndefined();
    // The nomic prefixes apply whatever serves the model.
    expect((request!.body as { input: string[] }).input).toEqual(['search_query: probe']);
  });

  it('says the key was rejected on 401, never showing the key, even when the server echoes it', async () => {
    const logs: string[] = [];
    const wrong = 'sk-wrong-9d8c7b6a5f4e3d2c1b0a';
    const { server, embedder } = await openai({ apiKey: KEY }, { apiKey: wrong }, logs);
    const error = await rejection(embedder.embedQuery('x'));
    expect(error.message).toContain('rejected the API key (HTTP 401)');
    expect(error.hint).toContain('CODEBASE_MCP_EMBEDDING_API_KEY');
    const everything = JSON.stringify([
      error.message,
      error.hint,
      error.details,
      error.toUserMessage(),
      logs,
    ]);
    expect(everything).not.toContain(wrong);
    expect(everything).not.toContain(KEY);
    expect(server.embedRequests()).toHaveLength(1);
  });

  it('keeps the key out of retry logs and messages on other failures', async () => {
    const logs: string[] = [];
    const { server, embedder } = await openai({ apiKey: KEY }, { apiKey: KEY, maxRetries: 1 }, logs);
    server.inject({ kind: 'server-error' }, { kind: 'rate-limit', retryAfter: '1' });
    const error = await rejection(embedder.embedQuery('x'));
    expect(logs.some((line) => line.includes('retrying'))).toBe(true);
    expect(JSON.stringify([error.message, error.hint, error.details, logs])).not.toContain(KEY);
  });

  it('asks for a key when the server requires one and none is set', async () => {
    const { embedder } = await openai({ apiKey: KEY });
    const error = await rejection(embedder.embedQuery('x'));
    expect(error.message).toContain('requires an API key');
    expect(error.hint).toBe('Set CODEBASE_MCP_EMBEDDING_API_KEY.');
  });

  it('names the model on 404 and does not retry', async () => {
    const { server, embedder } = await openai({}, { model: 'text-embedding-4-huge' });
    const error = await rejection(embedder.probe());
    expect(error.message).toContain('Embedding model text-embedding-4-huge was not found');
    expect(error.message).toContain('does not exist or you do not have access to it');
    expect(error.hint).toContain('CODEBASE_MCP_EMBEDDING_MODEL');
    expect(error.details).toMatchObject({ provider: 'openai', status: 404 });
    expect(server.embedRequests()).toHaveLength(1);
  });

  it('passes the server’s 400 message through, e.g. dimensions on a model that cannot shorten', async () => {
    const { embedder } = await openai({ models: { 'bge-m3': 1024 } }, { model: 'bge-m3', dimensions: 256 });
    const error = await rejection(embedder.embedQuery('x'));
    expect(error.message).toContain('HTTP 400: This model does not support specifying dimensions.');
  });

  it('puts data back in input order by index', async () => {
    const { embedder } = await openai({ models: { 'text-embedding-3-small': 16 }, reverseOrder: true });
    const [a, b] = await embedder.embedDocuments(['alpha beta', 'gamma delta']);
    const [a2] = await embedder.embedDocuments(['alpha beta']);
    const [b2] = await embedder.embedDocuments(['gamma delta']);
    expect(Array.from(a!)).toEqual(Array.from(a2!));
    expect(Array.from(b!)).toEqual(Array.from(b2!));
  });

  it('never sends an empty string (OpenAI rejects it)', async () => {
    const { embedder } = await openai({ models: { 'text-embedding-3-small': 16 } });
    const vectors = await embedder.embedDocuments(['', 'x']);
    expect(vectors).toHaveLength(2);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { createEmbedder, withQueryCache } from '../../src/embed/index.js';
import { startFakeOllama } from '../support/fake-embedding-servers.js';
import type { FakeEmbeddingServer } from '../support/fake-embedding-servers.js';

const base = { batchSize: 64, concurrency: 2, timeoutMs: 5_000, maxRetries: 2 };

let server: FakeEmbeddingServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('createEmbedder', () => {
  it('returns null for provider none (lexical-only search)', () => {
    expect(createEmbedder({ provider: 'none', ...base })).toBeNull();
  });

  it('builds each provider with its default model without contacting anything', () => {
    expect(createEmbedder({ provider: 'ollama', ...base })!.id).toBe('ollama:nomic-embed-text');
    expect(createEmbedder({ provider: 'openai', ...base })!.id).toBe('openai:text-embedding-3-small');
    const builtin = createEmbedder({ provider: 'builtin', ...base })!;
    expect(builtin.provider).toBe('builtin');
    expect(builtin.dimensions()).toBeNull();
  });

  it('honours a configured model', () => {
    expect(createEmbedder({ provider: 'ollama', model: 'mxbai-embed-large', ...base })!.id).toBe(
      'ollama:mxbai-embed-large',
    );
  });
});

describe('withQueryCache', () => {
  it('answers repeated queries from memory, evicting the least recently used', async () => {
    server = await startFakeOllama();
    const embedder = withQueryCache(createEmbedder({ provider: 'ollama', url: server.url, ...base })!, 2);
    const a = await embedder.embedQuery('parse config');
    await embedder.embedQuery('open file');
    const again = await embedder.embedQuery('parse config'); // hit; now "open file" is the oldest
    expect(Array.from(again)).toEqual(Array.from(a));
    expect(server.embedRequests()).toHaveLength(2);

    await embedder.embedQuery('route request'); // evicts "open file"
    await embedder.embedQuery('parse config'); // still cached
    expect(server.embedRequests()).toHaveLength(3);
    await embedder.embedQuery('open file'); // evicted: asks again
    expect(server.embedRequests()).toHaveLength(4);
  });

  it('hands out copies, so a caller mutating its vector does not poison the cache', async () => {
    server = await startFakeOllama();
    const embedder = withQueryCache(createEmbedder({ provider: 'ollama', url: server.url, ...base })!, 4);
    const first = await embedder.embedQuery('parse config');
    const original = Array.from(first);
    first.fill(0);
    expect(Array.from(await embedder.embedQuery('parse config'))).toEqual(original);
  });

  it('does not cache failures or documents, and passes identity through', async () => {
    server = await startFakeOllama();
    const embedder = withQueryCache(
      createEmbedder({ provider: 'ollama', url: server.url, ...base, maxRetries: 0 })!,
      4,
    );
    expect(embedder.id).toBe('ollama:nomic-embed-text');
    server.inject({ kind: 'bad-request' });
    await expect(embedder.embedQuery('parse config')).rejects.toThrow(/HTTP 400/);
    await expect(embedder.embedQuery('parse config')).resolves.toHaveLength(768);
    await embedder.embedDocuments(['parse config']);
    await embedder.embedDocuments(['parse config']);
    expect(server.embedRequests()).toHaveLength(4);
    expect(embedder.dimensions()).toBe(768);
  });
});

/**
 * One contract suite for every HTTP provider, each against its fake server: batching, ordering,
 * concurrency, retries, timeouts, validation of what comes back, cancellation.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { CodebaseError } from '../../src/core/index.js';
import { createEmbedder } from '../../src/embed/index.js';
import type { Embedder, EmbeddingConfig } from '../../src/embed/index.js';
import { startFakeOllama, startFakeOpenAI } from '../support/fake-embedding-servers.js';
import type { FakeEmbeddingServer } from '../support/fake-embedding-servers.js';
import { hashingVector } from '../support/hashing-embedder.js';

const DIMS = 32;

interface ProviderCase {
  readonly provider: 'ollama' | 'openai';
  /** A model without task prefixes, so vectors can be compared with the hashing double directly. */
  readonly model: string;
  start(): Promise<FakeEmbeddingServer>;
}

const PROVIDERS: readonly ProviderCase[] = [
  {
    provider: 'ollama',
    model: 'all-minilm',
    start: () => startFakeOllama({ models: { 'all-minilm': DIMS } }),
  },
  {
    provider: 'openai',
    model: 'text-embedding-3-small',
    start: () => startFakeOpenAI({ models: { 'text-embedding-3-small': DIMS }, reverseOrder: true }),
  },
];
const only = process.env.EMBED_PROVIDERS?.split(',');

let server: FakeEmbeddingServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function texts(n: number): string[] {
  return Array.from({ length: n }, (_, i) => `function handler${i}(request${i}) { return route${i}; }`);
}

async function rejection(promise: Promise<unknown>): Promise<CodebaseError> {
  const error = await promise.then(
    () => new Error('expected a rejection'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CodebaseError);
  return error as CodebaseError;
}

for (const p of PROVIDERS.filter((c) => !only || only.includes(c.provider))) {
  describe(`${p.provider} embedder`, () => {
    const sleeps: number[] = [];

    async function setup(overrides: Partial<EmbeddingConfig> = {}): Promise<Embedder> {
      server = await p.start();
      sleeps.length = 0;
      const embedder = createEmbedder(
        {
          provider: p.provider,
          model: p.model,
          url: server.url,
          batchSize: 4,
          concurrency: 2,
          timeoutMs: 5_000,
          maxRetries: 2,
          ...overrides,
        },
        { sleep: async (ms) => void sleeps.push(ms), random: () => 0.5 },
      );
      return embedder!;
    }

    it('sends ceil(N / batchSize) requests and returns one unit vector per text, in order', async () => {
      const embedder = await setup({ batchSize: 4, concurrency: 3 });
      // The first batch answers last, so a mix-up between concurrent batches would show.
      server!.inject({ kind: 'delay', ms: 60 });
      const input = texts(10);
      const vectors = await embedder.embedDocuments(input);

      expect(server!.embedRequests()).toHaveLength(3);
      expect(server!.embedRequests().map((r) => (r.body as { input: string[] }).input.length)).toEqual([
        4, 4, 2,
      ]);
      expect(vectors).toHaveLength(10);
      vectors.forEach((v, i) => {
        const expected = hashingVector(input[i]!, DIMS);
        expect(v).toHaveLength(DIMS);
        v.forEach((x, j) => expect(x).toBeCloseTo(expected[j]!, 5));
        expect(Math.hypot(...v)).toBeCloseTo(1, 5);
      });
      expect(embedder.dimensions()).toBe(DIMS);
    });

    it('also closes a batch when its characters would exceed maxBatchChars', async () => {
      const embedder = await setup({ batchSize: 100, maxBatchChars: 250 });
      await embedder.embedDocuments(Array.from({ length: 6 }, (_, i) => `${'x'.repeat(95)}${i}`));
      // 96 characters each: two fit in 250, a third would not.
      expect(server!.embedRequests().map((r) => (r.body as { input: string[] }).input.length)).toEqual([
        2, 2, 2,
      ]);
    });

    it('truncates over-long inputs to maxInputChars instead of failing', async () => {
      const embedder = await setup({ maxInputChars: 100 });
      const [v] = await embedder.embedDocuments(['word '.repeat(10_000)]);
      expect(v).toHaveLength(DIMS);
      expect((server!.embedRequests()[0]!.body as { input: string[] }).input[0]).toHaveLength(100);
    });

    it('never has more than `concurrency` requests in flight', async () => {
      const embedder = await setup({ batchSize: 1, concurrency: 3 });
      server!.latencyMs = 25;
      await embedder.embedDocuments(texts(10));
      expect(server!.embedRequests()).toHaveLength(10);
      expect(server!.maxInFlight).toBe(3);
    });

    it('retries a 500 and then succeeds', async () => {
      const embedder = await setup();
      server!.inject({ kind: 'server-error' });
      const vectors = await embedder.embedDocuments(texts(3));
      expect(vectors).toHaveLength(3);
      expect(server!.embedRequests()).toHaveLength(2);
      expect(sleeps).toEqual([250]); // full jitter: 0.5 × 500 ms on the first retry
    });

    it('retries a dropped connection', async () => {
      const embedder = await setup();
      server!.inject({ kind: 'reset' });
      await expect(embedder.embedQuery('parse config')).resolves.toHaveLength(DIMS);
      expect(server!.embedRequests()).toHaveLength(2);
    });

    it('waits as long as Retry-After says on 429 (seconds, then an HTTP date), capped', async () => {
      const embedder = await setup({ maxRetries: 3 });
      const inTwoMinutes = new Date(Date.now() + 120_000).toUTCString();
      server!.inject(
        { kind: 'rate-limit', retryAfter: '3' },
        { kind: 'rate-limit', retryAfter: inTwoMinutes },
        { kind: 'rate-limit' },
      );
      await embedder.embedQuery('parse config');
      expect(server!.embedRequests()).toHaveLength(4);
      // 3 s as asked; two minutes capped to 60 s; no header: backoff 0.5 × 2000 ms.
      expect(sleeps).toEqual([3_000, 60_000, 1_000]);
    });

    it('gives up after maxRetries with the last status in the error', async () => {
      const embedder = await setup({ maxRetries: 2 });
      server!.inject({ kind: 'server-error' }, { kind: 'server-error' }, { kind: 'server-error' });
      const error = await rejection(embedder.embedQuery('parse config'));
      expect(error.code).toBe('EMBEDDING_FAILED');
      expect(error.message).toContain('HTTP 500');
      expect(error.message).toContain('after 3 attempts');
      expect(error.details).toMatchObject({ provider: p.provider, status: 500, attempts: 3 });
      expect(server!.embedRequests()).toHaveLength(3);
    });

    for (const kind of ['bad-request', 'unauthorized'] as const) {
      it(`does not retry ${kind === 'bad-request' ? '400' : '401'}`, async () => {
        const embedder = await setup();
        server!.inject({ kind });
        const error = await rejection(embedder.embedQuery('parse config'));
        expect(error.details.status).toBe(kind === 'bad-request' ? 400 : 401);
        expect(server!.embedRequests()).toHaveLength(1);
        expect(sleeps).toEqual([]);
      });
    }

    it('times out each attempt, retries, then fails naming the timeout', async () => {
      const embedder = await setup({ timeoutMs: 100, maxRetries: 2 });
      server!.inject(
        { kind: 'delay', ms: 5_000 },
        { kind: 'delay', ms: 5_000 },
        { kind: 'delay', ms: 5_000 },
      );
      const error = await rejection(embedder.embedQuery('parse config'));
      expect(error.code).toBe('EMBEDDING_FAILED');
      expect(error.message).toContain('within 100 ms');
      expect(error.hint).toContain('CODEBASE_MCP_EMBEDDING_TIMEOUT_MS');
      expect(error.details).toMatchObject({ failure: 'timeout', attempts: 3 });
      expect(server!.embedRequests()).toHaveLength(3);
    });

    it('rejects a vector of the wrong length, naming expected and actual dimensions', async () => {
      const embedder = await setup();
      await embedder.embedQuery('first call sets the dimensions');
      server!.inject({ kind: 'wrong-dimensions', dimensions: 16 });
      const error = await rejection(embedder.embedDocuments(texts(2)));
      expect(error.message).toMatch(new RegExp(`16-dimensional.*expected ${DIMS}`));
      expect(error.details).toMatchObject({ expected: DIMS, actual: 16 });
    });

    it('checks against configured dimensions from the first call', async () => {
      const embedder = await setup({ dimensions: 24 });
      if (p.provider === 'openai') {
        // OpenAI shortens text-embedding-3 vectors on request, so the answer matches.
        await expect(embedder.embedQuery('x')).resolves.toHaveLength(24);
        expect(server!.embedRequests()[0]!.body).toMatchObject({ dimensions: 24 });
      } else {
        server!.inject({ kind: 'wrong-dimensions', dimensions: DIMS });
        const error = await rejection(embedder.embedQuery('x'));
        expect(error.details).toMatchObject({ expected: 24, actual: DIMS });
      }
    });

    const malformed = [
      ['malformed-json', /not JSON/],
      ['wrong-shape', /no "(embeddings|data)" array/],
      ['count-mismatch', /returned 1 embeddings for 2 inputs/],
      ['null-element', /element 0 is null/],
    ] as const;
    for (const [kind, pattern] of malformed) {
      it(`reports a ${kind} answer with the URL and a hint, without retrying`, async () => {
        const embedder = await setup();
        server!.inject({ kind });
        const error = await rejection(embedder.embedDocuments(texts(2)));
        expect(error.code).toBe('EMBEDDING_FAILED');
        expect(error.message).toMatch(pattern);
        expect(error.message).toContain(server!.url);
        expect(error.hint).toBeTruthy();
        expect(server!.embedRequests()).toHaveLength(1);
      });
    }

    it('stops when the caller aborts, with a CANCELLED error', async () => {
      const embedder = await setup({ batchSize: 1, concurrency: 2 });
      server!.latencyMs = 10_000;
      const controller = new AbortController();
      const pending = embedder.embedDocuments(texts(6), controller.signal);
      await server!.waitForEmbedRequests(2);
      const started = Date.now();
      controller.abort();
      const error = await rejection(pending);
      expect(error.code).toBe('CANCELLED');
      expect(Date.now() - started).toBeLessThan(2_000);
      expect(server!.embedRequests()).toHaveLength(2);
    });

    it('fails the whole call on the first failed batch and starts no more batches', async () => {
      const embedder = await setup({ batchSize: 1, concurrency: 1, maxRetries: 0 });
      server!.inject({ kind: 'none' }, { kind: 'bad-request' });
      const error = await rejection(embedder.embedDocuments(texts(5)));
      expect(error.details.status).toBe(400);
      expect(server!.embedRequests()).toHaveLength(2);
    });

    it('returns [] for no texts without a request', async () => {
      const embedder = await setup();
      expect(await embedder.embedDocuments([])).toEqual([]);
      expect(server!.requests).toHaveLength(0);
    });
  });
}

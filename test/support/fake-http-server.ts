/**
 * The part both fake embedding servers share: a real `node:http` server on 127.0.0.1 (random port)
 * that records requests, counts concurrency and applies queued faults to the embeddings endpoint.
 */
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A failure (or oddity) applied to one embedding request; queued with `inject`. */
export type Fault =
  /** Answer normally (to place a fault after a good answer in the queue). */
  | { readonly kind: 'none' }
  /** Answer normally, but only after `ms` (use it to go past the client's timeout). */
  | { readonly kind: 'delay'; readonly ms: number }
  /** HTTP 500 in the provider's error shape. */
  | { readonly kind: 'server-error' }
  /** HTTP 503 in the provider's error shape (Ollama's "server busy"). */
  | { readonly kind: 'unavailable'; readonly retryAfter?: string }
  /** HTTP 429 with an optional `Retry-After` header value (seconds or an HTTP date). */
  | { readonly kind: 'rate-limit'; readonly retryAfter?: string }
  /** HTTP 401 as the provider words it. */
  | { readonly kind: 'unauthorized' }
  /** HTTP 400 as the provider words it. */
  | { readonly kind: 'bad-request'; readonly message?: string }
  /** Vectors of the wrong length. */
  | { readonly kind: 'wrong-dimensions'; readonly dimensions: number }
  /** A 200 whose body is not JSON. */
  | { readonly kind: 'malformed-json' }
  /** Valid JSON of the wrong shape (no embeddings array). */
  | { readonly kind: 'wrong-shape' }
  /** One embedding fewer than inputs. */
  | { readonly kind: 'count-mismatch' }
  /** A vector with a `null` element (what a server serialising NaN as null sends). */
  | { readonly kind: 'null-element' }
  /** The connection is dropped without an answer. */
  | { readonly kind: 'reset' };

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingMessage['headers'];
  /** Parsed JSON body, or the raw text when it does not parse, or null when empty. */
  readonly body: unknown;
}

/** What a test controls and observes on either fake. */
export interface FakeEmbeddingServer {
  /** Base URL, e.g. `http://127.0.0.1:40123`. */
  readonly url: string;
  /** Every request, in arrival order. */
  readonly requests: RecordedRequest[];
  /** Highest number of embedding requests in flight at once. */
  readonly maxInFlight: number;
  /** Requests to the embeddings endpoint only. */
  embedRequests(): RecordedRequest[];
  /** Resolves once `count` embedding requests have arrived in total. */
  waitForEmbedRequests(count: number): Promise<void>;
  /** Queues faults; each applies to one of the next embedding requests, in order. */
  inject(...faults: Fault[]): void;
  /** Delay of every embedding answer (default 0); makes concurrency observable. */
  latencyMs: number;
  close(): Promise<void>;
}

/** What a provider-specific fake plugs into the shared server. */
export interface FakeRoutes {
  /** Path of the embeddings endpoint (faults and concurrency apply there). */
  readonly embedPath: string;
  /** Answers one request; `fault` is set for embedding requests when one was queued. */
  handle(req: RecordedRequest, fault: Fault | undefined, reply: Reply): void;
}

export interface Reply {
  json(status: number, body: unknown, headers?: Record<string, string>): void;
  text(status: number, body: string, contentType?: string): void;
  /** Drops the connection. */
  reset(): void;
}

export async function startFakeServer(routes: FakeRoutes): Promise<FakeEmbeddingServer> {
  const requests: RecordedRequest[] = [];
  const faults: Fault[] = [];
  let inFlight = 0;
  let embedCount = 0;
  const waiters: { count: number; resolve: () => void }[] = [];
  const state = { maxInFlight: 0, latencyMs: 0 };

  const server: Server = createServer((req, res) => {
    void readBody(req).then((raw) => {
      const recorded: RecordedRequest = {
        method: req.method ?? 'GET',
        path: new URL(req.url ?? '/', 'http://x').pathname,
        headers: req.headers,
        body: parseBody(raw),
      };
      requests.push(recorded);
      const isEmbed = recorded.path === routes.embedPath;
      const fault = isEmbed ? faults.shift() : undefined;
      if (isEmbed) {
        inFlight++;
        state.maxInFlight = Math.max(state.maxInFlight, inFlight);
        res.once('close', () => inFlight--);
        embedCount++;
        for (const w of waiters.filter((w) => w.count <= embedCount)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve();
        }
      }
      const wait = (fault?.kind === 'delay' ? fault.ms : 0) + (isEmbed ? state.latencyMs : 0);
      const answer = () => routes.handle(recorded, fault, replyTo(res));
      if (wait === 0) return answer();
      const timer = setTimeout(answer, wait);
      res.once('close', () => clearTimeout(timer));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    get maxInFlight() {
      return state.maxInFlight;
    },
    get latencyMs() {
      return state.latencyMs;
    },
    set latencyMs(ms: number) {
      state.latencyMs = ms;
    },
    embedRequests: () => requests.filter((r) => r.path === routes.embedPath),
    inject: (...more) => void faults.push(...more),
    waitForEmbedRequests: (count) =>
      count <= embedCount ? Promise.resolve() : new Promise((resolve) => waiters.push({ count, resolve })),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

function replyTo(res: ServerResponse): Reply {
  const send = (status: number, body: string, headers: Record<string, string>) => {
    if (res.destroyed) return;
    res.writeHead(status, { 'content-length': String(Buffer.byteLength(body)), ...headers });
    res.end(body);
  };
  return {
    json: (status, body, headers = {}) =>
      send(status, JSON.stringify(body), { 'content-type': 'application/json; charset=utf-8', ...headers }),
    text: (status, body, contentType = 'text/plain; charset=utf-8') =>
      send(status, body, { 'content-type': contentType }),
    reset: () => res.socket?.destroy(),
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function parseBody(raw: string): unknown {
  if (raw === '') return null;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return raw;
  }
}

/** True when `value` is a JSON object (not an array, not null). */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A fake OpenAI-compatible embeddings API: `POST /v1/embeddings` with OpenAI's request validation
 * and error objects (`{"error": {"message", "type", "param", "code"}}`).
 *
 * One deliberate difference: a wrong API key is echoed back in full in the 401 message (OpenAI
 * masks the middle of it), so tests prove the client scrubs the key from whatever the server says.
 */
import { hashingVector } from './hashing-embedder.js';
import { isObject, startFakeServer } from './fake-http-server.js';
import type { FakeEmbeddingServer, Fault, RecordedRequest, Reply } from './fake-http-server.js';

export interface FakeOpenAIOptions {
  /** Served models and their dimensions. Default: text-embedding-3-small, 1536. */
  readonly models?: Readonly<Record<string, number>>;
  /** When set, requests must carry `Authorization: Bearer <apiKey>`; otherwise no auth (a local server). */
  readonly apiKey?: string;
  /** Return `data` in reverse order (the `index` field is what counts). */
  readonly reverseOrder?: boolean;
}

export function startFakeOpenAI(options: FakeOpenAIOptions = {}): Promise<FakeEmbeddingServer> {
  const models = new Map(Object.entries(options.models ?? { 'text-embedding-3-small': 1536 }));

  return startFakeServer({
    embedPath: '/v1/embeddings',
    handle(req, fault, reply) {
      if (req.path !== '/v1/embeddings') {
        return error(reply, 404, `Invalid URL (${req.method} ${req.path})`, 'invalid_request_error', null);
      }
      if (req.method !== 'POST') {
        return error(
          reply,
          405,
          `Invalid method for URL (${req.method} ${req.path})`,
          'invalid_request_error',
          null,
        );
      }
      const auth = checkAuth(req, reply);
      if (auth) embeddings(req, fault, reply);
    },
  });

  function checkAuth(req: RecordedRequest, reply: Reply): boolean {
    if (options.apiKey === undefined) return true;
    const header = req.headers.authorization;
    if (header === undefined) {
      error(
        reply,
        401,
        "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
        'invalid_request_error',
        null,
      );
      return false;
    }
    const key = header.replace(/^Bearer\s+/i, '');
    if (key !== options.apiKey) {
      error(
        reply,
        401,
        `Incorrect API key provided: ${key}. You can find your API key at https://platform.openai.com/account/api-keys.`,
        'invalid_request_error',
        'invalid_api_key',
      );
      return false;
    }
    return true;
  }

  function embeddings(req: RecordedRequest, fault: Fault | undefined, reply: Reply): void {
    const body = req.body;
    const invalid = (message: string, param: string | null = null) =>
      error(reply, 400, message, 'invalid_request_error', null, param);
    if (!isObject(body))
      return invalid(
        "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON.)",
      );
    if (body.model === undefined || body.model === '') return invalid('you must provide a model parameter');
    if (body.input === undefined) return invalid("'input' is a required property", 'input');
    const input = typeof body.input === 'string' ? [body.input] : body.input;
    if (
      !Array.isArray(input) ||
      input.length === 0 ||
      input.length > 2048 ||
      !input.every((t) => typeof t === 'string' && t !== '')
    )
      return invalid(
        "'$.input' is invalid. Please check the API reference: https://platform.openai.com/docs/api-reference.",
        'input',
      );
    if (
      body.encoding_format !== undefined &&
      body.encoding_format !== 'float' &&
      body.encoding_format !== 'base64'
    )
      return invalid(
        `'${String(body.encoding_format)}' is not one of ['float', 'base64'] - 'encoding_format'`,
        'encoding_format',
      );
    const model = String(body.model);
    const native = models.get(model);
    if (native === undefined)
      return error(
        reply,
        404,
        `The model \`${model}\` does not exist or you do not have access to it.`,
        'invalid_request_error',
        'model_not_found',
      );
    let dims = native;
    if (body.dimensions !== undefined) {
      if (!model.startsWith('text-embedding-3'))
        return invalid('This model does not support specifying dimensions.', 'dimensions');
      if (typeof body.dimensions !== 'number' || body.dimensions < 1 || body.dimensions > native)
        return invalid(`Invalid value for 'dimensions' = ${String(body.dimensions)}.`, 'dimensions');
      dims = body.dimensions;
    }
    let vectors: (number | null)[][] = input.map((t) => hashingVector(t, dims));

    switch (fault?.kind) {
      case 'server-error':
        return error(
          reply,
          500,
          'The server had an error while processing your request. Sorry about that!',
          'server_error',
          null,
        );
      case 'unavailable':
        return error(
          reply,
          503,
          'The engine is currently overloaded, please try again later.',
          'server_error',
          null,
          null,
          fault.retryAfter,
        );
      case 'rate-limit':
        return error(
          reply,
          429,
          `Rate limit reached for ${model} on requests per min (RPM): Limit 3000, Used 3000, Requested 1.`,
          'requests',
          'rate_limit_exceeded',
          null,
          fault.retryAfter,
        );
      case 'unauthorized':
        return error(reply, 401, 'Incorrect API key provided.', 'invalid_request_error', 'invalid_api_key');
      case 'bad-request':
        return invalid(fault.message ?? 'Invalid request.');
      case 'malformed-json':
        return reply.text(
          200,
          '{"object":"list","data":[{"object":"embedding","index":0,"embedding":[0.1,',
          'application/json',
        );
      case 'wrong-shape':
        return reply.json(200, { object: 'list', embeddings: vectors, model });
      case 'reset':
        return reply.reset();
      case 'wrong-dimensions':
        vectors = input.map((t) => hashingVector(t, fault.dimensions));
        break;
      case 'count-mismatch':
        vectors = vectors.slice(1);
        break;
      case 'null-element':
        vectors = vectors.map((v) => v.map((x, i) => (i === 0 ? null : x)));
        break;
      case 'none':
      case 'delay':
      case undefined:
        break;
    }
    const data = vectors.map((embedding, index) => ({ object: 'embedding', index, embedding }));
    if (options.reverseOrder) data.reverse();
    const tokens = input.reduce((n, t) => n + Math.ceil(t.length / 4), 0);
    reply.json(200, { object: 'list', data, model, usage: { prompt_tokens: tokens, total_tokens: tokens } });
  }
}

function error(
  reply: Reply,
  status: number,
  message: string,
  type: string,
  code: string | null,
  param: string | null = null,
  retryAfter?: string,
): void {
  reply.json(
    status,
    { error: { message, type, param, code } },
    retryAfter === undefined ? {} : { 'retry-after': retryAfter },
  );
}

/**
 * A fake Ollama: `POST /api/embed`, `POST /api/show`, `GET /api/tags`, with Ollama's request
 * validation and error bodies (`{"error": "..."}`, plain-text 404/405 from Go's router).
 */
import { hashingVector } from './hashing-embedder.js';
import { isObject, startFakeServer } from './fake-http-server.js';
import type { FakeEmbeddingServer, Fault, RecordedRequest, Reply } from './fake-http-server.js';

interface ModelSpec {
  readonly dimensions: number;
  /** What /api/show lists (Ollama 0.6+); `['embedding']` for embedding models. */
  readonly capabilities: readonly string[];
}

export interface FakeOllamaOptions {
  /** Installed models by name (`:latest` is implied), as dimensions or a full spec. Default: nomic-embed-text, 768. */
  readonly models?: Readonly<Record<string, number | ModelSpec>>;
  /** With `truncate: false`, inputs longer than this many characters are refused like Ollama does. */
  readonly contextChars?: number;
}

export function startFakeOllama(options: FakeOllamaOptions = {}): Promise<FakeEmbeddingServer> {
  const models = new Map<string, ModelSpec>();
  for (const [name, spec] of Object.entries(options.models ?? { 'nomic-embed-text': 768 })) {
    models.set(
      withTag(name),
      typeof spec === 'number' ? { dimensions: spec, capabilities: ['embedding'] } : spec,
    );
  }
  const contextChars = options.contextChars ?? Number.POSITIVE_INFINITY;

  return startFakeServer({
    embedPath: '/api/embed',
    handle(req, fault, reply) {
      const route = `${req.method} ${req.path}`;
      switch (route) {
        case 'POST /api/embed':
          return embed(req, fault, reply);
        case 'POST /api/show':
          return show(req, reply);
        case 'GET /api/tags':
          return reply.json(200, { models: [...models.keys()].map(tagEntry) });
        default:
          if (['/api/embed', '/api/show', '/api/tags'].includes(req.path))
            return reply.text(405, '405 method not allowed');
          return reply.text(404, '404 page not found');
      }
    },
  });

  function embed(req: RecordedRequest, fault: Fault | undefined, reply: Reply): void {
    const body = req.body;
    if (!isObject(body))
      return reply.json(400, { error: 'invalid character looking for beginning of value' });
    if (typeof body.model !== 'string' || body.model === '')
      return reply.json(400, { error: 'model is required' });
    const spec = models.get(withTag(body.model));
    if (!spec) return reply.json(404, { error: `model "${body.model}" not found, try pulling it first` });
    if (!spec.capabilities.includes('embedding'))
      return reply.json(400, { error: `"${body.model}" does not support embeddings` });
    const input = body.input === undefined ? [] : typeof body.input === 'string' ? [body.input] : body.input;
    if (!Array.isArray(input) || !input.every((x) => typeof x === 'string'))
      return reply.json(400, { error: 'invalid input type' });
    if (body.truncate === false && input.some((t) => t.length > contextChars))
      return reply.json(400, { error: 'input length exceeds maximum context length' });
    const dims = typeof body.dimensions === 'number' ? body.dimensions : spec.dimensions;
    let embeddings = input.map((t) => hashingVector(t, dims));

    switch (fault?.kind) {
      case 'server-error':
        return reply.json(500, { error: 'llama runner process has terminated: signal: killed' });
      case 'unavailable':
        return reply.json(
          503,
          { error: 'server busy, please try again.  maximum pending requests exceeded' },
          fault.retryAfter === undefined ? {} : { 'retry-after': fault.retryAfter },
        );
      case 'rate-limit':
        return reply.json(
          429,
          { error: 'too many requests' },
          fault.retryAfter === undefined ? {} : { 'retry-after': fault.retryAfter },
        );
      case 'unauthorized':
        return reply.json(401, { error: 'unauthorized' });
      case 'bad-request':
        return reply.json(400, { error: fault.message ?? 'invalid request' });
      case 'malformed-json':
        return reply.text(200, '{"model":"' + body.model + '","embeddings":[[0.1,0.2', 'application/json');
      case 'wrong-shape':
        return reply.json(200, { model: body.model, embedding: embeddings[0] });
      case 'reset':
        return reply.reset();
      case 'wrong-dimensions':
        embeddings = input.map((t) => hashingVector(t, fault.dimensions));
        break;
      case 'count-mismatch':
        embeddings = embeddings.slice(1);
        break;
      case 'null-element':
        embeddings = embeddings.map((v) => v.map((x, i) => (i === 0 ? null : x))) as number[][];
        break;
      case 'none':
      case 'delay':
      case undefined:
        break;
    }
    reply.json(200, {
      model: body.model,
      embeddings,
      total_duration: 14_143_917,
      load_duration: 1_019_500,
      prompt_eval_count: input.reduce((n, t) => n + Math.ceil(t.length / 4), 0),
    });
  }

  function show(req: RecordedRequest, reply: Reply): void {
    const body = req.body;
    if (!isObject(body))
      return reply.json(400, { error: 'invalid character looking for beginning of value' });
    // Older clients send `name`; Ollama accepts both.
    const name = typeof body.model === 'string' && body.model !== '' ? body.model : body.name;
    if (typeof name !== 'string' || name === '') return reply.json(400, { error: 'model is required' });
    const spec = models.get(withTag(name));
    if (!spec) return reply.json(404, { error: `model '${name}' not found` });
    reply.json(200, {
      modelfile: `FROM ${withTag(name)}`,
      parameters: 'num_ctx 8192',
      template: '{{ .Prompt }}',
      details: {
        parent_model: '',
        format: 'gguf',
        family: 'nomic-bert',
        parameter_size: '137M',
        quantization_level: 'F16',
      },
      model_info: { 'general.architecture': 'nomic-bert', 'nomic-bert.embedding_length': spec.dimensions },
      capabilities: spec.capabilities,
    });
  }
}

function withTag(name: string): string {
  return /:[^/]*$/.test(name) ? name : `${name}:latest`;
}

function tagEntry(name: string) {
  return {
    name,
    model: name,
    modified_at: '2025-01-01T00:00:00Z',
    size: 274_302_450,
    digest: '0a109f422b47e3a30ba2b10eca18548e944e8a23073ee3f3e947efcf3c45e59f',
    details: { format: 'gguf', family: 'nomic-bert', parameter_size: '137M', quantization_level: 'F16' },
  };
}

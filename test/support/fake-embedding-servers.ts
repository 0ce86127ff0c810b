/**
 * Fake embedding servers for tests: real `node:http` servers on 127.0.0.1 (random port) speaking
 * the documented Ollama (`/api/embed`, `/api/show`, `/api/tags`) and OpenAI (`/v1/embeddings`)
 * APIs, validating request bodies as the real servers do, with failure modes a test queues per
 * request (`inject`). Vectors come from the hashing test double, so similar texts get similar vectors.
 */
export type { Fault, FakeEmbeddingServer, RecordedRequest } from './fake-http-server.js';
export { startFakeOllama } from './fake-ollama-server.js';
export type { FakeOllamaOptions } from './fake-ollama-server.js';
export { startFakeOpenAI } from './fake-openai-server.js';
export type { FakeOpenAIOptions } from './fake-openai-server.js';

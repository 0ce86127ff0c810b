export type { Embedder } from './embedder.js';
export type { EmbedderDeps, EmbeddingConfig, EmbeddingProvider } from './config.js';
export { EMBEDDING_DEFAULTS } from './config.js';
export { createEmbedder } from './create-embedder.js';
export { createOllamaEmbedder } from './ollama.js';
export { createOpenAIEmbedder, openAIBaseUrl } from './openai.js';
export { withQueryCache } from './query-cache.js';
export { prefixesFor, normaliseModelName } from './prefixes.js';
export type { TaskPrefixes } from './prefixes.js';

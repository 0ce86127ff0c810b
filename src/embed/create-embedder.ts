/**
 * The one way to get an Embedder from configuration.
 */
import { createBuiltinEmbedder } from './builtin.js';
import type { EmbedderDeps, EmbeddingConfig } from './config.js';
import type { Embedder } from './embedder.js';
import { createOllamaEmbedder } from './ollama.js';
import { createOpenAIEmbedder } from './openai.js';

/**
 * Returns the configured embedder, or null for `none` (lexical-only search). Cheap and synchronous:
 * nothing is contacted or loaded until `probe()` or the first embedding call.
 *
 * `builtin` is imported statically: its module is small and already defers the expensive part
 * (reading the model file) to first use, and importing it up front gives the exact `id` at once.
 */
export function createEmbedder(config: EmbeddingConfig, deps: EmbedderDeps = {}): Embedder | null {
  switch (config.provider) {
    case 'none':
      return null;
    case 'ollama':
      return createOllamaEmbedder(config, deps);
    case 'openai':
      return createOpenAIEmbedder(config, deps);
    case 'builtin':
      return createBuiltinEmbedder({
        ...(config.model !== undefined ? { model: config.model } : {}),
        ...(deps.logger !== undefined ? { logger: deps.logger } : {}),
      });
  }
}

/**
 * Document embedders rebuilt in another thread from an embedder's `worker` recipe: indexing
 * workers embed the chunks they cut, so the main thread neither reads them back nor embeds them.
 * Synchronous, one text at a time; the vectors equal the embedder's own `embedDocuments`.
 */
import { BuiltinVectorizer } from './builtin.js';
import { loadBuiltinModel } from './builtin-model.js';
import type { WorkerEmbedding } from './embedder.js';

/** Embeds one document text: a unit-length vector. */
export type DocumentEmbedder = (text: string) => Float32Array;

/** Loads the model the recipe names; throws an EmbeddingError when it cannot. */
export async function createDocumentEmbedder(recipe: WorkerEmbedding): Promise<DocumentEmbedder> {
  switch (recipe.provider) {
    case 'builtin': {
      const vectorizer = new BuiltinVectorizer(await loadBuiltinModel(recipe.path));
      return (text) => vectorizer.embed(text);
    }
  }
}

/**
 * The document embedders of one thread, one per recipe, loaded on first use. A recipe whose
 * model failed to load is not retried: its chunks go without vectors, and the embedding phase
 * that follows reports the same failure.
 */
export class DocumentEmbedders {
  readonly #loaded = new Map<string, Promise<DocumentEmbedder | undefined>>();

  get(recipe: WorkerEmbedding): Promise<DocumentEmbedder | undefined> {
    const key = JSON.stringify([recipe.provider, recipe.model, recipe.path]);
    let loading = this.#loaded.get(key);
    if (!loading) {
      loading = createDocumentEmbedder(recipe).catch(() => undefined);
      this.#loaded.set(key, loading);
    }
    return loading;
  }
}

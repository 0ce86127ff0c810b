/**
 * Document embedders rebuilt in another thread from an embedder's `worker` recipe: indexing
 * workers embed the chunks they cut, so the main thread neither reads them back nor embeds them.
 * Synchronous, one text at a time; the vectors equal the embedder's own `embedDocuments`.
 */
import { DEFAULT_TOKENIZER_OPTIONS, type BodyTerms } from '../lexical/index.js';
import { BuiltinVectorizer } from './builtin.js';
import type { BuiltinModel } from './builtin-model.js';
import { adoptBuiltinModel, loadSharedBuiltinModel, type SharedBuiltinModel } from './builtin-shared.js';
import type { WorkerEmbedding } from './embedder.js';

/** Embeds documents one at a time: unit-length vectors. */
export interface DocumentEmbedder {
  embed(text: string): Float32Array;
  /**
   * The vector of `head + "\n" + body`, from the body's terms as `chunkTerms` found them with the
   * default tokenizer options (so the body is not tokenized twice); absent when the model
   * tokenizes otherwise.
   */
  readonly embedWithBody?: (head: string, body: BodyTerms) => Float32Array;
}

/**
 * Loads the model the recipe names (or uses `model`, one another thread shared); throws an
 * EmbeddingError when it cannot.
 */
export async function createDocumentEmbedder(
  recipe: WorkerEmbedding,
  model?: BuiltinModel,
): Promise<DocumentEmbedder> {
  switch (recipe.provider) {
    case 'builtin': {
      const vectorizer = new BuiltinVectorizer(model ?? (await loadSharedBuiltinModel(recipe.path)));
      return {
        embed: (text) => vectorizer.embed(text),
        ...(vectorizer.tokenizesAs(DEFAULT_TOKENIZER_OPTIONS)
          ? { embedWithBody: (head: string, body: BodyTerms) => vectorizer.embedWithBody(head, body) }
          : {}),
      };
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

  /** Embeds with `model`, which another thread loaded and shared, for the recipe from now on. */
  adopt(recipe: WorkerEmbedding, model: SharedBuiltinModel): void {
    const embedder = Promise.resolve()
      .then(() => createDocumentEmbedder(recipe, adoptBuiltinModel(model)))
      .catch(() => undefined);
    this.#loaded.set(DocumentEmbedders.key(recipe), embedder);
  }

  get(recipe: WorkerEmbedding): Promise<DocumentEmbedder | undefined> {
    const key = DocumentEmbedders.key(recipe);
    let loading = this.#loaded.get(key);
    if (!loading) {
      loading = createDocumentEmbedder(recipe).catch(() => undefined);
      this.#loaded.set(key, loading);
    }
    return loading;
  }

  private static key(recipe: WorkerEmbedding): string {
    return JSON.stringify([recipe.provider, recipe.model, recipe.path]);
  }
}

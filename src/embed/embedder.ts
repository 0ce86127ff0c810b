/**
 * The embedding seam. One file per provider (`ollama.ts`, `openai.ts`, `builtin.ts`), all behind
 * this interface; `none` means lexical-only search and is represented by the absence of an embedder.
 */
export interface Embedder {
  /** Provider name: `ollama`, `openai`, `builtin`. */
  readonly provider: string;
  /** Model name as the provider knows it, e.g. `nomic-embed-text`. */
  readonly model: string;
  /** `provider:model`, recorded in the index. */
  readonly id: string;
  /**
   * Runs in this process at no request cost, so recomputing a vector is cheaper than keeping it
   * in the embedding cache (the built-in model). Absent: false.
   */
  readonly local?: boolean;
  /**
   * How another thread builds the same document embedder (a `local` one only), so indexing
   * workers embed chunks as they cut them. Plain data, sent to worker threads. Absent: documents
   * are embedded on this thread only (`embedDocuments`).
   */
  readonly worker?: WorkerEmbedding;
  /**
   * Vector length. Known up front for some providers; detected on the first call for others
   * (null until then). Every batch is checked against it.
   */
  dimensions(): number | null;
  /** Checks the provider is reachable and the model exists; throws EmbeddingError with a hint. */
  probe(signal?: AbortSignal): Promise<void>;
  /**
   * Embeds documents (chunks) in order; batches, retries and concurrency are handled inside.
   * Returns unit-length vectors.
   */
  embedDocuments(texts: readonly string[], signal?: AbortSignal): Promise<Float32Array[]>;
  /** Embeds one search query (some models use a different prefix for queries). */
  embedQuery(text: string, signal?: AbortSignal): Promise<Float32Array>;
}

/**
 * The recipe for a document embedder in another thread (`createDocumentEmbedder`): the built-in
 * model, by name and file. Vectors are identical to the embedder's own `embedDocuments`.
 */
export interface WorkerEmbedding {
  readonly provider: 'builtin';
  /** Model name, as in the embedder's `model`. */
  readonly model: string;
  /** The model file. */
  readonly path: string;
}

/**
 * The storage seam. Two implementations share one schema and one set of SQL statements:
 * `store/pglite/` (embedded, the zero-setup default) and `store/postgres/` (node-postgres pool).
 * Nothing user-supplied is ever spliced into SQL: every value is a bound parameter.
 */
import type { ChunkKind, FailedFile, JobPhase, JobStatus, Language, SkippedFile } from '../core/index.js';

export interface ProjectRecord {
  readonly id: number;
  readonly name: string;
  readonly createdAt: Date;
}

export interface RepositoryRecord {
  readonly id: number;
  readonly projectId: number;
  /** Absolute, real (symlink-resolved) path of the repository root when it was indexed. */
  readonly rootPath: string;
  readonly createdAt: Date;
  readonly lastIndexedAt: Date | null;
  /** Number of chunks and sum of chunk lengths in terms: the BM25 corpus statistics. */
  readonly chunkCount: number;
  readonly fileCount: number;
  readonly tokenTotal: number;
  /** The embedding model that built the vectors, when one did: `provider:model` and dimensions. */
  readonly embeddingModel: string | null;
  readonly embeddingDimensions: number | null;
  /**
   * The content pipeline version (chunker, tokenizer, field weights) every file was last processed
   * with, or null when unknown; the indexer re-processes every file when it is not its own.
   */
  readonly contentVersion: number | null;
}

export interface RepositorySummary extends RepositoryRecord {
  readonly projectName: string;
  /** Status of the most recent job, if any. */
  readonly lastJobStatus: JobStatus | null;
}

export interface FileRecord {
  readonly path: string;
  readonly hash: string;
  readonly size: number;
  readonly changedMs: number;
  readonly language: Language;
}

/**
 * The indexed terms of a chunk, compactly: for each distinct term, its hash (`termHash`, a
 * 53-bit integer, exact in a float64) and its field-weighted frequency, at the same index. Typed
 * arrays rather than an object per term, so an indexing worker hands a file's chunks to the writer
 * as a few transferable buffers (the chunks of one file may share them, as views). Build one from
 * term strings with `termVector`; the hash is part of the on-disk format.
 */
export interface TermVector {
  readonly hashes: Float64Array;
  /** Stored as `real`, so float32 loses nothing. */
  readonly tfs: Float32Array;
}

export interface ChunkWrite {
  readonly startLine: number;
  readonly endLine: number;
  readonly kind: ChunkKind;
  readonly symbol: string | null;
  readonly content: string;
  /** Hash of `content` (hex); keys the embedding cache. */
  readonly hash: string;
  /** Document length for BM25 length normalisation (sum of `terms.tfs`). */
  readonly length: number;
  readonly terms: TermVector;
  /**
   * The chunk's vector when the indexer embedded it on the way (`FileWriteOptions.embeddingModel`
   * names the model): written with the chunk, in the same transaction.
   */
  readonly vector?: Float32Array;
}

/** How `writeFiles` treats the vectors that come with chunks. */
export interface FileWriteOptions {
  /**
   * The model that made the chunks' vectors. They are written only while the repository is
   * embedded with this model and length; otherwise they are dropped, and the chunks count as
   * missing a vector (`countChunksWithoutEmbedding`) until an embedding phase fills them in.
   */
  readonly embeddingModel?: string;
}

export interface FileWrite extends FileRecord {
  readonly chunks: readonly ChunkWrite[];
}

/** Fields of a job that change while it runs. */
export interface JobProgress {
  readonly status?: JobStatus;
  readonly phase?: JobPhase;
  readonly filesTotal?: number;
  readonly filesDone?: number;
  readonly chunks?: number;
  readonly skipped?: readonly SkippedFile[];
  readonly failed?: readonly FailedFile[];
  readonly error?: string | null;
  readonly startedAt?: Date | null;
  readonly finishedAt?: Date | null;
  /** Free-form counters (embedded chunks, missing vectors...). */
  readonly stats?: Readonly<Record<string, number>>;
}

export interface JobRecord {
  readonly id: string;
  readonly repositoryId: number;
  readonly projectId: number;
  readonly status: JobStatus;
  readonly phase: JobPhase;
  readonly force: boolean;
  readonly filesTotal: number;
  readonly filesDone: number;
  readonly chunks: number;
  readonly skipped: readonly SkippedFile[];
  readonly failed: readonly FailedFile[];
  readonly error: string | null;
  readonly stats: Readonly<Record<string, number>>;
  readonly cancelRequested: boolean;
  /** Which server instance runs it (null while pending). */
  readonly owner: string | null;
  readonly createdAt: Date;
  readonly startedAt: Date | null;
  readonly finishedAt: Date | null;
  readonly updatedAt: Date;
}

export interface LexicalQuery {
  readonly repositoryIds: readonly number[];
  /** Distinct query terms with their weights (query term frequency). */
  readonly terms: readonly { readonly term: string; readonly weight: number }[];
  /** How many top-scoring chunks to return. */
  readonly limit: number;
  /** Only chunks of these languages. */
  readonly languages?: readonly Language[];
  /** Only chunks whose path matches this POSIX regular expression (from a glob). */
  readonly pathRegex?: string;
  /** BM25 parameters. */
  readonly k1: number;
  readonly b: number;
  /** Chunks shorter than this share of the average length count as that long (0 when absent). */
  readonly lengthFloor?: number;
}

/** A scored chunk without its content; content is fetched for the final results only. */
export interface ChunkHit {
  readonly chunkId: number;
  readonly repositoryId: number;
  readonly path: string;
  readonly language: Language;
  readonly startLine: number;
  readonly endLine: number;
  readonly kind: ChunkKind;
  readonly symbol: string | null;
  readonly score: number;
}

export interface StoredChunk extends Omit<ChunkHit, 'score'> {
  readonly content: string;
  readonly hash: string;
}

export interface VectorQuery {
  readonly repositoryIds: readonly number[];
  /** The embedder id (`provider:model`) whose vectors to search. */
  readonly model: string;
  /** Unit-length query vector. */
  readonly vector: Float32Array;
  readonly limit: number;
  readonly languages?: readonly Language[];
  readonly pathRegex?: string;
}

export interface SimilarityQuery {
  readonly model: string;
  /** Unit-length query vector. */
  readonly vector: Float32Array;
  readonly chunkIds: readonly number[];
}

/** A chunk that still needs a vector. */
export interface ChunkToEmbed {
  readonly chunkId: number;
  readonly hash: string;
  readonly path: string;
  readonly symbol: string | null;
  readonly content: string;
}

export interface EmbeddingWrite {
  readonly chunkId: number;
  readonly hash: string;
  readonly vector: Float32Array;
}

/** How `writeEmbeddings` stores vectors. */
export interface EmbeddingWriteOptions {
  /** Also keep the vectors in the embedding cache for reuse by content hash (default true). */
  readonly cache?: boolean;
}

export interface MigrationResult {
  readonly applied: readonly string[];
  readonly current: number;
}

export interface MigrationStatus {
  readonly current: number;
  readonly latest: number;
}

export interface Store {
  readonly kind: 'pglite' | 'postgres';

  /** Applies pending migrations (under an advisory lock on PostgreSQL). Idempotent. */
  migrate(): Promise<MigrationResult>;
  migrationStatus(): Promise<MigrationStatus>;
  /** Throws a StoreError when the database cannot answer. */
  ping(): Promise<void>;
  close(): Promise<void>;

  getOrCreateProject(name: string): Promise<ProjectRecord>;
  getProject(name: string): Promise<ProjectRecord | null>;

  getOrCreateRepository(projectId: number, rootPath: string): Promise<RepositoryRecord>;
  getRepository(repositoryId: number): Promise<RepositoryRecord | null>;
  findRepository(projectId: number, rootPath: string): Promise<RepositoryRecord | null>;
  listRepositories(projectId?: number): Promise<RepositorySummary[]>;
  /** Deletes the repository with its files, chunks, postings and jobs. */
  removeRepository(repositoryId: number): Promise<void>;
  /**
   * Records the end of an indexing run: compacts segments, then refreshes planner statistics when
   * the repository's rows changed since the last refresh.
   */
  markRepositoryIndexed(repositoryId: number, at: Date): Promise<void>;
  /** Records the content pipeline version every file of the repository now has. */
  setContentVersion(repositoryId: number, version: number): Promise<void>;

  /** The repository's files in path order; only those whose path matches `pathRegex` (POSIX), if given. */
  listFiles(repositoryId: number, pathRegex?: string): Promise<FileRecord[]>;
  /**
   * Replaces each file's row, chunks and postings in one transaction: readers see either the old
   * or the new version of every file, never a mix. Corpus statistics move in the same transaction,
   * and so do the vectors the chunks bring (`ChunkWrite.vector`, see `FileWriteOptions`).
   */
  writeFiles(repositoryId: number, files: readonly FileWrite[], options?: FileWriteOptions): Promise<void>;
  /** Updates size and change time of files whose content hash did not change. */
  touchFiles(
    repositoryId: number,
    files: readonly Pick<FileRecord, 'path' | 'size' | 'changedMs'>[],
  ): Promise<void>;
  deleteFiles(repositoryId: number, paths: readonly string[]): Promise<void>;

  createJob(repositoryId: number, options: { force: boolean }): Promise<JobRecord>;
  updateJob(jobId: string, progress: JobProgress): Promise<void>;
  getJob(jobId: string): Promise<JobRecord | null>;
  /** The most recent job of the repository that is pending or running, if any. */
  findActiveJob(repositoryId: number): Promise<JobRecord | null>;
  latestJob(repositoryId: number): Promise<JobRecord | null>;
  requestJobCancel(jobId: string): Promise<void>;
  /** Marks `running` jobs (of any owner, or of `owner` when given) as `interrupted`; returns how many. */
  markInterruptedJobs(owner?: string): Promise<number>;
  /**
   * Atomically moves the oldest pending job (of any repository) to `running` with `owner` and
   * returns it, or null when none is pending. Concurrent claimers never get the same job
   * (`FOR UPDATE SKIP LOCKED`).
   */
  claimNextJob(owner: string): Promise<JobRecord | null>;

  /** Okapi BM25 over the postings (read in one statement, scored in TypeScript). Highest score first. */
  lexicalSearch(query: LexicalQuery): Promise<ChunkHit[]>;
  /**
   * Prepares the repositories for fast searches (reads the postings of their most frequent terms
   * into this process's cache); returns how many postings it prepared. Never changes results.
   */
  warmSearch(repositoryIds: readonly number[]): Promise<number>;
  getChunks(chunkIds: readonly number[]): Promise<StoredChunk[]>;
  /** Chunks of one file in line order (to reconstruct indexed text). */
  getFileChunks(repositoryId: number, path: string): Promise<StoredChunk[]>;

  /**
   * Records the embedding model of a repository (null: none). A different model than before
   * discards the repository's vectors, so they are rebuilt with the new one.
   */
  setRepositoryEmbedding(
    repositoryId: number,
    model: string | null,
    dimensions: number | null,
  ): Promise<void>;
  /**
   * Up to `limit` chunks of the repository without a vector for `model`, after first reusing
   * vectors cached for the same content hash and model (so unchanged code is never re-embedded).
   */
  chunksWithoutEmbedding(repositoryId: number, model: string, limit: number): Promise<ChunkToEmbed[]>;
  countChunksWithoutEmbedding(repositoryId: number, model: string): Promise<number>;
  /**
   * Stores vectors for chunks, and in the cache keyed by (content hash, model) unless
   * `options.cache` is false (for a model that embeds as fast as the cache is written). Bulk,
   * binary where it helps.
   */
  writeEmbeddings(
    repositoryId: number,
    model: string,
    rows: readonly EmbeddingWrite[],
    options?: EmbeddingWriteOptions,
  ): Promise<void>;
  /**
   * Builds the HNSW index for the repository's vector length when vectors of that length have
   * outgrown exact search and no index exists yet (a bulk build: about a minute per 40k
   * 256-dimensional vectors on PGlite); returns whether the index exists afterwards. Only
   * `vectorSearch` uses it; without it `vectorSearch` is exact (same results, slower) and
   * `vectorSimilarities` never needs it.
   */
  buildVectorIndex(repositoryId: number): Promise<boolean>;
  /**
   * Nearest chunks by cosine distance; `score` is the cosine similarity. Goes through the HNSW
   * index when one exists (`buildVectorIndex`) and the corpus is large, otherwise exact.
   */
  vectorSearch(query: VectorQuery): Promise<ChunkHit[]>;
  /**
   * Exact cosine similarity of the query vector to each of these chunks (chunk id → similarity),
   * for re-scoring lexical candidates. Chunks without a vector of `model` are absent from the map.
   */
  vectorSimilarities(query: SimilarityQuery): Promise<Map<number, number>>;
}

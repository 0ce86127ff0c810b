/**
 * The one Store implementation, written against the small Driver seam. `pglite/` and `postgres/`
 * only adapt their client; every statement lives in this folder and runs unchanged on both.
 */
import { randomUUID } from 'node:crypto';
import { StoreError, type Logger } from '../../core/index.js';
import type {
  ChunkHit,
  ChunkToEmbed,
  EmbeddingWrite,
  EmbeddingWriteOptions,
  FileRecord,
  FileWrite,
  FileWriteOptions,
  JobProgress,
  JobRecord,
  LexicalQuery,
  MigrationResult,
  MigrationStatus,
  ProjectRecord,
  RepositoryRecord,
  RepositorySummary,
  Store,
  StoredChunk,
  SimilarityQuery,
  VectorQuery,
} from '../store.js';
import { numberArray, textArray } from './arrays.js';
import { compactSegmentsTx } from './compact.js';
import type { Driver } from './driver.js';
import { buildJobUpdate } from './job-update.js';
import {
  CLAIM_NEXT_JOB,
  CREATE_JOB,
  FIND_ACTIVE_JOB,
  GET_JOB,
  LATEST_JOB,
  MARK_INTERRUPTED_JOBS,
  REQUEST_JOB_CANCEL,
} from './job-statements.js';
import { toFile, toJob, toProject, toRepository, toRepositorySummary, toStoredChunk } from './mappers.js';
import { readMigrationStatus, runMigrations } from './migrator.js';
import { lexicalSearch, warmLexicalCache } from './lexical-search.js';
import { GET_CHUNKS, GET_FILE_CHUNKS } from './search-statements.js';
import * as q from './statements.js';
import { deleteFilesTx, insertPostings, writeFilesTx, type PostingsWriter } from './write-files.js';
import { vectorSearch, vectorSimilarities } from './vector-search.js';
import { insertStaging, writeEmbeddings } from './vector-write.js';
import * as vectors from './vectors.js';

export interface SqlStoreOptions {
  readonly logger: Logger;
  /** Faster bulk path for postings, when the driver has one. */
  readonly writePostings?: PostingsWriter;
}

export class SqlStore implements Store {
  readonly kind: 'pglite' | 'postgres';
  readonly #driver: Driver;
  readonly #logger: Logger;
  readonly #writePostings: PostingsWriter;

  constructor(driver: Driver, options: SqlStoreOptions) {
    this.kind = driver.kind;
    this.#driver = driver;
    this.#logger = options.logger;
    this.#writePostings = options.writePostings ?? insertPostings;
  }

  async migrate(): Promise<MigrationResult> {
    const result = await runMigrations(this.#driver);
    if (result.applied.length > 0) this.#logger.info('store migrated', { applied: result.applied });
    return result;
  }

  migrationStatus(): Promise<MigrationStatus> {
    return readMigrationStatus(this.#driver);
  }

  async ping(): Promise<void> {
    await this.#driver.query('SELECT 1');
  }

  close(): Promise<void> {
    return this.#driver.close();
  }

  async getOrCreateProject(name: string): Promise<ProjectRecord> {
    const result = await this.#driver.query(q.GET_OR_CREATE_PROJECT, [name]);
    return toProject(result.rows[0]!);
  }

  async getProject(name: string): Promise<ProjectRecord | null> {
    const result = await this.#driver.query(q.GET_PROJECT, [name]);
    return result.rows[0] ? toProject(result.rows[0]) : null;
  }

  async getOrCreateRepository(projectId: number, rootPath: string): Promise<RepositoryRecord> {
    const result = await this.#driver.query(q.GET_OR_CREATE_REPOSITORY, [projectId, rootPath]);
    return toRepository(result.rows[0]!);
  }

  async getRepository(repositoryId: number): Promise<RepositoryRecord | null> {
    const result = await this.#driver.query(q.GET_REPOSITORY, [repositoryId]);
    return result.rows[0] ? toRepository(result.rows[0]) : null;
  }

  async findRepository(projectId: number, rootPath: string): Promise<RepositoryRecord | null> {
    const result = await this.#driver.query(q.FIND_REPOSITORY, [projectId, rootPath]);
    return result.rows[0] ? toRepository(result.rows[0]) : null;
  }

  async listRepositories(projectId?: number): Promise<RepositorySummary[]> {
    const result = await this.#driver.query(q.LIST_REPOSITORIES, [projectId ?? null]);
    return result.rows.map(toRepositorySummary);
  }

  async removeRepository(repositoryId: number): Promise<void> {
    await this.#driver.transaction(async (tx) => {
      await tx.query(q.DELETE_REPOSITORY_POSTINGS, [repositoryId]);
      await tx.query(q.DELETE_REPOSITORY_CHUNKS, [repositoryId]);
      await tx.query(q.DELETE_REPOSITORY, [repositoryId]);
    });
  }

  async setContentVersion(repositoryId: number, version: number): Promise<void> {
    await this.#driver.query(q.SET_CONTENT_VERSION, [repositoryId, version]);
  }

  async markRepositoryIndexed(repositoryId: number, at: Date): Promise<void> {
    const { compacted, stale } = await this.#driver.transaction(async (tx) => {
      const compacted = await compactSegmentsTx(tx, repositoryId);
      if (compacted > 0) this.#logger.debug('compacted segments', { repositoryId, compacted });
      const marked = await tx.query<{ stale: boolean }>(q.MARK_REPOSITORY_INDEXED, [repositoryId, at]);
      return { compacted, stale: marked.rows[0]?.stale ?? false };
    });
    // Planner statistics (and on PGlite, which has no autovacuum, the visibility map and dead
    // rows) after a bulk change; a run that changed nothing leaves them as they are.
    if (compacted === 0 && !stale) return;
    await this.#driver.refreshStatistics([
      'postings',
      'chunks',
      'files',
      'segments',
      'dead_chunks',
      'chunk_vectors',
    ]);
  }

  async listFiles(repositoryId: number, pathRegex?: string): Promise<FileRecord[]> {
    const result =
      pathRegex === undefined
        ? await this.#driver.query(q.LIST_FILES, [repositoryId])
        : await this.#driver.query(q.LIST_FILES_MATCHING, [repositoryId, pathRegex]);
    return result.rows.map(toFile);
  }

  async writeFiles(
    repositoryId: number,
    files: readonly FileWrite[],
    options: FileWriteOptions = {},
  ): Promise<void> {
    if (files.length === 0) return;
    const vectors = options.embeddingModel
      ? { model: options.embeddingModel, stage: this.#vectors.stage, copy: this.#vectors.copy }
      : undefined;
    await this.#driver.transaction((tx) =>
      writeFilesTx(tx, repositoryId, files, this.#writePostings, vectors),
    );
  }

  async touchFiles(
    repositoryId: number,
    files: readonly Pick<FileRecord, 'path' | 'size' | 'changedMs'>[],
  ): Promise<void> {
    if (files.length === 0) return;
    await this.#driver.query(q.TOUCH_FILES, [
      repositoryId,
      textArray(files.map((f) => f.path)),
      numberArray(files.map((f) => f.size)),
      numberArray(files.map((f) => f.changedMs)),
    ]);
  }

  async deleteFiles(repositoryId: number, paths: readonly string[]): Promise<void> {
    if (paths.length === 0) return;
    await this.#driver.transaction((tx) => deleteFilesTx(tx, repositoryId, paths));
  }

  async createJob(repositoryId: number, options: { force: boolean }): Promise<JobRecord> {
    const result = await this.#driver.query(CREATE_JOB, [randomUUID(), repositoryId, options.force]);
    if (!result.rows[0]) {
      throw new StoreError('REPOSITORY_NOT_FOUND', `No repository with id ${repositoryId}.`, {
        details: { repositoryId },
        hint: 'List repositories to find the right one; it may have been removed.',
      });
    }
    return toJob(result.rows[0]);
  }

  async updateJob(jobId: string, progress: JobProgress): Promise<void> {
    const { sql, params } = buildJobUpdate(jobId, progress);
    await this.#driver.query(sql, params);
  }

  async getJob(jobId: string): Promise<JobRecord | null> {
    const result = await this.#driver.query(GET_JOB, [jobId]);
    return result.rows[0] ? toJob(result.rows[0]) : null;
  }

  async findActiveJob(repositoryId: number): Promise<JobRecord | null> {
    const result = await this.#driver.query(FIND_ACTIVE_JOB, [repositoryId]);
    return result.rows[0] ? toJob(result.rows[0]) : null;
  }

  async latestJob(repositoryId: number): Promise<JobRecord | null> {
    const result = await this.#driver.query(LATEST_JOB, [repositoryId]);
    return result.rows[0] ? toJob(result.rows[0]) : null;
  }

  async requestJobCancel(jobId: string): Promise<void> {
    await this.#driver.query(REQUEST_JOB_CANCEL, [jobId]);
  }

  async markInterruptedJobs(owner?: string): Promise<number> {
    const result = await this.#driver.query(MARK_INTERRUPTED_JOBS, [owner ?? null]);
    return result.affectedRows;
  }

  async claimNextJob(owner: string): Promise<JobRecord | null> {
    const result = await this.#driver.query(CLAIM_NEXT_JOB, [owner]);
    return result.rows[0] ? toJob(result.rows[0]) : null;
  }

  lexicalSearch(query: LexicalQuery): Promise<ChunkHit[]> {
    return lexicalSearch(this.#driver, query);
  }

  warmSearch(repositoryIds: readonly number[]): Promise<number> {
    return warmLexicalCache(this.#driver, repositoryIds);
  }

  async getChunks(chunkIds: readonly number[]): Promise<StoredChunk[]> {
    if (chunkIds.length === 0) return [];
    const result = await this.#driver.query(GET_CHUNKS, [numberArray(chunkIds)]);
    const byId = new Map(result.rows.map((row) => [Number(row.id), toStoredChunk(row)]));
    return chunkIds.flatMap((id) => byId.get(id) ?? []);
  }

  async getFileChunks(repositoryId: number, path: string): Promise<StoredChunk[]> {
    const result = await this.#driver.query(GET_FILE_CHUNKS, [repositoryId, path]);
    return result.rows.map(toStoredChunk);
  }

  // Embeddings: vectors.ts and vector-search.ts. Backends set the HNSW parameters and their bulk
  // vector path once, right after construction (configureVectors).
  #vectors: vectors.VectorOptions = {
    hnsw: vectors.DEFAULT_HNSW,
    stage: insertStaging,
    exactBelow: vectors.DEFAULT_EXACT_BELOW,
  };
  readonly #embedding = new vectors.EmbeddingState();

  /** HNSW parameters, the bulk vector writer and the exact-search threshold; called by the backend factories. */
  configureVectors(options: Partial<vectors.VectorOptions>): this {
    this.#vectors = { ...this.#vectors, ...options };
    return this;
  }

  setRepositoryEmbedding(
    repositoryId: number,
    model: string | null,
    dimensions: number | null,
  ): Promise<void> {
    return vectors.setRepositoryEmbedding(this.#driver, repositoryId, model, dimensions);
  }

  chunksWithoutEmbedding(repositoryId: number, model: string, limit: number): Promise<ChunkToEmbed[]> {
    return vectors.chunksWithoutEmbedding(this.#driver, this.#embedding, repositoryId, model, limit);
  }

  countChunksWithoutEmbedding(repositoryId: number, model: string): Promise<number> {
    return vectors.countChunksWithoutEmbedding(this.#driver, repositoryId, model);
  }

  writeEmbeddings(
    repositoryId: number,
    model: string,
    rows: readonly EmbeddingWrite[],
    options: EmbeddingWriteOptions = {},
  ): Promise<void> {
    return writeEmbeddings(this.#driver, this.#vectors, repositoryId, model, rows, options.cache ?? true);
  }

  buildVectorIndex(repositoryId: number): Promise<boolean> {
    return vectors.buildVectorIndex(this.#driver, this.#vectors, repositoryId);
  }

  vectorSearch(query: VectorQuery): Promise<ChunkHit[]> {
    return vectorSearch(this.#driver, this.#vectors, query);
  }

  vectorSimilarities(query: SimilarityQuery): Promise<Map<number, number>> {
    return vectorSimilarities(this.#driver, query);
  }
}

/**
 * The options, progress and result of an indexing run (`indexRepository`).
 */
import type { FailedFile, JobPhase, JobStatus, Logger, SkippedFile } from '../core/index.js';
import type { Embedder } from '../embed/index.js';
import type { RepositoryRecord } from '../store/index.js';
import type { EmbedPhaseResult } from './embed-phase.js';

export interface IndexProgress {
  readonly phase: JobPhase;
  readonly filesTotal: number;
  readonly filesDone: number;
  readonly indexed: number;
  readonly unchanged: number;
  readonly chunks: number;
  readonly skipped: number;
  readonly failed: number;
  readonly elapsedMs: number;
}

export interface IndexOptions {
  readonly root: string;
  readonly project: string;
  readonly force?: boolean;
  readonly include?: readonly string[];
  readonly maxFileBytes: number;
  /** Chunking worker threads; 0 runs inline. Default: one per CPU (at most 4); the main thread mostly waits on them. */
  readonly workers?: number;
  /** Record progress on this existing job instead of creating one. */
  readonly jobId?: string;
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: IndexProgress) => void;
  readonly logger?: Logger;
  /**
   * Embeds the chunks; null or absent: lexical only. A local model with a `worker` recipe (the
   * built-in one) embeds in the chunking workers and its vectors are written with their chunks;
   * other providers embed after the lexical index is written (the embedding phase).
   */
  readonly embedder?: Embedder | null;
  /**
   * Build the HNSW index when the vectors outgrow exact search (default true). Pass false when the
   * search fusion never searches vectors by similarity (`rescore`); see `EmbedPhaseOptions`.
   */
  readonly vectorIndex?: boolean;
  /**
   * Files per write transaction, fixed. Default: growing from 100 to 2,000 files (and 500 to
   * 10,000 chunks) per transaction, see `DEFAULT_BATCH_GROWTH`.
   */
  readonly batchFiles?: number;
  readonly now?: () => number;
}

export interface IndexResult {
  readonly jobId: string;
  readonly repository: RepositoryRecord;
  readonly status: Extract<JobStatus, 'completed' | 'completed_with_errors' | 'cancelled'>;
  readonly filesTotal: number;
  readonly indexed: number;
  readonly unchanged: number;
  readonly deleted: number;
  /** Chunks written by this run. */
  readonly chunksWritten: number;
  readonly skipped: readonly SkippedFile[];
  readonly failed: readonly FailedFile[];
  /** Set when an embedder is configured. */
  readonly embeddings?: EmbedPhaseResult;
  /** Set when no file matched and the files indexed before were all removed (`deleted` of them). */
  readonly warning?: string;
  readonly elapsedMs: number;
}

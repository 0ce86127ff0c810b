/**
 * Row mappers: snake_case rows from either driver to the store's records. Numbers arrive as
 * number, string (node-postgres int8/numeric) or bigint (PGlite int8), so every count goes
 * through `num`.
 */
import type { ChunkKind, FailedFile, JobPhase, JobStatus, Language, SkippedFile } from '../../core/index.js';
import type {
  ChunkHit,
  FileRecord,
  JobRecord,
  ProjectRecord,
  RepositoryRecord,
  RepositorySummary,
  StoredChunk,
} from '../store.js';

export type Row = Record<string, unknown>;

export function num(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint' || typeof value === 'string') return Number(value);
  return 0;
}

function numOrNull(value: unknown): number | null {
  return value === null || value === undefined ? null : num(value);
}

function date(value: unknown): Date {
  return value instanceof Date ? value : new Date(String(value));
}

function dateOrNull(value: unknown): Date | null {
  return value === null || value === undefined ? null : date(value);
}

function strOrNull(value: unknown): string | null {
  return value === null || value === undefined ? null : String(value);
}

function json<T>(value: unknown, fallback: T): T {
  if (value === null || value === undefined) return fallback;
  return (typeof value === 'string' ? JSON.parse(value) : value) as T;
}

export function toProject(row: Row): ProjectRecord {
  return { id: num(row.id), name: String(row.name), createdAt: date(row.created_at) };
}

export function toRepository(row: Row): RepositoryRecord {
  return {
    id: num(row.id),
    projectId: num(row.project_id),
    rootPath: String(row.root_path),
    createdAt: date(row.created_at),
    lastIndexedAt: dateOrNull(row.last_indexed_at),
    chunkCount: num(row.chunk_count),
    fileCount: num(row.file_count),
    tokenTotal: num(row.token_total),
    embeddingModel: strOrNull(row.embedding_model),
    embeddingDimensions: numOrNull(row.embedding_dimensions),
    contentVersion: numOrNull(row.content_version),
  };
}

export function toRepositorySummary(row: Row): RepositorySummary {
  return {
    ...toRepository(row),
    projectName: String(row.project_name),
    lastJobStatus: strOrNull(row.last_job_status) as JobStatus | null,
  };
}

export function toFile(row: Row): FileRecord {
  return {
    path: String(row.path),
    hash: String(row.hash),
    size: num(row.size),
    changedMs: num(row.changed_ms),
    language: String(row.language) as Language,
  };
}

export function toChunkHit(row: Row): ChunkHit {
  return {
    chunkId: num(row.id),
    repositoryId: num(row.repository_id),
    path: String(row.path),
    language: String(row.language) as Language,
    startLine: num(row.start_line),
    endLine: num(row.end_line),
    kind: String(row.kind) as ChunkKind,
    symbol: strOrNull(row.symbol),
    score: num(row.score),
  };
}

export function toStoredChunk(row: Row): StoredChunk {
  const { score: _score, ...hit } = toChunkHit(row);
  return { ...hit, content: String(row.content), hash: String(row.content_hash) };
}

export function toJob(row: Row): JobRecord {
  return {
    id: String(row.id),
    repositoryId: num(row.repository_id),
    projectId: num(row.project_id),
    status: String(row.status) as JobStatus,
    phase: String(row.phase) as JobPhase,
    force: row.force === true,
    filesTotal: num(row.files_total),
    filesDone: num(row.files_done),
    chunks: num(row.chunks),
    skipped: json<SkippedFile[]>(row.skipped, []),
    failed: json<FailedFile[]>(row.failed, []),
    error: strOrNull(row.error),
    stats: json<Record<string, number>>(row.stats, {}),
    cancelRequested: row.cancel_requested === true,
    owner: strOrNull(row.owner),
    createdAt: date(row.created_at),
    startedAt: dateOrNull(row.started_at),
    finishedAt: dateOrNull(row.finished_at),
    updatedAt: date(row.updated_at),
  };
}

/**
 * The one shape in which every tool reports a job: compact, snake_case, with the live counters of
 * this process merged over the database row (which is written at most twice a second).
 */
import { jobWarning } from '../../indexer/index.js';
import type { JobRecord } from '../../store/index.js';
import { isTerminal, type LiveJob } from '../jobs/job-manager.js';

/** Lists in an answer are cut to this many entries; the counts stay exact. */
const MAX_LISTED = 25;

export interface JobAnswerOptions {
  readonly repository: string;
  readonly live?: LiveJob | undefined;
  readonly now: number;
  /** Include skipped and failed files with reasons (status answers), not only counts. */
  readonly details?: boolean;
}

export function jobAnswer(job: JobRecord, options: JobAnswerOptions): Record<string, unknown> {
  const live = options.live?.progress;
  const running = !isTerminal(job.status);
  const done = Math.max(job.filesDone, live?.filesDone ?? 0);
  const total = Math.max(job.filesTotal, live?.filesTotal ?? 0);
  const chunks = Math.max(job.chunks, live?.chunks ?? 0);
  const started = job.startedAt?.getTime();
  const end = job.finishedAt?.getTime() ?? options.now;
  const elapsedMs = started === undefined ? undefined : Math.max(0, end - started);

  const answer: Record<string, unknown> = {
    job_id: job.id,
    repository: options.repository,
    status: job.status,
    phase: live?.phase ?? job.phase,
    files_done: done,
    files_total: total,
    chunks,
    skipped: Math.max(job.skipped.length, live?.skipped ?? 0),
    failed: Math.max(job.failed.length, live?.failed ?? 0),
  };
  if (elapsedMs !== undefined) answer['elapsed_s'] = round(elapsedMs / 1000);
  if (running) {
    const eta = estimateSeconds(done, total, elapsedMs, options.live?.filesPerSecond);
    if (eta !== undefined) answer['eta_s'] = eta;
  }
  if (job.cancelRequested && running) answer['cancel_requested'] = true;
  if (job.error) answer['error'] = job.error;
  const warning = jobWarning(job);
  if (warning !== null) answer['warning'] = warning;
  if (job.stats && Object.keys(job.stats).length > 0) answer['stats'] = job.stats;
  if (options.details) {
    if (job.skipped.length > 0) {
      const byReason: Record<string, number> = {};
      for (const s of job.skipped) byReason[s.reason] = (byReason[s.reason] ?? 0) + 1;
      answer['skipped_by_reason'] = byReason;
      answer['skipped_files'] = job.skipped
        .slice(0, MAX_LISTED)
        .map((s) => ({ path: s.path, reason: s.detail ? `${s.reason}: ${s.detail}` : s.reason }));
    }
    if (job.failed.length > 0) answer['failed_files'] = job.failed.slice(0, MAX_LISTED);
    answer['created_at'] = job.createdAt.toISOString();
    if (job.startedAt) answer['started_at'] = job.startedAt.toISOString();
    if (job.finishedAt) answer['finished_at'] = job.finishedAt.toISOString();
    answer['updated_at'] = job.updatedAt.toISOString();
  }
  return answer;
}

/** What an assistant should do next, given the status. */
export function nextStep(job: JobRecord): string {
  switch (job.status) {
    case 'pending':
      return 'Queued: it starts when a worker is free (at once, unless other indexing jobs are running). Poll get_indexing_status with this job_id.';
    case 'running':
      return 'Indexing in the background; search already sees the files written so far. Poll get_indexing_status with this job_id.';
    case 'completed':
      return jobWarning(job) !== null
        ? 'Done, but no files matched: the index of this repository is empty now (see warning).'
        : 'Done: the repository is searchable with search_code.';
    case 'completed_with_errors':
      return 'Done, but some files failed (see failed_files); everything else is searchable.';
    case 'failed':
      return 'The job failed (see error). Fix the cause and call index_repository again.';
    case 'cancelled':
    case 'interrupted':
      return 'Stopped early; the files written so far stay searchable. Call index_repository again to continue incrementally.';
  }
}

function estimateSeconds(
  done: number,
  total: number,
  elapsedMs: number | undefined,
  rate: number | undefined,
): number | undefined {
  if (total === 0 || done >= total) return undefined;
  if (rate !== undefined && rate > 0) return Math.ceil((total - done) / rate);
  if (elapsedMs === undefined || done === 0) return undefined;
  return Math.ceil(((total - done) * elapsedMs) / done / 1000);
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}

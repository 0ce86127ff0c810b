/** Builds the partial UPDATE for `updateJob` from a fixed set of columns; values stay parameters. */
import type { JobProgress } from '../store.js';
import { JOB_PROGRESS_COLUMNS } from './job-statements.js';

export function buildJobUpdate(jobId: string, progress: JobProgress): { sql: string; params: unknown[] } {
  const params: unknown[] = [jobId];
  const sets: string[] = [];
  for (const [field, [column, cast]] of Object.entries(JOB_PROGRESS_COLUMNS)) {
    const value = progress[field as keyof JobProgress];
    if (value === undefined) continue;
    params.push(cast === 'jsonb' && value !== null ? JSON.stringify(value) : value);
    sets.push(`${column} = $${params.length}::${cast}`);
  }
  sets.push('updated_at = clock_timestamp()');
  return { sql: `UPDATE jobs SET ${sets.join(', ')} WHERE id = $1`, params };
}

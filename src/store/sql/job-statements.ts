/** SQL for the jobs table. `seq` orders jobs exactly, even when two share a timestamp. */

export const JOB_COLUMNS = `id, repository_id, project_id, status, phase, force, files_total, files_done, chunks,
  skipped, failed, error, stats, cancel_requested, owner, created_at, started_at, finished_at, updated_at`;

export const CREATE_JOB = `
INSERT INTO jobs (id, repository_id, project_id, status, phase, force)
SELECT $1, r.id, r.project_id, 'pending', 'queued', $3 FROM repositories r WHERE r.id = $2
RETURNING ${JOB_COLUMNS}`;

export const GET_JOB = `SELECT ${JOB_COLUMNS} FROM jobs WHERE id = $1`;

export const FIND_ACTIVE_JOB = `
SELECT ${JOB_COLUMNS} FROM jobs
WHERE repository_id = $1 AND status IN ('pending', 'running')
ORDER BY seq DESC LIMIT 1`;

export const LATEST_JOB = `SELECT ${JOB_COLUMNS} FROM jobs WHERE repository_id = $1 ORDER BY seq DESC LIMIT 1`;

export const REQUEST_JOB_CANCEL = `
UPDATE jobs SET cancel_requested = true, updated_at = clock_timestamp() WHERE id = $1`;

export const MARK_INTERRUPTED_JOBS = `
UPDATE jobs SET status = 'interrupted', phase = 'done', finished_at = clock_timestamp(),
  updated_at = clock_timestamp()
WHERE status = 'running' AND ($1::text IS NULL OR owner = $1::text)`;

/**
 * Moves the oldest pending job to running, in its first phase (never `running` and `queued`);
 * concurrent claimers skip rows another one has locked.
 */
export const CLAIM_NEXT_JOB = `
UPDATE jobs SET status = 'running', phase = 'scanning', owner = $1, started_at = coalesce(started_at, clock_timestamp()),
  updated_at = clock_timestamp()
WHERE id = (
  SELECT id FROM jobs WHERE status = 'pending' ORDER BY seq LIMIT 1 FOR UPDATE SKIP LOCKED
)
RETURNING ${JOB_COLUMNS}`;

/**
 * Columns `updateJob` may set, keyed by JobProgress field, with the cast for their parameter.
 * The SET list is assembled from these constants only; values are always parameters.
 */
export const JOB_PROGRESS_COLUMNS = {
  status: ['status', 'text'],
  phase: ['phase', 'text'],
  filesTotal: ['files_total', 'integer'],
  filesDone: ['files_done', 'integer'],
  chunks: ['chunks', 'integer'],
  skipped: ['skipped', 'jsonb'],
  failed: ['failed', 'jsonb'],
  error: ['error', 'text'],
  startedAt: ['started_at', 'timestamptz'],
  finishedAt: ['finished_at', 'timestamptz'],
  stats: ['stats', 'jsonb'],
} as const;

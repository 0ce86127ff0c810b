/**
 * Start-up recovery: a job still marked `running` whose server is gone becomes `interrupted`, so
 * status answers stop claiming progress nobody makes. Re-running the repository continues
 * incrementally, because every committed batch of files stays in the index.
 */
import type { Logger } from '../../core/index.js';
import type { Store } from '../../store/index.js';

export interface RecoveryOptions {
  /** A running job whose row was not touched for this long has lost its server (PostgreSQL only). */
  readonly staleAfterMs: number;
  readonly now: () => number;
  readonly logger: Logger;
}

/**
 * PGlite is opened by one process at a time, so every `running` job there is left over from a
 * crash. PostgreSQL may be shared by replicas: only jobs without a recent heartbeat are marked.
 */
export async function markInterrupted(store: Store, options: RecoveryOptions): Promise<number> {
  let count: number;
  if (store.kind === 'pglite') {
    count = await store.markInterruptedJobs();
  } else {
    count = 0;
    const cutoff = options.now() - options.staleAfterMs;
    for (const repo of await store.listRepositories()) {
      const job = await store.latestJob(repo.id);
      if (job?.status !== 'running' || job.updatedAt.getTime() > cutoff) continue;
      await store.updateJob(job.id, {
        status: 'interrupted',
        error: 'The server running this job stopped before it finished.',
        finishedAt: new Date(options.now()),
      });
      count++;
    }
  }
  if (count > 0) {
    options.logger.warn('marked jobs left running by a previous server as interrupted', { count });
  }
  return count;
}

import { describeError, type Logger } from '../../core/index.js';
import type { Store } from '../../store/index.js';

/**
 * Reads the repositories' most frequent postings (all repositories' when none are named) into the
 * store's cache, so the first searches after a start or an index run are as fast as later ones.
 * Meant to run in the background: failures only log.
 */
export async function warmSearch(
  store: Store,
  log: Logger,
  repositoryIds?: readonly number[],
): Promise<void> {
  const started = performance.now();
  try {
    const ids = repositoryIds ?? (await store.listRepositories()).map((r) => r.id);
    if (ids.length === 0) return;
    const postings = await store.warmSearch(ids);
    log.debug('search cache warmed', {
      repositories: ids.length,
      postings,
      ms: Math.round(performance.now() - started),
    });
  } catch (error) {
    log.warn('could not warm the search cache', { error: describeError(error) });
  }
}

import { describeError, type Logger } from '../../core/index.js';
import type { Store } from '../../store/index.js';

/**
 * Reads the repositories' most frequent postings into the store's cache in the background, so the
 * first searches after a start or an index run are as fast as later ones. Failures only log.
 */
export async function warmSearch(store: Store, repositoryIds: readonly number[], log: Logger): Promise<void> {
  if (repositoryIds.length === 0) return;
  const started = performance.now();
  try {
    const postings = await store.warmSearch(repositoryIds);
    log.debug('search cache warmed', {
      repositories: repositoryIds.length,
      postings,
      ms: Math.round(performance.now() - started),
    });
  } catch (error) {
    log.warn('could not warm the search cache', { error: describeError(error) });
  }
}

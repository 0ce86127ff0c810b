/**
 * The store: one schema and one set of SQL statements over PGlite (embedded, the default) or
 * PostgreSQL. `openStore` picks the backend from the URL and applies pending migrations.
 */
import { CodebaseError, silentLogger, type Logger } from '../core/index.js';
import type { HnswOptions } from './sql/vectors.js';
import type { Store } from './store.js';

export type * from './store.js';
export type { HnswOptions } from './sql/vectors.js';
export { termHash } from './sql/term-hash.js';
export { termVector, termVectors, termVectorBuffers, type TermCount } from './term-vector.js';

export interface OpenStoreOptions {
  /**
   * `postgres://…` or `postgresql://…` for PostgreSQL; anything else is PGlite: a directory path,
   * a `file://` URL, or `memory://`.
   */
  readonly url: string;
  readonly logger?: Logger;
  /** Apply pending migrations before returning (default true). */
  readonly migrate?: boolean;
  /** PostgreSQL only: pool size (default 10). */
  readonly poolSize?: number;
  /** PostgreSQL only: connect timeout in ms (default 10 000). */
  readonly connectTimeoutMs?: number;
  /** PostgreSQL only: statement timeout in ms, 0 for none (default 60 000). */
  readonly statementTimeoutMs?: number;
  /** HNSW index parameters for vector search (config `hnsw.*`; default m 16, efConstruction 64, efSearch 100). */
  readonly hnsw?: HnswOptions;
}

/** True when the URL selects the PostgreSQL backend. */
export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//i.test(url);
}

/**
 * Whether waiting can cure a failure to open the store at `url`: a PostgreSQL server may come up, and
 * a PGlite directory another process holds may be released; a PGlite directory that cannot be
 * created or opened stays so.
 */
export function isWorthRetrying(url: string, error: unknown): boolean {
  return isPostgresUrl(url) || (error instanceof CodebaseError && error.code === 'STORE_LOCKED');
}

/** Opens the store named by `url`, migrated to the latest schema unless `migrate: false`. */
export async function openStore(options: OpenStoreOptions): Promise<Store> {
  const logger = options.logger ?? silentLogger;
  let store: Store;
  if (isPostgresUrl(options.url)) {
    const { openPostgresStore } = await import('./postgres/index.js');
    store = await openPostgresStore({ ...options, logger: logger.child({ store: 'postgres' }) });
  } else {
    const { openPGliteStore } = await import('./pglite/index.js');
    store = await openPGliteStore({
      url: options.url,
      logger: logger.child({ store: 'pglite' }),
      ...(options.hnsw ? { hnsw: options.hnsw } : {}),
    });
  }
  if (options.migrate !== false) {
    try {
      await store.migrate();
    } catch (error) {
      await store.close().catch(() => undefined);
      throw error;
    }
  }
  return store;
}

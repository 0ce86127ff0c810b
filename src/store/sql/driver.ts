/**
 * The small structural seam between the shared SQL store and a database client, in the style of
 * Kysely's dialect drivers: each backend (`pglite/`, `postgres/`) adapts its client to this.
 */

/** Anything that runs one parameterised statement: a pool, a client, a transaction. */
export interface Queryable {
  query<R = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<QueryResult<R>>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export interface QueryResult<R> {
  readonly rows: R[];
  /** Rows touched by INSERT/UPDATE/DELETE, when the driver reports it. */
  readonly affectedRows: number;
}

/** A connection to one database that can also run a function inside a transaction. */
export interface Driver extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /**
   * Runs `fn` inside BEGIN … COMMIT on one connection; rolls back and rethrows when `fn` throws.
   */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /**
   * Refreshes planner statistics after a bulk load. PGlite has no autovacuum, so it also VACUUMs
   * (which sets the visibility map that index-only scans need); a server only ANALYZEs.
   * `tables` are constant table names from the store, never user input.
   */
  refreshStatistics(tables: readonly string[]): Promise<void>;
  close(): Promise<void>;
}

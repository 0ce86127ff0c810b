/**
 * Adapts a node-postgres Pool to the Driver seam. Transactions check out one client; everything
 * else runs on whichever pooled client is free.
 */
import type { Pool, PoolClient } from 'pg';
import type { Driver, Queryable, QueryResult } from '../sql/driver.js';
import { wrapQueryError } from '../sql/errors.js';
import { copyFrom, type CopyTarget } from './postgres-copy.js';

interface PgQueryTarget {
  query(sql: string, params?: unknown[]): Promise<{ rows: unknown[]; rowCount: number | null }>;
}

export class PgQueryable implements Queryable {
  constructor(
    private readonly target: PgQueryTarget,
    private readonly wrap: (error: unknown, sql: string) => Error,
  ) {}

  async query<R = Record<string, unknown>>(
    sql: string,
    params: readonly unknown[] = [],
  ): Promise<QueryResult<R>> {
    try {
      const result = await this.target.query(sql, params as unknown[]);
      return { rows: result.rows as R[], affectedRows: result.rowCount ?? 0 };
    } catch (error) {
      throw this.wrap(error, sql);
    }
  }

  async exec(sql: string): Promise<void> {
    try {
      // Without parameters node-postgres uses the simple protocol, which runs several statements.
      await this.target.query(sql);
    } catch (error) {
      throw this.wrap(error, sql);
    }
  }

  /** Runs a `COPY … FROM STDIN` with `data` as the input; only inside a transaction (one client). */
  async copyFrom(sql: string, data: Uint8Array): Promise<void> {
    try {
      await copyFrom(this.target as unknown as CopyTarget, sql, data);
    } catch (error) {
      throw this.wrap(error, sql);
    }
  }
}

export class PostgresDriver implements Driver {
  readonly kind = 'postgres' as const;
  readonly #pool: Pool;
  readonly #queryable: PgQueryable;
  readonly #wrap: (error: unknown, sql: string) => Error;

  /** `wrap` turns driver errors into StoreErrors; the factory adds connection details to it. */
  constructor(pool: Pool, wrap: (error: unknown, sql: string) => Error = wrapQueryError) {
    this.#pool = pool;
    this.#wrap = wrap;
    this.#queryable = new PgQueryable(pool, wrap);
  }

  query<R = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<QueryResult<R>> {
    return this.#queryable.query<R>(sql, params);
  }

  exec(sql: string): Promise<void> {
    return this.#queryable.exec(sql);
  }

  async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    let client: PoolClient;
    try {
      client = await this.#pool.connect();
    } catch (error) {
      throw this.#wrap(error, 'BEGIN');
    }
    const tx = new PgQueryable(client, this.#wrap);
    let broken = false;
    try {
      await tx.query('BEGIN');
      const result = await fn(tx);
      await tx.query('COMMIT');
      return result;
    } catch (error) {
      try {
        await client.query('ROLLBACK');
      } catch {
        broken = true;
      }
      throw error;
    } finally {
      client.release(broken);
    }
  }

  async refreshStatistics(tables: readonly string[]): Promise<void> {
    // Autovacuum keeps the visibility map current on a server; ANALYZE helps the planner right away.
    await this.exec(`ANALYZE ${tables.join(', ')}`);
  }

  close(): Promise<void> {
    return this.#pool.end();
  }
}

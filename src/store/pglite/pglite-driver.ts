/**
 * Adapts PGlite (PostgreSQL in WebAssembly, one connection in this process) to the Driver seam.
 * Depends only on the few PGlite methods it calls, so the module is loaded lazily by the factory.
 */
import type { Driver, Queryable, QueryResult } from '../sql/driver.js';
import { wrapQueryError } from '../sql/errors.js';
import { CopyInput, installBulkCopyReads } from './copy-input.js';

interface PGliteResults {
  rows: unknown[];
  affectedRows?: number;
}

interface PGliteQueryOptions {
  blob?: Blob | CopyInput;
}

/** The subset of PGlite's `Transaction` the driver uses. */
export interface PGliteTransactionLike {
  query(sql: string, params?: unknown[], options?: PGliteQueryOptions): Promise<PGliteResults>;
  exec(sql: string): Promise<unknown>;
}

/** The subset of the `PGlite` instance the driver uses. */
export interface PGliteLike extends PGliteTransactionLike {
  transaction<T>(fn: (tx: PGliteTransactionLike) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Queryable over PGlite or one of its transactions, with errors wrapped. */
export class PGliteQueryable implements Queryable {
  constructor(protected readonly db: PGliteTransactionLike) {}

  async query<R = Record<string, unknown>>(
    sql: string,
    params: readonly unknown[] = [],
  ): Promise<QueryResult<R>> {
    try {
      const result = await this.db.query(sql, params as unknown[]);
      return { rows: result.rows as R[], affectedRows: result.affectedRows ?? 0 };
    } catch (error) {
      throw wrapQueryError(error, sql);
    }
  }

  async exec(sql: string): Promise<void> {
    try {
      await this.db.exec(sql);
    } catch (error) {
      throw wrapQueryError(error, sql);
    }
  }

  /** Runs a COPY … FROM '/dev/blob' with `data` as the input file. */
  async copyFrom(sql: string, data: Uint8Array): Promise<void> {
    try {
      await this.db.query(sql, [], { blob: new CopyInput(data) });
    } catch (error) {
      throw wrapQueryError(error, sql);
    }
  }
}

export class PGliteDriver extends PGliteQueryable implements Driver {
  readonly kind = 'pglite' as const;
  readonly #pg: PGliteLike;
  /** Whether COPY input is read in bulk (copy-input.ts); false leaves PGlite's own, slower path. */
  readonly bulkCopyReads: boolean;

  /** Runs once the database is closed: releases the data directory's lock (data-dir-lock.ts). */
  readonly #onClose: () => void;

  constructor(pg: PGliteLike, onClose: () => void = () => undefined) {
    super(pg);
    this.#pg = pg;
    this.#onClose = onClose;
    this.bulkCopyReads = installBulkCopyReads(pg);
  }

  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    return this.#pg.transaction((tx) => fn(new PGliteQueryable(tx)));
  }

  async refreshStatistics(tables: readonly string[]): Promise<void> {
    await this.exec(`VACUUM (ANALYZE) ${tables.join(', ')}`);
  }

  async close(): Promise<void> {
    try {
      await this.#pg.close();
    } finally {
      this.#onClose();
    }
  }
}

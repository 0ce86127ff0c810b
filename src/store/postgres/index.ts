/**
 * The server backend: PostgreSQL 15+ with pgvector, through a node-postgres pool. Connection
 * failures become STORE_UNAVAILABLE naming host:port (never the password).
 */
import pg from 'pg';
import { StoreError, silentLogger, type Logger } from '../../core/index.js';
import { wrapQueryError } from '../sql/errors.js';
import { SqlStore } from '../sql/sql-store.js';
import type { HnswOptions } from '../sql/vectors.js';
import { PostgresDriver } from './postgres-driver.js';
import { copyChunkVectorsPostgres, copyVectorsPostgres } from './postgres-vector-copy.js';

export interface PostgresStoreOptions {
  /** `postgres://user:password@host:port/database` (or `postgresql://`). */
  readonly url: string;
  readonly logger?: Logger;
  /** Most connections the pool opens. Default 10. */
  readonly poolSize?: number;
  /** How long to wait for a connection, in ms. Default 10 000. */
  readonly connectTimeoutMs?: number;
  /** Server-side limit per statement, in ms; 0 disables it. Default 60 000. */
  readonly statementTimeoutMs?: number;
  /** HNSW index parameters (defaults: m 16, efConstruction 64, efSearch 100). */
  readonly hnsw?: HnswOptions;
}

const MIN_SERVER_VERSION = 150000;

/** Opens a pool and checks the server answers and is new enough. Does not migrate. */
export async function openPostgresStore(options: PostgresStoreOptions): Promise<SqlStore> {
  const logger = options.logger ?? silentLogger;
  const target = describeTarget(options.url);
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolSize ?? 10,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 10_000,
    statement_timeout: options.statementTimeoutMs ?? 60_000,
    application_name: 'codebase-mcp',
  });
  pool.on('error', (error) => logger.warn('idle PostgreSQL connection failed', { target, error }));
  const wrap = (error: unknown, sql: string): Error =>
    connectionError(error, target) ?? wrapQueryError(error, sql);
  const driver = new PostgresDriver(pool, wrap);
  try {
    const result = await driver.query<{ version: number }>(
      `SELECT current_setting('server_version_num')::integer AS version`,
    );
    const version = Number(result.rows[0]?.version ?? 0);
    if (version < MIN_SERVER_VERSION) {
      throw new StoreError(
        'STORE_ERROR',
        `PostgreSQL at ${target} is version ${version}; 15 or newer is required.`,
        {
          details: { target, serverVersion: version },
          hint: 'Upgrade the server, or use a pgvector/pgvector:pg17 container.',
        },
      );
    }
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw error;
  }
  return new SqlStore(driver, { logger }).configureVectors({
    stage: copyVectorsPostgres,
    copy: copyChunkVectorsPostgres,
    ...(options.hnsw ? { hnsw: options.hnsw } : {}),
  });
}

/** `host:port/database` of a connection URL, without user or password. */
export function describeTarget(url: string): string {
  try {
    const u = new URL(url);
    const host = u.hostname || 'localhost';
    return `${host}:${u.port || '5432'}${u.pathname && u.pathname !== '/' ? u.pathname : ''}`;
  } catch {
    return '(unparseable PostgreSQL URL)';
  }
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ECONNRESET',
]);

function connectionError(error: unknown, target: string): StoreError | undefined {
  if (error instanceof StoreError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  const details = { target, code: typeof code === 'string' ? code : null };
  if (typeof code === 'string' && NETWORK_CODES.has(code)) {
    return new StoreError('STORE_UNAVAILABLE', `Cannot reach PostgreSQL at ${target} (${code}).`, {
      details,
      hint: 'Start the database server, or check the host and port in the database URL.',
      cause: error,
    });
  }
  if (/timeout|terminated unexpectedly|Connection terminated/i.test(message) && !code) {
    return new StoreError('STORE_UNAVAILABLE', `PostgreSQL at ${target} did not answer: ${message}.`, {
      details,
      hint: 'Check that the server is running and reachable, or raise the connect timeout.',
      cause: error,
    });
  }
  if (code === '28P01' || code === '28000') {
    return new StoreError('STORE_UNAVAILABLE', `PostgreSQL at ${target} rejected the credentials.`, {
      details,
      hint: 'Check the user name and password in the database URL.',
      cause: error,
    });
  }
  if (code === '3D000') {
    return new StoreError('STORE_UNAVAILABLE', `The database in ${target} does not exist.`, {
      details,
      hint: 'Create it first (e.g. `createdb codebase_mcp`), or fix the database name in the URL.',
      cause: error,
    });
  }
  return undefined;
}

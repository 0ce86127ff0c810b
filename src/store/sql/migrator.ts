/**
 * Applies pending migrations in one transaction, serialised across processes by a transaction-level
 * advisory lock, so two servers starting at once against the same PostgreSQL are safe. The same
 * statements run on PGlite, where the lock is trivially uncontended.
 */
import { StoreError } from '../../core/index.js';
import type { MigrationResult, MigrationStatus } from '../store.js';
import type { Driver, Queryable } from './driver.js';
import { sqlState } from './errors.js';
import { LATEST_VERSION, MIGRATIONS } from './migrations/index.js';

/** Arbitrary constant shared by every codebase-mcp process: "cbmcp" as a number. */
const MIGRATION_LOCK_KEY = 0x63626d6370;

const CREATE_MIGRATIONS_TABLE = `
CREATE TABLE IF NOT EXISTS schema_migrations (
  version integer PRIMARY KEY,
  name text NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now()
)`;

export async function runMigrations(driver: Driver): Promise<MigrationResult> {
  return driver.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
    await tx.query(CREATE_MIGRATIONS_TABLE);
    const current = await currentVersion(tx);
    const applied: string[] = [];
    for (const migration of MIGRATIONS) {
      if (migration.version <= current) continue;
      try {
        await tx.exec(migration.sql);
      } catch (error) {
        throw migrationError(error, migration.version, migration.name);
      }
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
        migration.version,
        migration.name,
      ]);
      applied.push(`${String(migration.version).padStart(4, '0')}-${migration.name}`);
    }
    return { applied, current: Math.max(current, LATEST_VERSION) };
  });
}

export async function readMigrationStatus(db: Queryable): Promise<MigrationStatus> {
  const exists = await db.query<{ present: boolean }>(
    `SELECT to_regclass('schema_migrations') IS NOT NULL AS present`,
  );
  const current = exists.rows[0]?.present ? await currentVersion(db) : 0;
  return { current, latest: LATEST_VERSION };
}

async function currentVersion(db: Queryable): Promise<number> {
  const result = await db.query<{ version: number | null }>(
    'SELECT max(version) AS version FROM schema_migrations',
  );
  return Number(result.rows[0]?.version ?? 0);
}

function migrationError(error: unknown, version: number, name: string): StoreError {
  const cause = error instanceof StoreError && error.cause !== undefined ? error.cause : error;
  const state = sqlState(cause);
  const message = cause instanceof Error ? cause.message : String(cause);
  const details = { migration: `${version}-${name}`, sqlState: state ?? null };
  if (
    /extension "vector"/.test(message) &&
    (state === '0A000' || state === '58P01' || /not available/.test(message))
  ) {
    return new StoreError(
      'EXTENSION_MISSING',
      'The pgvector extension is not installed on the PostgreSQL server.',
      {
        details,
        hint:
          'Install pgvector on the database server (Debian/Ubuntu: `apt install postgresql-17-pgvector`, matching your ' +
          'PostgreSQL major version; Docker: use the `pgvector/pgvector:pg17` image), then run `CREATE EXTENSION vector;` ' +
          'as a superuser in this database.',
        cause,
      },
    );
  }
  if (/extension "vector"/.test(message) && state === '42501') {
    return new StoreError(
      'EXTENSION_MISSING',
      'Not allowed to create the pgvector extension in this database.',
      {
        details,
        hint: 'Ask a superuser to run `CREATE EXTENSION vector;` in this database once, then start again.',
        cause,
      },
    );
  }
  return new StoreError('MIGRATION_FAILED', `Schema migration ${version} (${name}) failed: ${message}`, {
    details,
    hint: 'The database was left unchanged. Check that the user may create tables, then start again.',
    cause,
  });
}

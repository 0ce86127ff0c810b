/**
 * The backends the store contract suite runs against. PGlite always; PostgreSQL when
 * CODEBASE_MCP_TEST_POSTGRES_URL is set (then an unreachable server fails the suite, never skips).
 * CODEBASE_MCP_TEST_STORE=pglite|postgres narrows the list. Each PostgreSQL run gets a fresh
 * database, dropped afterwards.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { silentLogger } from '../../src/core/index.js';
import { openStore, type OpenStoreOptions, type Store } from '../../src/store/index.js';
import { copyPostings } from '../../src/store/pglite/pglite-copy.js';
import { PGliteDriver, type PGliteLike } from '../../src/store/pglite/pglite-driver.js';
import { PostgresDriver } from '../../src/store/postgres/postgres-driver.js';
import type { Queryable } from '../../src/store/sql/driver.js';
import { SqlStore } from '../../src/store/sql/sql-store.js';

export interface Backend {
  readonly name: 'pglite' | 'postgres';
  /** The URL the suite's shared store opens: in memory, or a fresh database. */
  setup(): Promise<string>;
  /** A URL to a new, empty, persistent database (a temp dir for PGlite, a new database on PostgreSQL). */
  fresh(): Promise<string>;
  /** Removes everything setup() and fresh() created. */
  teardown(): Promise<void>;
}

function pgliteBackend(): Backend {
  const dirs: string[] = [];
  return {
    name: 'pglite',
    setup: async () => 'memory://',
    fresh: async () => {
      const dir = await mkdtemp(join(tmpdir(), 'store-contract-'));
      dirs.push(dir);
      return join(dir, 'data');
    },
    teardown: async () => {
      await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
    },
  };
}

function postgresBackend(adminUrl: string): Backend {
  const databases: string[] = [];
  const withDatabase = (url: string, db: string): string => {
    const u = new URL(url);
    u.pathname = `/${db}`;
    return u.toString();
  };
  const admin = async <T>(fn: (client: pg.Client) => Promise<T>): Promise<T> => {
    const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 10_000 });
    await client.connect();
    try {
      return await fn(client);
    } finally {
      await client.end();
    }
  };
  const create = async (): Promise<string> => {
    const database = `test_${randomBytes(6).toString('hex')}`;
    await admin((c) => c.query(`CREATE DATABASE ${database}`));
    databases.push(database);
    return withDatabase(adminUrl, database);
  };
  return {
    name: 'postgres',
    setup: create,
    fresh: create,
    teardown: async () => {
      if (databases.length === 0) return;
      await admin(async (c) => {
        for (const database of databases) await c.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      });
    },
  };
}

export function selectedBackends(env: NodeJS.ProcessEnv = process.env): Backend[] {
  const only = env.CODEBASE_MCP_TEST_STORE;
  const backends: Backend[] = [];
  if (!only || only === 'pglite') backends.push(pgliteBackend());
  const pgUrl = env.CODEBASE_MCP_TEST_POSTGRES_URL;
  if (pgUrl && (!only || only === 'postgres')) backends.push(postgresBackend(pgUrl));
  if (only === 'postgres' && !pgUrl) {
    throw new Error('CODEBASE_MCP_TEST_STORE=postgres needs CODEBASE_MCP_TEST_POSTGRES_URL');
  }
  return backends;
}

export function open(url: string, options: Partial<OpenStoreOptions> = {}): Promise<Store> {
  return openStore({ url, ...options });
}

/** A store plus a second handle on its database, for what the Store interface does not show. */
export interface Pair {
  readonly store: Store;
  readonly db: Queryable;
  close(): Promise<void>;
}

/** The backend's shared store (see setup()) with a direct handle on the same database. */
export async function openPair(backend: Backend): Promise<Pair> {
  if (backend.name === 'postgres') {
    const url = await backend.setup();
    const store = await open(url);
    const pool = new pg.Pool({ connectionString: url, max: 2 });
    // An idle connection still open when teardown drops the database `WITH (FORCE)` is terminated
    // by the server; a pool without an error listener turns that into an uncaught exception, which
    // fails the whole run after every test has passed. The store's own pool logs it (a warning).
    pool.on('error', () => undefined);
    return {
      store,
      db: new PostgresDriver(pool),
      close: async () => {
        try {
          await store.close();
        } finally {
          await pool.end();
        }
      },
    };
  }
  const pglite = (await PGlite.create('memory://', { extensions: { vector } })) as unknown as PGliteLike;
  const driver = new PGliteDriver(pglite);
  const store = new SqlStore(driver, { logger: silentLogger, writePostings: copyPostings });
  await store.migrate();
  return { store, db: driver, close: () => store.close() };
}

/**
 * Opens something with `open` before the suite's tests and closes it (and tears the backend down)
 * after them; the getter hands it to the tests (only inside them).
 */
function forSuite<T extends { close(): Promise<void> }>(backend: Backend, open: () => Promise<T>): () => T {
  let value: T | undefined;
  beforeAll(async () => {
    value = await open();
  });
  afterAll(async () => {
    await value?.close();
    await backend.teardown();
  });
  return () => {
    if (value === undefined) throw new Error('suite resources are only open inside its tests');
    return value;
  };
}

/** The backend's shared store (setup()'s URL) for one suite; use it inside tests only. */
export function suiteStore(backend: Backend): Store {
  const store = forSuite(backend, async () => open(await backend.setup()));
  return new Proxy({} as Store, {
    get(_, key) {
      const target = store();
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** The backend's pair for one suite; use its `store` and `db` inside tests only. */
export function suitePair(backend: Backend): Pair {
  const pair = forSuite(backend, () => openPair(backend));
  return {
    get store() {
      return pair().store;
    },
    get db() {
      return pair().db;
    },
    close: () => pair().close(),
  };
}

/** Opening a store: backend choice by URL and the errors a user sees when it cannot open. */
import { PGlite } from '@electric-sql/pglite';
import { mkdir, mkdtemp, readdir, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { StoreError } from '../../src/core/index.js';
import { isPostgresUrl, openStore } from '../../src/store/index.js';
import type { Driver, Queryable } from '../../src/store/sql/driver.js';
import { runMigrations } from '../../src/store/sql/migrator.js';

describe('openStore', () => {
  it('chooses PostgreSQL for postgres:// and postgresql:// URLs and PGlite for anything else', () => {
    expect(isPostgresUrl('postgres://u@h/db')).toBe(true);
    expect(isPostgresUrl('postgresql://u@h/db')).toBe(true);
    expect(isPostgresUrl('memory://')).toBe(false);
    expect(isPostgresUrl('/var/lib/codebase-mcp')).toBe(false);
    expect(isPostgresUrl('file:///var/lib/codebase-mcp')).toBe(false);
  });

  it('starts PGlite with 64 MB of shared buffers and keeps its other start-up parameters', async () => {
    const create = vi.spyOn(PGlite, 'create');
    const store = await openStore({ url: 'memory://' });
    try {
      const pg = (await create.mock.results[0]!.value) as PGlite;
      const show = async (name: string) =>
        (await pg.query<Record<string, string>>(`SHOW ${name}`)).rows[0]![name];
      expect(await show('shared_buffers')).toBe('64MB');
      expect(await show('search_path')).toBe('public');
      expect(await show('max_worker_processes')).toBe('0');
    } finally {
      await store.close();
      create.mockRestore();
    }
  });

  it('creates a missing PGlite data directory with its parents, and refuses one it cannot create or that holds other files', async () => {
    const base = await mkdtemp(join(tmpdir(), 'open-store-'));
    try {
      const store = await openStore({ url: join(base, 'a', 'b') });
      await store.close();
      expect((await stat(join(base, 'a', 'b', 'PG_VERSION'))).isFile()).toBe(true);
      await writeFile(join(base, 'file'), 'x');
      await symlink(join(base, 'gone'), join(base, 'dangling'));
      // /proc refuses new entries with ENOENT, below which Node's recursive mkdir retried forever.
      for (const [url, reason] of [
        ['/proc/codebase-mcp-test/data', 'ENOENT'],
        [join(base, 'file'), 'ENOTDIR'],
        [join(base, 'file', 'data'), 'ENOTDIR'],
        [join(base, 'dangling'), 'ENOENT'],
      ] as const) {
        const error = (await openStore({ url }).catch((e: unknown) => e)) as StoreError;
        expect(error).toBeInstanceOf(StoreError);
        expect(error.code).toBe('STORE_UNAVAILABLE');
        expect(error.message).toBe(`Could not create the data directory ${url} (${reason}).`);
      }
      // a directory of other files (a mistyped `--database-url .`) gets no database written into it
      const tree = join(base, 'tree');
      await mkdir(join(tree, 'src'), { recursive: true });
      await writeFile(join(tree, 'README.md'), '# mine\n');
      const foreign = (await openStore({ url: tree }).catch((e: unknown) => e)) as StoreError;
      expect(foreign).toBeInstanceOf(StoreError);
      expect(foreign.message).toBe(
        `The data directory ${tree} holds other files (README.md) and no codebase-mcp database.`,
      );
      expect((await readdir(tree)).sort()).toEqual(['README.md', 'src']);
      // the database made above, and an empty directory, open
      await (await openStore({ url: join(base, 'a', 'b') })).close();
      await mkdir(join(base, 'empty'));
      await (await openStore({ url: join(base, 'empty') })).close();
    } finally {
      await rm(base, { recursive: true, force: true });
    }
  });

  it('reports a refused PostgreSQL connection as STORE_UNAVAILABLE naming host:port but never the password', async () => {
    const error = await openStore({
      url: 'postgres://alice:s3cret-pw@127.0.0.1:1/codebase',
      connectTimeoutMs: 2000,
    }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(StoreError);
    const storeError = error as StoreError;
    expect(storeError.code).toBe('STORE_UNAVAILABLE');
    expect(storeError.message).toContain('127.0.0.1:1');
    expect(storeError.hint).toBeTruthy();
    expect(
      JSON.stringify({ m: storeError.message, h: storeError.hint, d: storeError.details }),
    ).not.toContain('s3cret');
  });
});

describe('migrations', () => {
  /** A server without pgvector answers CREATE EXTENSION like this (PostgreSQL 15+). */
  function serverWithoutPgvector(): Driver {
    const tx: Queryable = {
      query: async <R>() => ({ rows: [{ version: 0, present: false } as R], affectedRows: 0 }),
      exec: async (sql) => {
        if (sql.includes('CREATE EXTENSION')) {
          throw Object.assign(new Error('extension "vector" is not available'), { code: '0A000' });
        }
      },
    };
    return {
      kind: 'postgres',
      ...tx,
      transaction: (fn) => fn(tx),
      refreshStatistics: async () => undefined,
      close: async () => undefined,
    };
  }

  it('explains a missing pgvector extension with the exact fix', async () => {
    const error = await runMigrations(serverWithoutPgvector()).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: 'EXTENSION_MISSING' });
    expect((error as StoreError).hint).toContain('postgresql-17-pgvector');
    expect((error as StoreError).hint).toContain('CREATE EXTENSION vector;');
  });
});

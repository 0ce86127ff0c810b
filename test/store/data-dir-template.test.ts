/**
 * New PGlite databases start from the build's data directory template (data-dir-template.ts)
 * instead of initdb: a database made from it works and keeps its data across reopening, an
 * existing database is never overwritten by it, and a template from another PGlite version, or
 * one that cannot be read, is ignored.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/core/index.js';
import {
  extractTemplate,
  installedPGliteVersion,
  isNewDatabase,
  loadTemplate,
  writeTemplate,
} from '../../src/store/pglite/data-dir-template.js';
import { openPGliteStore } from '../../src/store/pglite/index.js';
import { chunk, file } from './fixtures.js';

describe('PGlite data directory template', () => {
  let dir: string;
  let template: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pglite-template-'));
    template = await writeTemplate(dir);
  }, 60_000);
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  /** Opens a store at `dataDir`; `fromTemplate` tells whether PGlite started from the template. */
  async function openLogged(dataDir: string, templatePath: string | false) {
    const opened: Record<string, unknown>[] = [];
    const logger = createLogger({ level: 'debug', write: (line) => opened.push(JSON.parse(line)) });
    const store = await openPGliteStore({ url: dataDir, template: templatePath, logger });
    await store.migrate();
    const record = opened.find((r) => r['msg'] === 'PGlite opened');
    return { store, fromTemplate: record?.['fromTemplate'] };
  }

  /** Opens (migrating) the store at `dataDir`; returns the repositories and whether the template was used. */
  async function reopen(dataDir: string, templatePath: string | false) {
    const { store, fromTemplate } = await openLogged(dataDir, templatePath);
    try {
      return { roots: (await store.listRepositories()).map((r) => r.rootPath), fromTemplate };
    } finally {
      await store.close();
    }
  }

  it('makes a template the installed PGlite accepts, and ignores other versions and unreadable files', async () => {
    expect(await loadTemplate(template)).toBeInstanceOf(Blob);
    expect(await loadTemplate(undefined)).toBeUndefined();
    expect(await loadTemplate(join(dir, 'missing.tar.gz'))).toBeUndefined();

    const other = await mkdtemp(join(dir, 'other-version-'));
    const copy = join(other, 'pglite-template.tar.gz');
    await writeFile(copy, 'not a tarball');
    await writeFile(join(other, 'pglite-template.json'), JSON.stringify({ pglite: '0.0.1' }));
    expect(await loadTemplate(copy)).toBeUndefined();
    await writeFile(
      join(other, 'pglite-template.json'),
      JSON.stringify({ pglite: await installedPGliteVersion() }),
    );
    expect(await loadTemplate(copy)).toBeInstanceOf(Blob);
  });

  it('starts a new database from it: migrations, writes and search work, and data survives reopening', async () => {
    const dataDir = join(dir, 'from-template');
    expect(isNewDatabase(dataDir)).toBe(true);
    const { store, fromTemplate } = await openLogged(dataDir, template);
    expect(fromTemplate).toBe(true);
    try {
      const project = await store.getOrCreateProject('p');
      const repository = await store.getOrCreateRepository(project.id, '/repo');
      await store.writeFiles(repository.id, [file('a.ts', [chunk(1, { router: 2 })])]);
      const hits = await store.lexicalSearch({
        repositoryIds: [repository.id],
        terms: [{ term: 'router', weight: 1 }],
        limit: 5,
        k1: 1.2,
        b: 0.75,
      });
      expect(hits.map((h) => h.path)).toEqual(['a.ts']);
    } finally {
      await store.close();
    }
    expect(existsSync(join(dataDir, 'PG_VERSION'))).toBe(true);
    expect(isNewDatabase(dataDir)).toBe(false);
    // Opening an existing database with a template leaves its data alone.
    expect(await reopen(dataDir, template)).toEqual({ roots: ['/repo'], fromTemplate: false });
  });

  it('is written into a new data directory without PGlite, PG_VERSION last: a cut template leaves a new database', async () => {
    const whole = join(dir, 'extracted');
    await extractTemplate(template, whole);
    expect(isNewDatabase(whole)).toBe(false);
    expect(existsSync(join(whole, 'pg_wal'))).toBe(true);

    const tar = gunzipSync(await readFile(template));
    const cut = join(dir, 'cut.tar.gz');
    await writeFile(cut, gzipSync(tar.subarray(0, tar.length >> 1)));
    const partial = join(dir, 'cut');
    await expect(extractTemplate(cut, partial)).rejects.toThrow();
    expect(isNewDatabase(partial)).toBe(true);
    // The next open writes the whole template over what was left.
    expect(await reopen(partial, template)).toEqual({ roots: [], fromTemplate: true });
  });

  it('starts an in-memory database from it too, and runs initdb when told to', async () => {
    expect(await reopen('memory://', template)).toEqual({ roots: [], fromTemplate: true });
    expect(await reopen(join(dir, 'initdb'), false)).toEqual({ roots: [], fromTemplate: false });
  });
});

/**
 * New PGlite databases start from a template instead of initdb. PGlite 0.5's initdb takes ~4 s and
 * peaks at ~800 MB of RSS, the whole memory budget of a cold index; restoring the same fresh data
 * directory from a gzipped tarball takes ~1.5 s and peaks at ~360 MB (docs/notes/store-perf.md,
 * "Data directory template"). `npm run build` makes the template (`dist/pglite-template.tar.gz`,
 * with the PGlite version that made it in `pglite-template.json`); it is used only by that PGlite
 * version and only for a database that does not exist yet. Without it, PGlite runs initdb as before.
 */
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const TEMPLATE_FILE = 'pglite-template.tar.gz';
const INFO_FILE = 'pglite-template.json';

interface TemplateInfo {
  readonly pglite: string;
}

/** The installed PGlite's version (its package.json, found from its entry point). */
export async function installedPGliteVersion(): Promise<string> {
  let dir = dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite'));
  for (let i = 0; i < 4; i++) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest)) {
      const parsed = JSON.parse(await readFile(manifest, 'utf8')) as { name?: string; version?: string };
      if (parsed.name === '@electric-sql/pglite' && parsed.version) return parsed.version;
    }
    dir = dirname(dir);
  }
  throw new Error('cannot find the version of @electric-sql/pglite');
}

/** Where the build leaves the template: `dist/` under the package root, found from this module. */
export function defaultTemplatePath(): string | undefined {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    for (const candidate of [join(dir, TEMPLATE_FILE), join(dir, 'dist', TEMPLATE_FILE)]) {
      if (existsSync(candidate)) return candidate;
    }
    dir = dirname(dir);
  }
  return undefined;
}

/** The template at `path` when it was made by the installed PGlite; undefined otherwise. */
export async function loadTemplate(path: string | undefined): Promise<Blob | undefined> {
  if (!path) return undefined;
  try {
    const info = JSON.parse(await readFile(join(dirname(path), INFO_FILE), 'utf8')) as TemplateInfo;
    if (info.pglite !== (await installedPGliteVersion())) return undefined;
    return new Blob([await readFile(path)]);
  } catch {
    return undefined;
  }
}

/** Whether `dataDir` (undefined: in memory) holds no database yet. */
export function isNewDatabase(dataDir: string | undefined): boolean {
  return dataDir === undefined || !existsSync(join(dataDir, 'PG_VERSION'));
}

/** Makes the template in `dir` (the build's step): a fresh in-memory database, dumped. */
export async function writeTemplate(dir: string): Promise<string> {
  const { PGlite } = await import('@electric-sql/pglite');
  const pg = await PGlite.create('memory://');
  try {
    const dump = await pg.dumpDataDir('gzip');
    const path = join(dir, TEMPLATE_FILE);
    await writeFile(path, new Uint8Array(await dump.arrayBuffer()));
    const info: TemplateInfo = { pglite: await installedPGliteVersion() };
    await writeFile(join(dir, INFO_FILE), JSON.stringify(info) + '\n');
    return path;
  } finally {
    await pg.close();
  }
}

/**
 * New PGlite databases start from a template instead of initdb. PGlite 0.5's initdb takes ~4 s and
 * peaks at ~800 MB of RSS, the whole memory budget of a cold index; restoring the same fresh data
 * directory from a gzipped tarball takes ~1.5 s and peaks at ~360 MB (docs/notes/store-perf.md,
 * "Data directory template"). `npm run build` makes the template (`dist/pglite-template.tar.gz`,
 * with the PGlite version that made it in `pglite-template.json`); it is used only by that PGlite
 * version and only for a database that does not exist yet. Without it, PGlite runs initdb as before.
 * A new data directory gets the template's files streamed in (`extractTemplate`) before PGlite
 * opens it; PGlite's own `loadDataDir` is left for `memory://` and as the fallback.
 */
import { closeSync, createReadStream, existsSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createGunzip } from 'node:zlib';

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

/** Whether the template at `path` was made by the installed PGlite. */
export async function templateMatches(path: string | undefined): Promise<boolean> {
  if (!path) return false;
  try {
    const info = JSON.parse(await readFile(join(dirname(path), INFO_FILE), 'utf8')) as TemplateInfo;
    return info.pglite === (await installedPGliteVersion());
  } catch {
    return false;
  }
}

/** The template at `path` when it was made by the installed PGlite; undefined otherwise. */
export async function loadTemplate(path: string | undefined): Promise<Blob | undefined> {
  if (!path || !(await templateMatches(path))) return undefined;
  try {
    return new Blob([await readFile(path)]);
  } catch {
    return undefined;
  }
}

/**
 * Writes the template's files (made by the installed PGlite: `templateMatches`) into `dataDir`,
 * streamed, for PGlite to open as an existing database. Given the template, PGlite's `loadDataDir`
 * holds it whole several times over (the gzip, the 40 MB tar, each file's copy): ~130 MB of
 * garbage that stayed in a cold index's peak RSS (docs/notes/store-perf.md, "Peak RSS"). Only
 * plain files and directories are accepted; `PG_VERSION`, which marks a database as existing
 * (`isNewDatabase`), is written last, so a failed extraction leaves a new database.
 */
export async function extractTemplate(path: string, dataDir: string): Promise<void> {
  const header = Buffer.alloc(512);
  let filled = 0;
  let fd: number | undefined;
  let left = 0; // bytes of the current file still to write
  let skip = 0; // padding to the next 512-byte block
  let version: Buffer | undefined;
  let ended = false;
  try {
    for await (const chunk of createReadStream(path).pipe(createGunzip()) as AsyncIterable<Buffer>) {
      for (let at = 0; at < chunk.length;) {
        if (left > 0) {
          const n = Math.min(left, chunk.length - at);
          if (fd !== undefined) writeSync(fd, chunk, at, n);
          else version = Buffer.concat([version ?? Buffer.alloc(0), chunk.subarray(at, at + n)]);
          at += n;
          left -= n;
          if (left === 0 && fd !== undefined) {
            closeSync(fd);
            fd = undefined;
          }
        } else if (skip > 0) {
          const n = Math.min(skip, chunk.length - at);
          at += n;
          skip -= n;
        } else {
          const n = Math.min(512 - filled, chunk.length - at);
          chunk.copy(header, filled, at, at + n);
          filled += n;
          at += n;
          if (filled < 512) continue;
          filled = 0;
          if (header.every((b) => b === 0)) {
            ended = true; // the end-of-archive blocks
            continue;
          }
          const entry = tarEntry(header);
          const target = join(dataDir, entry.name);
          if (entry.directory) mkdirSync(target, { recursive: true, mode: 0o700 });
          else {
            mkdirSync(dirname(target), { recursive: true, mode: 0o700 });
            if (entry.name !== 'PG_VERSION') fd = openSync(target, 'w', 0o600);
            left = entry.size;
            skip = (512 - (entry.size % 512)) % 512;
            if (left === 0 && fd !== undefined) {
              closeSync(fd);
              fd = undefined;
            }
          }
        }
      }
    }
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  if (!ended || version === undefined) throw new Error(`${path} is not a whole PGlite data directory`);
  await writeFile(join(dataDir, 'PG_VERSION'), version, { mode: 0o600 });
}

/** A ustar header's name (relative, checked), size and whether it is a directory. */
function tarEntry(header: Buffer): { name: string; size: number; directory: boolean } {
  const field = (from: number, to: number) => header.toString('latin1', from, to).replace(/\0.*$/s, '');
  const prefix = header.toString('latin1', 257, 262) === 'ustar' ? field(345, 500) : '';
  const name = (prefix ? `${prefix}/` : '') + field(0, 100);
  const parts = name.split('/').filter((p) => p !== '' && p !== '.');
  const type = field(156, 157) || '0';
  const size = parseInt(field(124, 136).trim() || '0', 8);
  if (parts.length === 0 || parts.includes('..') || !'05'.includes(type) || !Number.isSafeInteger(size)) {
    throw new Error(`unexpected entry in a PGlite data directory template: ${name}`);
  }
  return { name: parts.join('/'), size, directory: type === '5' };
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

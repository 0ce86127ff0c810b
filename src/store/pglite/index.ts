/**
 * The embedded backend: PGlite with pgvector, data in a directory on disk (created if missing) or
 * in memory (`memory://`). The WASM module is imported here, lazily, and never on the Postgres path.
 */
import { mkdir, readdir, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { StoreError, silentLogger, type Logger } from '../../core/index.js';
import { SqlStore } from '../sql/sql-store.js';
import type { HnswOptions } from '../sql/vectors.js';
import { insertPostings } from '../sql/write-files.js';
import {
  defaultTemplatePath,
  extractTemplate,
  isNewDatabase,
  loadTemplate,
  templateMatches,
} from './data-dir-template.js';
import { lockDataDir, type DataDirLock } from './data-dir-lock.js';
import { PGliteDriver, type PGliteLike } from './pglite-driver.js';
import { copyPostings } from './pglite-copy.js';
import { copyChunkVectors, copyVectors } from './pglite-vector-copy.js';

export interface PGliteStoreOptions {
  /** A directory path, a `file://` URL, or `memory://` for a throwaway in-memory database. */
  readonly url: string;
  readonly logger?: Logger;
  /** How postings are bulk-written: `copy` (default, fastest measured) or `insert` (unnest). */
  readonly postingsWrite?: 'copy' | 'insert';
  /** HNSW index parameters (defaults: m 16, efConstruction 64, efSearch 100). */
  readonly hnsw?: HnswOptions;
  /**
   * The data directory template a new database starts from (data-dir-template.ts): a path, or
   * false for PGlite's initdb. Default: the one `npm run build` made, when it matches PGlite.
   */
  readonly template?: string | false;
}

/**
 * PGlite's shared buffers, half PostgreSQL's default. The pool lives in the WASM heap, which never
 * shrinks: on the 10,000-file bench repository the heap ends at 154 MB instead of 226 MB and a lexical
 * cold index peaks at 680–799 MB RSS instead of 830–856 MB (the 800 MB target), for ~0.3 s of its
 * 10.4 s (`docs/notes/store-perf.md`, "Shared buffers"). `startParams` replaces PGlite's defaults
 * (`--single`, no worker processes…), so they are kept.
 */
export const PGLITE_SHARED_BUFFERS = '64MB';

/**
 * Opens (and initialises, when new) a PGlite database. Does not migrate; call `migrate()`. A data
 * directory is locked for this process until the store closes (data-dir-lock.ts): a directory in
 * use by another live process fails with `STORE_LOCKED`.
 */
export async function openPGliteStore(options: PGliteStoreOptions): Promise<SqlStore> {
  const logger = options.logger ?? silentLogger;
  const dataDir = await resolveDataDir(options.url);
  // Before anything writes to the directory (the template, PGlite).
  const lock: DataDirLock | undefined =
    dataDir === undefined ? undefined : await lockDataDir(dataDir, logger);
  let pg: PGliteLike;
  try {
    const [{ PGlite }, { vector }] = await Promise.all([
      import('@electric-sql/pglite'),
      import('@electric-sql/pglite-pgvector'),
    ]);
    const templatePath = options.template === false ? undefined : (options.template ?? defaultTemplatePath());
    const fresh = isNewDatabase(dataDir);
    // A new data directory gets the template's files before PGlite opens it; in memory (or when
    // that fails), PGlite loads the template itself.
    const extracted = fresh && dataDir !== undefined && (await extractInto(templatePath, dataDir, logger));
    const template = fresh && !extracted ? await loadTemplate(templatePath) : undefined;
    pg = (await PGlite.create(dataDir ?? 'memory://', {
      extensions: { vector },
      startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${PGLITE_SHARED_BUFFERS}`],
      ...(template ? { loadDataDir: template } : {}),
    })) as unknown as PGliteLike;
    logger.debug('PGlite opened', {
      dataDir: dataDir ?? 'memory://',
      fromTemplate: extracted || template !== undefined,
    });
  } catch (error) {
    lock?.release();
    throw new StoreError(
      'STORE_UNAVAILABLE',
      `Could not open the PGlite database at ${dataDir ?? 'memory://'}.`,
      {
        details: { dataDir: dataDir ?? 'memory://' },
        hint:
          'Check that the directory is writable and not in use by another codebase-mcp process ' +
          '(PGlite allows one process per data directory).',
        cause: error,
      },
    );
  }
  const driver = new PGliteDriver(pg, () => lock?.release());
  return new SqlStore(driver, {
    logger,
    writePostings: options.postingsWrite === 'insert' ? insertPostings : copyPostings,
  }).configureVectors({
    stage: copyVectors,
    copy: copyChunkVectors,
    ...(options.hnsw ? { hnsw: options.hnsw } : {}),
  });
}

/** Extracts the template into a new data directory; false when there is none or it fails. */
async function extractInto(template: string | undefined, dataDir: string, logger: Logger): Promise<boolean> {
  if (!template || !(await templateMatches(template))) return false;
  try {
    await extractTemplate(template, dataDir);
    return true;
  } catch (error) {
    logger.warn('could not extract the data directory template; PGlite loads it instead', {
      dataDir,
      error: error instanceof Error ? error.message : String(error),
    });
    return false;
  }
}

/** `memory://` → undefined (in memory); `file://x` or a path → that directory, created if missing. */
async function resolveDataDir(url: string): Promise<string | undefined> {
  if (url === 'memory://' || url.startsWith('memory://')) return undefined;
  const dir = url.startsWith('file://') ? fileURLToPath(url) : url;
  try {
    await makeDirectories(dir);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new StoreError('STORE_UNAVAILABLE', `Could not create the data directory ${dir} (${reason}).`, {
      details: { dataDir: dir },
      hint: 'Choose a writable directory for the index with CODEBASE_MCP_DATABASE_URL or --database-url (a path, or a postgres:// URL).',
      cause: error,
    });
  }
  const foreign = await foreignEntry(dir);
  if (foreign !== undefined) {
    throw new StoreError(
      'STORE_UNAVAILABLE',
      `The data directory ${dir} holds other files (${foreign}) and no codebase-mcp database.`,
      {
        details: { dataDir: dir },
        hint: 'Point CODEBASE_MCP_DATABASE_URL or --database-url at a new or empty directory: the index is never written among other files.',
      },
    );
  }
  return dir;
}

/** What a PostgreSQL data directory holds (`PG_VERSION`, `base`, `pg_wal`…), the lock beside it, a volume's `lost+found`. */
const DATABASE_ENTRY =
  /^(?:PG_VERSION|base|global|pg_[\w.]+|postgresql\.(?:auto\.)?conf|postmaster\.\w+|lost\+found|codebase-mcp\.lock(?:\..+)?)$/;

/**
 * The first entry of `dir` that no database put there, if any: a mistyped `--database-url .` must
 * not write a PostgreSQL cluster into a source tree. A template extraction cut short (no
 * `PG_VERSION` yet) leaves only database entries, and is completed on the next open.
 */
async function foreignEntry(dir: string): Promise<string | undefined> {
  const entries = await readdir(dir).catch(() => [] as string[]);
  return entries.sort().find((name) => !DATABASE_ENTRY.test(name));
}

/**
 * `mkdir -p`: creates `dir` and its missing parents, one at a time. Node's own recursive mkdir
 * retries forever below a parent that exists but refuses new entries with ENOENT (`/proc/x`).
 */
async function makeDirectories(dir: string): Promise<void> {
  const missing: string[] = [];
  for (let at = resolve(dir); ; at = dirname(at)) {
    const info = await stat(at).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw error;
    });
    if (info?.isDirectory()) break;
    if (info) throw Object.assign(new Error(`${at} is not a directory`), { code: 'ENOTDIR' });
    missing.push(at);
    if (dirname(at) === at) break;
  }
  for (const at of missing.reverse()) {
    await mkdir(at).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw error;
    });
  }
  // A dangling symbolic link exists for mkdir (EEXIST) but not for stat (ENOENT).
  if (missing.length > 0) await stat(resolve(dir));
}

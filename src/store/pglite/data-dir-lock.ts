/**
 * One process per PGlite data directory. PGlite runs PostgreSQL in single-user mode inside WASM:
 * there is no postmaster to notice a second process, so two processes on one directory overwrite
 * each other's pages (a repository indexed by one vanishes, `index --force` leaves a database that
 * no longer opens, an indexer spins forever). `lockDataDir` takes an exclusive lock file in the
 * directory before PGlite opens it, and the store releases it when it closes (and, failing that,
 * when the process exits).
 *
 * The lock file is created with `open(…, 'wx')` (atomic: one creator wins) and records the holder's
 * pid, host, start time and command, and the holder touches it every 15 s. A lock whose holder is
 * gone (same host, pid not running, or running but a different process reusing the pid; another
 * host, untouched for two minutes) is stale: it is taken over with a warning. Two
 * processes taking over the same stale lock at once are serialised by a guard file (`.takeover`,
 * also `wx`): under it, the lock is deleted only while it still holds the dead holder's record, and
 * the new lock is then created with `wx` again, so only one of them wins.
 */
import { randomUUID } from 'node:crypto';
import {
  closeSync,
  openSync,
  readFileSync,
  realpathSync,
  statSync,
  unlinkSync,
  utimesSync,
  writeSync,
} from 'node:fs';
import { hostname } from 'node:os';
import { basename, join } from 'node:path';
import { StoreError, silentLogger, type Logger } from '../../core/index.js';

export const LOCK_FILE = 'codebase-mcp.lock';
/** A lock file still being written, or a takeover guard, is trusted for this long. */
const SETTLE_MS = 5000;
/**
 * The holder touches its lock file this often. Another host's process cannot be asked whether it
 * runs (a container recreated after `docker kill` has a new hostname), so a lock from another host
 * untouched for `FOREIGN_STALE_MS` is stale.
 */
const HEARTBEAT_MS = 15_000;
const FOREIGN_STALE_MS = 120_000;
const ATTEMPTS = 100;

/** What a lock file records about the process holding the directory. */
export interface LockHolder {
  readonly pid: number;
  readonly hostname: string;
  /** When the holding process started (ISO 8601). */
  readonly startedAt: string;
  readonly lockedAt: string;
  readonly command: string;
  /** Linux: the process start time in clock ticks (/proc/<pid>/stat), which tells a reused pid apart. */
  readonly procStart?: string;
  /** Unique to this lock: a release or takeover touches only the lock it read. */
  readonly token: string;
}

/** The held lock; `release` is idempotent and synchronous. */
export interface DataDirLock {
  readonly file: string;
  release(): void;
}

/** Lock files held by this process (path → token), released on exit if still held. */
const held = new Map<string, string>();
/** The heartbeat of each held lock file. */
const heartbeats = new Map<string, NodeJS.Timeout>();

/**
 * Takes the lock on `dataDir` (an existing directory) or throws `STORE_LOCKED` naming the process
 * that holds it. A stale lock (its process is gone) is taken over with a warning.
 */
export async function lockDataDir(dataDir: string, logger: Logger = silentLogger): Promise<DataDirLock> {
  const file = join(realpathSync(dataDir), LOCK_FILE);
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    if (held.has(file)) throw lockedError(dataDir, file, 'this-process', undefined);
    const mine = describeSelf();
    if (tryCreate(file, mine)) {
      held.set(file, mine.token);
      if (held.size === 1) process.on('exit', releaseAll);
      const beat = setInterval(() => touchQuietly(file), HEARTBEAT_MS);
      beat.unref();
      heartbeats.set(file, beat);
      logger.debug('data directory locked', { lockFile: file });
      return { file, release: () => release(file, mine.token) };
    }
    const raw = readQuietly(file);
    if (raw === undefined) continue; // released meanwhile: try again
    const holder = parseHolder(raw);
    const state = holderState(file, holder);
    if (state === 'dead') {
      if (await takeOver(file, raw)) {
        logger.warn('took over the lock of a process that is gone (killed or crashed)', {
          lockFile: file,
          ...(holder ? { pid: holder.pid, command: holder.command, startedAt: holder.startedAt } : {}),
        });
      }
      continue;
    }
    if (state === 'settling') {
      await delay(20);
      continue;
    }
    throw lockedError(dataDir, file, state, holder);
  }
  throw lockedError(dataDir, file, 'settling', undefined);
}

type HolderState = 'alive' | 'dead' | 'other-host' | 'this-process' | 'settling';

function holderState(file: string, holder: LockHolder | undefined): HolderState {
  // Unreadable: being written by its creator right now, or left half-written by a crash.
  if (!holder) return ageMs(file) < SETTLE_MS ? 'settling' : 'dead';
  if (holder.hostname !== hostname()) return ageMs(file) > FOREIGN_STALE_MS ? 'dead' : 'other-host';
  // Our pid but not our lock: a previous process with the same pid (PID 1 in a restarted container).
  if (holder.pid === process.pid) return held.get(file) === holder.token ? 'this-process' : 'dead';
  if (!pidRunning(holder.pid)) return 'dead';
  const start = procStart(holder.pid);
  if (holder.procStart !== undefined && start !== undefined && start !== holder.procStart) return 'dead';
  return 'alive';
}

/** Deletes the dead holder's lock, under the guard; false when another process got there first. */
async function takeOver(file: string, raw: string): Promise<boolean> {
  const guard = `${file}.takeover`;
  let fd: number;
  try {
    fd = openSync(guard, 'wx', 0o600);
  } catch (error) {
    if (errorCode(error) !== 'EEXIST') throw error;
    // Another process is taking over; a guard this old was left by a crash in between.
    if (ageMs(guard) > SETTLE_MS) unlinkQuietly(guard);
    else await delay(20);
    return false;
  }
  try {
    if (readQuietly(file) !== raw) return false;
    unlinkSync(file);
    return true;
  } finally {
    closeSync(fd);
    unlinkQuietly(guard);
  }
}

function tryCreate(file: string, holder: LockHolder): boolean {
  let fd: number;
  try {
    fd = openSync(file, 'wx', 0o600);
  } catch (error) {
    if (errorCode(error) === 'EEXIST') return false;
    throw new StoreError(
      'STORE_UNAVAILABLE',
      `Could not create the lock file ${file} (${errorCode(error)}).`,
      {
        details: { lockFile: file },
        hint: 'Check that the data directory is writable (CODEBASE_MCP_DATABASE_URL or --database-url).',
        cause: error,
      },
    );
  }
  try {
    writeSync(fd, JSON.stringify(holder) + '\n');
  } finally {
    closeSync(fd);
  }
  return true;
}

function release(file: string, token: string): void {
  if (held.get(file) !== token) return;
  held.delete(file);
  clearInterval(heartbeats.get(file));
  heartbeats.delete(file);
  if (held.size === 0) process.off('exit', releaseAll);
  const raw = readQuietly(file);
  if (raw !== undefined && parseHolder(raw)?.token === token) unlinkQuietly(file);
}

function releaseAll(): void {
  for (const [file, token] of [...held]) release(file, token);
}

function lockedError(
  dataDir: string,
  file: string,
  state: HolderState,
  holder: LockHolder | undefined,
): StoreError {
  const who = holder
    ? `process ${holder.pid}${holder.command ? ` (${holder.command})` : ''}, started ${holder.startedAt}`
    : 'another process';
  const message =
    state === 'this-process'
      ? `The PGlite data directory ${dataDir} is already open in this process.`
      : state === 'other-host'
        ? `The PGlite data directory ${dataDir} is in use by ${who} on host ${holder!.hostname}.`
        : `The PGlite data directory ${dataDir} is in use by ${who}.`;
  const stale =
    state === 'other-host'
      ? ` If no codebase-mcp process runs on ${holder!.hostname} any more, the lock is taken over ${FOREIGN_STALE_MS / 60_000} minutes after it was last refreshed, or delete ${file}.`
      : '';
  return new StoreError('STORE_LOCKED', message, {
    details: { dataDir, lockFile: file, ...(holder ? { holder } : {}) },
    hint:
      'PGlite allows one process per data directory. Wait for that process to finish or stop it; ' +
      'if it is a codebase-mcp server, use its MCP tools (index_repository, search_code) instead; ' +
      'or point CODEBASE_MCP_DATABASE_URL / --database-url at another directory; or use ' +
      `PostgreSQL (postgres://…) to share one index between several processes.${stale}`,
  });
}

function describeSelf(): LockHolder {
  const start = procStart(process.pid);
  return {
    pid: process.pid,
    hostname: hostname(),
    startedAt: new Date(Date.now() - process.uptime() * 1000).toISOString(),
    lockedAt: new Date().toISOString(),
    command: commandLine(process.argv),
    ...(start !== undefined ? { procStart: start } : {}),
    token: randomUUID(),
  };
}

/** `codebase-mcp.js index /repo`: the script's name and arguments, values of secret-looking flags hidden. */
export function commandLine(argv: readonly string[]): string {
  const words = argv.slice(1).map((w, i) => (i === 0 ? basename(w) : w));
  const shown = words.map((w, i) =>
    /^--?[\w-]*(token|password|secret|key)[\w-]*$/i.test(words[i - 1] ?? '')
      ? '***'
      : w.replace(/^(--?[\w-]*(?:token|password|secret|key)[\w-]*=).*/i, '$1***'),
  );
  const line = shown.join(' ');
  return line.length > 300 ? `${line.slice(0, 299)}…` : line;
}

function parseHolder(raw: string): LockHolder | undefined {
  try {
    const value = JSON.parse(raw) as Partial<LockHolder>;
    if (!Number.isSafeInteger(value.pid) || typeof value.hostname !== 'string') return undefined;
    if (typeof value.token !== 'string') return undefined;
    return value as LockHolder;
  } catch {
    return undefined;
  }
}

/** Whether a process with this pid exists (EPERM: it does, owned by another user). */
function pidRunning(pid: number): boolean {
  if (pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return errorCode(error) === 'EPERM';
  }
}

/** Linux: field 22 of /proc/<pid>/stat, the start time in clock ticks since boot; undefined elsewhere. */
function procStart(pid: number): string | undefined {
  const stat = readQuietly(`/proc/${pid}/stat`);
  if (stat === undefined) return undefined;
  // The second field, the command in parentheses, may contain spaces: count from the last ')'.
  return stat
    .slice(stat.lastIndexOf(')') + 2)
    .split(' ')
    .at(19);
}

function readQuietly(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

function unlinkQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // already gone
  }
}

function touchQuietly(path: string): void {
  try {
    const now = new Date();
    utimesSync(path, now, now);
  } catch {
    // released or removed meanwhile
  }
}

function ageMs(path: string): number {
  try {
    return Date.now() - statSync(path).mtimeMs;
  } catch {
    return 0;
  }
}

function errorCode(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

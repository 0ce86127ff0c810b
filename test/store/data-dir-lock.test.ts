/**
 * One process per PGlite data directory (data-dir-lock.ts), with real processes and real files: a
 * directory held by a live process cannot be opened and the error names that process; the lock is
 * released when the store closes or the process exits, taken over when its process was killed, and
 * only one of several processes taking over the same stale lock wins.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CodebaseError, createLogger } from '../../src/core/index.js';
import { LOCK_FILE, commandLine, lockDataDir } from '../../src/store/pglite/data-dir-lock.js';
import { openPGliteStore } from '../../src/store/pglite/index.js';

const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const HOLDER = join(import.meta.dirname, 'lock-holder.ts');

interface Holder {
  readonly child: ChildProcess;
  /** The next JSON line the holder reports. */
  next(): Promise<Record<string, unknown>>;
  send(line: string): void;
  /** Closes its stdin (it releases the lock) and waits for it to exit. */
  stop(): Promise<void>;
}

const children = new Set<ChildProcess>();

/** Runs lock-holder.ts on `dir` in a new node process. */
function spawnHolder(dir: string, mode?: '--wait-go' | '--exit'): Holder {
  const child = spawn(process.execPath, ['--import', TSX, HOLDER, dir, ...(mode ? [mode] : [])], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  children.add(child);
  const exited = once(child, 'exit');
  const queue: Record<string, unknown>[] = [];
  const waiting: ((r: Record<string, unknown>) => void)[] = [];
  createInterface({ input: child.stdout! }).on('line', (line) => {
    const record = JSON.parse(line) as Record<string, unknown>;
    const waiter = waiting.shift();
    if (waiter) waiter(record);
    else queue.push(record);
  });
  return {
    child,
    next: () =>
      queue.length > 0
        ? Promise.resolve(queue.shift()!)
        : new Promise((resolve, reject) => {
            waiting.push(resolve);
            void exited.then(() => reject(new Error(`lock holder ${child.pid} exited`)));
          }),
    send: (line) => void child.stdin!.write(line + '\n'),
    stop: async () => {
      child.stdin!.end();
      await exited;
    },
  };
}

/** A lock file left by a process killed with SIGKILL. */
async function staleLock(dir: string): Promise<number> {
  const holder = spawnHolder(dir);
  const { pid } = await holder.next();
  holder.child.kill('SIGKILL');
  await once(holder.child, 'exit');
  expect(existsSync(join(dir, LOCK_FILE))).toBe(true);
  return pid as number;
}

async function lockError(promise: Promise<unknown>): Promise<CodebaseError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CodebaseError);
  return error as CodebaseError;
}

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'cmcp-lock-'));
});
afterEach(() => {
  for (const child of children) child.kill('SIGKILL');
  children.clear();
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('PGlite data directory lock', () => {
  it('refuses a second store on an open directory, in this process and in another, until the first closes', async () => {
    const dir = await mkdtemp(join(root, 'db-'));
    const first = await openPGliteStore({ url: dir });
    try {
      const same = await lockError(openPGliteStore({ url: dir }));
      expect(same.code).toBe('STORE_LOCKED');
      expect(same.message).toContain('already open in this process');

      const other = spawnHolder(dir);
      const refused = await other.next();
      expect(refused).toMatchObject({ locked: false, code: 'STORE_LOCKED' });
      expect(refused['message']).toContain(`in use by process ${process.pid}`);
    } finally {
      await first.close();
    }
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
    const second = await openPGliteStore({ url: dir });
    await second.migrate();
    await second.close();
  });

  it('fails fast naming the process that holds the directory, before writing anything to it', async () => {
    const dir = await mkdtemp(join(root, 'db-'));
    const holder = spawnHolder(dir);
    const { pid } = await holder.next();
    const error = await lockError(openPGliteStore({ url: dir }));
    expect(error.code).toBe('STORE_LOCKED');
    expect(error.message).toBe(
      `The PGlite data directory ${dir} is in use by process ${pid} (lock-holder.ts ${dir}), ` +
        `started ${(error.details['holder'] as { startedAt: string }).startedAt}.`,
    );
    expect(error.hint).toContain('PGlite allows one process per data directory');
    expect(error.hint).toContain('CODEBASE_MCP_DATABASE_URL');
    expect(error.hint).toContain('PostgreSQL');
    expect(existsSync(join(dir, 'PG_VERSION'))).toBe(false);
    await holder.stop();
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
  });

  it('releases the lock when the holding process exits without closing its store', async () => {
    const dir = await mkdtemp(join(root, 'db-'));
    const holder = spawnHolder(dir, '--exit');
    expect(await holder.next()).toMatchObject({ locked: true });
    await once(holder.child, 'exit');
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
  });

  it('takes over the lock of a process killed with SIGKILL, with a warning', async () => {
    const dir = await mkdtemp(join(root, 'db-'));
    const dead = await staleLock(dir);
    const logs: Record<string, unknown>[] = [];
    const logger = createLogger({ level: 'warn', write: (line) => logs.push(JSON.parse(line)) });
    const lock = await lockDataDir(dir, logger);
    expect(JSON.parse(await readFile(lock.file, 'utf8'))).toMatchObject({ pid: process.pid });
    expect(logs).toEqual([
      expect.objectContaining({ level: 'warn', msg: expect.stringMatching(/took over/), pid: dead }),
    ]);
    lock.release();
    expect(existsSync(lock.file)).toBe(false);
  });

  it('lets exactly one of several processes taking over the same stale lock win', async () => {
    const dir = await mkdtemp(join(root, 'db-'));
    await staleLock(dir);
    const holders = [0, 1, 2].map(() => spawnHolder(dir, '--wait-go'));
    for (const h of holders) expect(await h.next()).toEqual({ ready: true });
    for (const h of holders) h.send('go');
    const results = await Promise.all(holders.map((h) => h.next()));
    expect(results.filter((r) => r['locked'] === true)).toHaveLength(1);
    expect(results.filter((r) => r['code'] === 'STORE_LOCKED')).toHaveLength(2);
    const winner = results.find((r) => r['locked'])!;
    expect(JSON.parse(await readFile(join(dir, LOCK_FILE), 'utf8'))).toMatchObject({ pid: winner['pid'] });
    await Promise.all(holders.map((h) => h.stop()));
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
  });

  it("takes over a lock recorded with this process's pid that it does not hold (a restarted container's PID 1)", async () => {
    const dir = await mkdtemp(join(root, 'db-'));
    const old = {
      pid: process.pid,
      hostname: hostname(),
      startedAt: '',
      lockedAt: '',
      command: '',
      token: 'x',
    };
    await writeFile(join(dir, LOCK_FILE), JSON.stringify(old));
    const lock = await lockDataDir(dir);
    expect(JSON.parse(await readFile(lock.file, 'utf8')).token).not.toBe('x');
    lock.release();
  });

  it('leaves a fresh lock from another host alone, says which file to delete, and takes over a stale one', async () => {
    const dir = await mkdtemp(join(root, 'db-'));
    const other = {
      pid: 1,
      hostname: 'elsewhere',
      startedAt: 'then',
      lockedAt: '',
      command: 'x',
      token: 'y',
    };
    await writeFile(join(dir, LOCK_FILE), JSON.stringify(other));
    const error = await lockError(lockDataDir(dir));
    expect(error.code).toBe('STORE_LOCKED');
    expect(error.message).toContain('on host elsewhere');
    expect(error.hint).toContain(`delete ${join(dir, LOCK_FILE)}`);
    expect(existsSync(join(dir, LOCK_FILE))).toBe(true);
    // untouched for longer than a holder's heartbeat allows: its host's process is gone
    const long = new Date(Date.now() - 10 * 60_000);
    await utimes(join(dir, LOCK_FILE), long, long);
    const lock = await lockDataDir(dir);
    expect(JSON.parse(await readFile(lock.file, 'utf8')).hostname).toBe(hostname());
    lock.release();
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
  });

  it('records the command without the values of secret-looking flags', () => {
    expect(
      commandLine(['/usr/bin/node', '/opt/bin/codebase-mcp.js', 'serve', '--auth-token', 's3', '--http']),
    ).toBe('codebase-mcp.js serve --auth-token *** --http');
    expect(commandLine(['node', 'x.js', '--api-key=abc', 'index'])).toBe('x.js --api-key=*** index');
  });
});

/**
 * Spawns `codebase-mcp` as a real process: the built bin (bin/codebase-mcp.js, built by
 * mcp-global-setup.ts) when dist/ exists, else the source through tsx. CODEBASE_MCP_TEST_BIN=source
 * forces the source, =dist the bin.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

export const REPO_ROOT = resolve(import.meta.dirname, '../..');

/** Command and leading arguments that run the CLI. */
export function usesBuiltBin(): boolean {
  const mode = process.env['CODEBASE_MCP_TEST_BIN'];
  return mode === 'dist' || (mode !== 'source' && existsSync(resolve(REPO_ROOT, 'dist/cli/index.js')));
}

export function cliCommand(): { command: string; args: string[] } {
  if (usesBuiltBin()) return { command: process.execPath, args: [resolve(REPO_ROOT, 'bin/codebase-mcp.js')] };
  // tsx by absolute URL, so the child may run in any working directory.
  return {
    command: process.execPath,
    args: [
      '--import',
      pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href,
      resolve(REPO_ROOT, 'test/support/mcp-cli-entry.ts'),
    ],
  };
}

/** Environment for a spawned server: nothing from the user's CODEBASE_MCP_* settings leaks in. */
export function serverEnv(extra: Record<string, string>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env))
    if (v !== undefined && !k.startsWith('CODEBASE_MCP_')) env[k] = v;
  // From source, chunk inline: the indexer's worker threads cannot load .ts under Node 20.
  const workers: Record<string, string> = usesBuiltBin() ? {} : { CODEBASE_MCP_WORKERS: '0' };
  return {
    ...env,
    ...workers,
    CODEBASE_MCP_LOG_FORMAT: 'json',
    XDG_CONFIG_HOME: '/nonexistent/codebase-mcp-test-config',
    ...extra,
  };
}

export interface ServerProcess {
  readonly child: ChildProcess;
  /** Everything written to stderr so far. */
  stderr(): string;
  /** Resolves with the first JSON log record whose `msg` matches. */
  waitForLog(msg: RegExp, timeoutMs?: number): Promise<Record<string, unknown>>;
  /** Resolves with the exit code (or signal name). */
  exited: Promise<number | string>;
  kill(signal?: NodeJS.Signals): void;
}

/** Servers still running when the test process exits (a failed test) are killed with it. */
const live = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

export function spawnServer(args: string[], env: Record<string, string>, cwd = REPO_ROOT): ServerProcess {
  const { command, args: lead } = cliCommand();
  const child = spawn(command, [...lead, ...args], {
    cwd,
    env: serverEnv(env),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  live.add(child);
  child.once('exit', () => live.delete(child));
  let stderr = '';
  const waiters: { re: RegExp; resolve: (r: Record<string, unknown>) => void }[] = [];
  const records: Record<string, unknown>[] = [];
  child.stderr!.setEncoding('utf8');
  let pending = '';
  child.stderr!.on('data', (chunk: string) => {
    stderr += chunk;
    const lines = (pending + chunk).split('\n');
    pending = lines.pop()!;
    for (const line of lines) {
      if (!line.startsWith('{')) continue;
      let record: Record<string, unknown>;
      try {
        record = JSON.parse(line) as Record<string, unknown>;
      } catch {
        continue;
      }
      records.push(record);
      for (const w of [...waiters]) {
        if (w.re.test(String(record['msg']))) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(record);
        }
      }
    }
  });
  const exited = once(child, 'exit').then(([code, signal]) => (code ?? signal) as number | string);
  return {
    child,
    stderr: () => stderr,
    waitForLog(re, timeoutMs = 30_000) {
      const seen = records.find((r) => re.test(String(r['msg'])));
      if (seen) return Promise.resolve(seen);
      return new Promise((resolvePromise, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no log ${re} within ${timeoutMs} ms; stderr:\n${stderr}`)),
          timeoutMs,
        );
        waiters.push({ re, resolve: (r) => (clearTimeout(timer), resolvePromise(r)) });
        void exited.then((code) =>
          reject(new Error(`server exited (${code}) before logging ${re}; stderr:\n${stderr}`)),
        );
      });
    },
    exited,
    kill: (signal = 'SIGTERM') => void child.kill(signal),
  };
}

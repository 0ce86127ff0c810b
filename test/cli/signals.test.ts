import { createServer, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeLargeRepo, removeDir, tempDir } from '../support/mcp-harness.js';
import { spawnServer, type ServerProcess } from '../support/mcp-process.js';

const FILES = 3000;

/** Resolves once the progress written to stderr (a pipe: plain lines) matches. */
function progressShown(run: ServerProcess, re: RegExp): Promise<void> {
  return new Promise((resolve) => {
    const check = () => {
      if (!re.test(run.stderr())) return;
      run.child.stderr!.off('data', check);
      resolve();
    };
    run.child.stderr!.on('data', check);
    check();
  });
}

describe('index stopped by a signal (spawned CLI)', () => {
  let work: string;
  let repo: string;
  beforeAll(async () => {
    work = await tempDir();
    repo = await makeLargeRepo(FILES, work);
  });
  afterAll(async () => {
    await removeDir(work);
  });

  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)('exits %s with %i after stopping at a file boundary', async (signal, code) => {
    const run = spawnServer(['index', repo], { CODEBASE_MCP_DATABASE_URL: `${work}/db-${signal}` });
    let stdout = '';
    run.child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
    await progressShown(run, new RegExp(`\\d+/${FILES} files`));
    run.kill(signal);
    expect(await run.exited, run.stderr()).toBe(code);
    expect(run.stderr()).toContain(`${signal}: finishing the current files and stopping`);
    expect(stdout).toMatch(/^Cancelled /);
  });
});

describe('a command stuck outside the file loop (spawned CLI)', () => {
  it('exits 143 once the shutdown budget after SIGTERM is spent', async () => {
    // A "database" that accepts connections and never answers: opening the store waits on it.
    const sockets: Socket[] = [];
    let connected!: () => void;
    const accepted = new Promise<void>((resolve) => (connected = resolve));
    const silent = createServer((socket) => {
      sockets.push(socket);
      connected();
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as { port: number }).port;
    try {
      const run = spawnServer(['list'], {
        CODEBASE_MCP_DATABASE_URL: `postgres://user@127.0.0.1:${port}/db`,
        CODEBASE_MCP_PG_CONNECT_TIMEOUT_MS: '120000',
        CODEBASE_MCP_SHUTDOWN_TIMEOUT: '0.5',
      });
      await accepted;
      const sent = Date.now();
      run.kill('SIGTERM');
      expect(await run.exited, run.stderr()).toBe(143);
      expect(Date.now() - sent).toBeLessThan(30_000);
      expect(run.stderr()).toContain('SIGTERM: stopping (press Ctrl-C again to exit at once).');
      expect(run.stderr()).toContain('not stopped 0.5 s after SIGTERM: exiting now.');
    } finally {
      for (const socket of sockets) socket.destroy();
      silent.close();
    }
  });
});

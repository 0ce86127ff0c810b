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

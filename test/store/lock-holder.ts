/**
 * A separate process for the data directory lock tests: takes the lock on the directory given as
 * the first argument (after a `go` line on stdin with `--wait-go`), reports one JSON line on
 * stdout (`{"locked":true,"pid":…}` or `{"locked":false,"code":…,"message":…}`) and holds the
 * lock until stdin closes or the process is killed; with `--exit`, exits at once without
 * releasing it (the exit handler must).
 */
import { createInterface } from 'node:readline';
import type { CodebaseError } from '../../src/core/index.js';
import { lockDataDir } from '../../src/store/pglite/data-dir-lock.js';

const [dir, mode] = process.argv.slice(2);
const lines = createInterface({ input: process.stdin });
const report = (value: Record<string, unknown>) => process.stdout.write(JSON.stringify(value) + '\n');

if (mode === '--wait-go') {
  report({ ready: true });
  await new Promise<void>((resolve) => lines.once('line', () => resolve()));
}
try {
  const lock = await lockDataDir(dir!);
  report({ locked: true, pid: process.pid });
  if (mode === '--exit') process.exit(0);
  lines.once('close', () => lock.release());
} catch (error) {
  report({ locked: false, code: (error as CodebaseError).code, message: (error as Error).message });
  lines.close();
}

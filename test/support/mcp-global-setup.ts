/**
 * Vitest global setup: builds dist/ once, so the end-to-end tests spawn the real shipped bin
 * (bin/codebase-mcp.js, with worker threads) rather than the source through tsx.
 * Register in vitest.config.ts: `globalSetup: ['test/support/mcp-global-setup.ts']`.
 * Skip with CODEBASE_MCP_TEST_BIN=source. Type errors do not stop the tests (tsc still emits;
 * `npm run check` reports them); a build that emits nothing does.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

export default function setup(): void {
  if (process.env['CODEBASE_MCP_TEST_BIN'] === 'source') return;
  const root = resolve(import.meta.dirname, '../..');
  const tsc = resolve(root, 'node_modules/typescript/bin/tsc');
  const result = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], {
    cwd: root,
    encoding: 'utf8',
  });
  if (result.status !== 0)
    process.stderr.write(`mcp-global-setup: tsc reported errors (dist/ built anyway):\n${result.stdout}`);
  if (!existsSync(resolve(root, 'dist/cli/index.js')))
    throw new Error('mcp-global-setup: the build produced no dist/cli/index.js');
}

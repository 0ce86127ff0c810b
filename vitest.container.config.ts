/**
 * Container tests (test/container): build the image, run the compose stack, drive it with an MCP
 * client. They need a Docker API (scripts/containers.sh setup && up) and run only with
 * CODEBASE_MCP_TEST_CONTAINERS=1:
 *   CODEBASE_MCP_TEST_CONTAINERS=1 npx vitest run --config vitest.container.config.ts
 * Without the variable this config selects no files (and exits 0), so nothing is reported as skipped.
 */
import { defineConfig } from 'vitest/config';

const enabled = process.env['CODEBASE_MCP_TEST_CONTAINERS'] === '1';

export default defineConfig({
  test: {
    include: enabled ? ['test/container/**/*.test.ts'] : [],
    passWithNoTests: true,
    globalSetup: enabled ? ['test/container/global-setup.ts'] : [],
    testTimeout: 300_000,
    hookTimeout: 1_200_000,
    fileParallelism: false,
    allowOnly: false,
    pool: 'forks',
    reporters: ['default'],
  },
});

import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/container/**', 'node_modules/**'],
    globalSetup: ['test/support/mcp-global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    allowOnly: false,
    pool: 'forks',
    reporters: ['default'],
  },
});

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docker, REPO_ROOT, run } from './docker.js';

describe('static checks of the container files', () => {
  let scratch: string;
  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'codebase-mcp-static-'));
  });
  afterAll(async () => {
    await rm(scratch, { recursive: true, force: true });
  });

  it.each(['compose.yaml', 'compose.prod.yaml', 'compose.test.yaml'])(
    '%s is a valid compose file with the settings of .env.example',
    async (file) => {
      // REPOS_PATH (compose.prod.yaml) is the operator's choice; .env.example leaves it unset
      const result = await docker(['compose', '--env-file', '.env.example', '-f', file, 'config', '-q'], {
        env: { REPOS_PATH: scratch },
      });
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
    },
  );

  it('compose.yaml refuses to start without the database password and the auth token', async () => {
    const envFile = join(scratch, 'empty.env');
    await writeFile(envFile, '');
    const result = await docker(['compose', '--env-file', envFile, '-f', 'compose.yaml', 'config', '-q']);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/POSTGRES_PASSWORD|CODEBASE_MCP_AUTH_TOKEN/);
  });

  it('the Dockerfile passes dockerfile-utils lint', async () => {
    // npx runs outside the project, so the linter never lands in its node_modules
    const result = await run(
      'npx',
      ['--yes', 'dockerfile-utils@0.16.3', 'lint', join(REPO_ROOT, 'Dockerfile')],
      {
        cwd: scratch,
        timeoutMs: 180_000,
      },
    );
    expect(result.stdout.trim()).toBe('');
    expect(result.code).toBe(0);
  });
});

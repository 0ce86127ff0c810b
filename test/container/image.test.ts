import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { describe, expect, inject, it } from 'vitest';
import {
  appendToFile,
  BASE_IMAGE,
  copyBuildContext,
  docker,
  dockerEnv,
  dockerOk,
  IMAGE,
  imageSizeBytes,
  mb,
  report,
  run,
} from './docker.js';

/**
 * Budget for what this project adds on top of the base image. The CI machines have no registry,
 * so node:24-bookworm-slim is a local stand-in (Node 24 + npm on debootstrap bookworm) whose size
 * differs from the official image; the project's own layers are what this Dockerfile controls.
 * Measured: ~86 MB = 20 tree-sitter grammars (~35 MB; Lua, Elixir, Haskell and Zig added ~7 MB),
 * the builtin embedding model (20 MB), PGlite (~15 MB of WebAssembly and data), the rest of the
 * production dependencies and dist (~16 MB).
 */
const OWN_LAYERS_BUDGET_MB = 90;
const TOTAL_TARGET_MB = 250;

describe('the image', () => {
  it('builds from the Dockerfile and stays within the size budget', async () => {
    const build = inject('imageBuild');
    report(
      'build time (global setup)',
      `${(build.ms / 1000).toFixed(1)} s, ${build.cachedSteps} cached steps`,
    );
    const total = await imageSizeBytes(IMAGE);
    const base = await imageSizeBytes(BASE_IMAGE);
    const own = total - base;
    report(
      'image size',
      `${mb(total)} MB total = ${mb(base)} MB base (${BASE_IMAGE}, local stand-in) + ${mb(own)} MB own layers`,
    );
    const history = await dockerOk(['history', '--format', '{{.Size}}\t{{.CreatedBy}}', IMAGE]);
    const big = history.stdout
      .split('\n')
      .filter((l) => /^\d+(\.\d+)?\s?MB/.test(l))
      .slice(0, 4)
      .map((l) => l.slice(0, 120));
    report('largest layers', `\n  ${big.join('\n  ')}`);
    if (mb(total) > TOTAL_TARGET_MB) {
      report(
        'note',
        `total exceeds ${TOTAL_TARGET_MB} MB with the stand-in base; the check is on the ${OWN_LAYERS_BUDGET_MB} MB budget of own layers`,
      );
    }
    expect(mb(own)).toBeLessThanOrEqual(OWN_LAYERS_BUDGET_MB);
  });

  it('runs as uid 1000 with the data volume, a health check and SIGTERM as stop signal', async () => {
    const inspect = await dockerOk(['image', 'inspect', '-f', '{{json .Config}}', IMAGE]);
    const config = JSON.parse(inspect.stdout) as {
      User: string;
      Volumes: Record<string, unknown>;
      Healthcheck?: { Test: string[] } | null;
      StopSignal: string;
      Entrypoint: string[];
      Env: string[];
    };
    expect(config.User).toBe('node');
    expect(Object.keys(config.Volumes)).toEqual(['/data']);
    expect((await healthcheckOf(config.Healthcheck)).join(' ')).toContain('/app/docker/healthcheck.sh');
    expect(config.StopSignal).toBe('SIGTERM');
    expect(config.Entrypoint).toEqual(['/app/docker/entrypoint.sh']);
    expect(config.Env).toContain('CODEBASE_MCP_DATABASE_URL=/data/pglite');
    const id = await dockerOk(['run', '--rm', '--entrypoint', 'id', IMAGE, '-u']);
    expect(id.stdout.trim()).toBe('1000');
  });

  it('rebuilds after a source-only change without re-running npm ci', async () => {
    const context = await copyBuildContext();
    try {
      await appendToFile(join(context, 'src/cli/index.ts'), `\n// cache probe ${Date.now()}\n`);
      const build = await docker(['build', '--target', 'runtime', '-t', `${IMAGE}-probe`, context], {
        timeoutMs: 900_000,
      });
      expect(build.code, build.stderr.slice(-2000)).toBe(0);
      report('rebuild after a source-only change', `${(build.ms / 1000).toFixed(1)} s`);
      // both npm ci layers (build and deps stages) must come from the cache
      expect(build.stdout).not.toMatch(/added \d+ packages/);
    } finally {
      await docker(['rmi', '-f', `${IMAGE}-probe`]);
      await rm(context, { recursive: true, force: true });
    }
  });

  it('answers initialize and tools/list over stdio with `docker run -i --rm`', async () => {
    const env = await dockerEnv();
    const volume = `codebase-mcp-ctest-stdio-${process.pid}`;
    const transport = new StdioClientTransport({
      command: 'docker',
      // a named volume, as in docs/docker.md (it inherits /data's owner, uid 1000, from the image)
      args: ['run', '-i', '--rm', '--read-only', '--tmpfs', '/tmp', '-v', `${volume}:/data`, IMAGE],
      env: Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined)),
      stderr: 'pipe',
    });
    const client = new Client({ name: 'container-test', version: '0.0.0' });
    const started = Date.now();
    try {
      // the first start creates the PGlite cluster (initdb in WebAssembly): allow for a slow machine
      await client.connect(transport, { timeout: 180_000 });
      report('stdio: docker run to initialize answered', `${((Date.now() - started) / 1000).toFixed(1)} s`);
      expect(client.getServerVersion()?.name).toBeTruthy();
      const { tools } = await client.listTools();
      expect(tools.map((t) => t.name)).toEqual(
        expect.arrayContaining(['index_repository', 'get_indexing_status', 'search_code']),
      );
    } finally {
      await client.close();
      await docker(['volume', 'rm', '-f', volume]);
    }
  });
});

/**
 * The image's HEALTHCHECK. Podman's Docker API leaves it out of `.Config`; podman's own inspect
 * has it (the image is in Docker format, so `docker run` and compose do use it).
 */
async function healthcheckOf(fromDocker: { Test: string[] } | null | undefined): Promise<string[]> {
  if (fromDocker) return fromDocker.Test;
  const podman = await run('podman', ['image', 'inspect', '--format', '{{json .HealthCheck}}', IMAGE], {
    env: await dockerEnv(),
  });
  return podman.code === 0 ? ((JSON.parse(podman.stdout) as { Test?: string[] } | null)?.Test ?? []) : [];
}

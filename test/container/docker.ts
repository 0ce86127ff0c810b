/**
 * Helpers for the container tests: run the Docker CLI (podman behind it on the CI machines, see
 * scripts/containers.sh), drive a compose project, and measure.
 */
import { spawn } from 'node:child_process';
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** The image the tests build from the project's Dockerfile. */
export const IMAGE = 'codebase-mcp:ctest';
/** The base image named in the Dockerfile (a local stand-in on the CI machines). */
export const BASE_IMAGE = 'node:24-bookworm-slim';

/** Outcome of a command; never thrown on a non-zero exit. */
export interface RunResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
}

export interface RunOptions {
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly input?: string;
  readonly timeoutMs?: number;
}

let dockerEnvCache: NodeJS.ProcessEnv | undefined;

/**
 * The environment for the Docker CLI: the caller's, plus the exports of `scripts/containers.sh env`
 * when DOCKER_HOST is not set (so the tests work with or without `eval "$(... env)"`).
 */
export async function dockerEnv(): Promise<NodeJS.ProcessEnv> {
  if (dockerEnvCache) return dockerEnvCache;
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (!env['DOCKER_HOST']) {
    const out = await run('bash', [join(REPO_ROOT, 'scripts/containers.sh'), 'env'], { env });
    for (const m of out.stdout.matchAll(/([A-Z_]+)=(\S+)/g)) env[m[1]!] = m[2]!;
  }
  dockerEnvCache = env;
  return env;
}

export function run(command: string, args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    // Without input the child gets no stdin pipe at all. With one, a child that exits before the
    // write (bash for `containers.sh env` can, on a loaded machine) makes it fail with EPIPE: the
    // exit code is the result then. Unhandled, that error was an uncaught exception in vitest's
    // main process (the global setup), which ended the whole run with code 1 and no message.
    const child = spawn(command, args, {
      cwd: options.cwd ?? REPO_ROOT,
      env: options.env ?? process.env,
      stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 600_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? (signal ? 128 : 1), stdout, stderr, ms: Date.now() - started });
    });
    if (child.stdin) {
      child.stdin.on('error', (error: NodeJS.ErrnoException) => {
        if (error.code !== 'EPIPE') reject(error);
      });
      child.stdin.end(options.input);
    }
  });
}

/** Runs the Docker CLI; `options.env` adds to (not replaces) the Docker environment. */
export async function docker(args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  return run('docker', args, { ...options, env: { ...(await dockerEnv()), ...options.env } });
}

/** Like `docker`, but a non-zero exit throws with the command's output. */
export async function dockerOk(args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  const result = await docker(args, options);
  if (result.code !== 0) {
    throw new Error(`docker ${args.join(' ')} exited ${result.code}\n${result.stdout}\n${result.stderr}`);
  }
  return result;
}

/** A port on 127.0.0.1 that was free a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

export async function imageSizeBytes(image: string): Promise<number> {
  return Number((await dockerOk(['image', 'inspect', '-f', '{{.Size}}', image])).stdout.trim());
}

export const mb = (bytes: number): number => Math.round((bytes / 1e6) * 10) / 10;

/** Prints a measurement so it shows in the CI log next to the test. */
export function report(label: string, value: string): void {
  console.log(`[container-test] ${label}: ${value}`);
}

/**
 * Copies the build context (the paths .dockerignore lets through) to a temp dir, so a test can
 * change a source file without touching the working tree.
 */
export async function copyBuildContext(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'codebase-mcp-ctx-'));
  const paths = [
    'models',
    'model',
    'eval',
    'bench',
    'Dockerfile',
    '.dockerignore',
    'package.json',
    'package-lock.json',
    'tsconfig.json',
    'tsconfig.build.json',
    'vitest.config.ts',
    'bin',
    'src',
    'test',
    'docker',
  ];
  const skip = /[/\\](node_modules|cache|results|datasets)([/\\]|$)/;
  for (const p of paths) {
    await cp(join(REPO_ROOT, p), join(dir, p), { recursive: true, filter: (source) => !skip.test(source) });
  }
  return dir;
}

export async function appendToFile(path: string, text: string): Promise<void> {
  await writeFile(path, (await readFile(path, 'utf8')) + text);
}

/**
 * Runs the CLI's `main` in-process with captured stdout/stderr.
 */
import { PassThrough } from 'node:stream';
import { main } from '../../src/cli/index.js';

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export async function runCli(
  argv: string[],
  options: { env?: Record<string, string>; cwd?: string; signal?: AbortSignal } = {},
): Promise<CliRun> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d: Buffer) => (out += d.toString()));
  stderr.on('data', (d: Buffer) => (err += d.toString()));
  const code = await main(argv, {
    io: {
      stdout,
      stderr,
      env: { CODEBASE_MCP_LOG_LEVEL: 'warn', ...options.env },
      cwd: options.cwd ?? process.cwd(),
    },
    signal: options.signal ?? new AbortController().signal,
  });
  return { code, stdout: out, stderr: err };
}

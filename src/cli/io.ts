/**
 * What a command may touch of the outside world, injected so tests pass their own.
 */
import { realpath } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Config } from '../config/index.js';
import type { Logger } from '../core/index.js';
import type { Embedder } from '../embed/index.js';
import type { Store } from '../store/index.js';

export interface CliIO {
  readonly stdout: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  readonly stderr: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
}

export interface CommandContext {
  readonly io: CliIO;
  readonly config: Config;
  readonly logger: Logger;
  /** Positional arguments after the command name. */
  readonly args: readonly string[];
  readonly flags: Readonly<Record<string, string | boolean | string[] | undefined>>;
  /** Opens the configured store (once) and, unless told otherwise, migrates it. */
  openStore(options?: { migrate?: boolean }): Promise<Store>;
  /** The configured embedding provider (created once), or null for lexical-only search. */
  embedder(): Promise<Embedder | null>;
  /** Aborted on the first SIGINT/SIGTERM. */
  readonly signal: AbortSignal;
}

export type Command = (ctx: CommandContext) => Promise<number>;

/** Exit code of a run stopped by a signal, by shell convention 128 + its number: 130 for SIGINT, 143 for SIGTERM. */
export function interruptedExitCode(signal: AbortSignal): number {
  const name = (signal.reason as { details?: { signal?: unknown } } | undefined)?.details?.signal;
  return name === 'SIGTERM' ? 143 : 130;
}

/**
 * `path` (relative to `cwd`) as indexed repositories are recorded: absolute, with symbolic links
 * resolved when it exists.
 */
export async function realPathOf(cwd: string, path: string): Promise<string> {
  const abs = resolve(cwd, path);
  return realpath(abs).catch(() => abs);
}

export function print(stream: NodeJS.WritableStream, text: string): void {
  stream.write(text.endsWith('\n') ? text : text + '\n');
}

/**
 * The `codebase-mcp` command line. `main` is the whole program; the bin file only calls it.
 */
import { createRequire } from 'node:module';
import { DEFAULT_SHUTDOWN_TIMEOUT_S, loadConfig } from '../config/index.js';
import { CodebaseError, createLogger, describeError, type Logger } from '../core/index.js';
import type { Embedder } from '../embed/index.js';
import type { Store } from '../store/index.js';
import { parseCommandLine, type CommandSpec } from './args.js';
import { indexCommand, indexSpec } from './commands/index-command.js';
import { migrateCommand, migrateSpec } from './commands/migrate-command.js';
import {
  listCommand,
  listSpec,
  removeCommand,
  removeSpec,
  statusCommand,
  statusSpec,
} from './commands/repository-commands.js';
import { searchCommand, searchSpec } from './commands/search-command.js';
import { dbStatusCommand, dbStatusSpec, dbWaitCommand, dbWaitSpec } from './commands/db-command.js';
import { healthCommand, healthSpec } from './commands/health-command.js';
import { serveCommand, serveSpec } from './commands/serve-command.js';
import { interruptedExitCode, print, type CliIO, type Command } from './io.js';

const COMMANDS: readonly (readonly [CommandSpec, Command])[] = [
  [indexSpec, indexCommand],
  [searchSpec, searchCommand],
  [statusSpec, statusCommand],
  [listSpec, listCommand],
  [removeSpec, removeCommand],
  [migrateSpec, migrateCommand],
  [serveSpec, serveCommand],
  [healthSpec, healthCommand],
  [dbStatusSpec, dbStatusCommand],
  [dbWaitSpec, dbWaitCommand],
];

export function version(): string {
  return (createRequire(import.meta.url)('../../package.json') as { version: string }).version;
}

export function helpText(): string {
  const width = Math.max(...COMMANDS.map(([s]) => s.name.length));
  return [
    `codebase-mcp ${version()}: index source code and search it (CLI and MCP server).`,
    '',
    'Commands:',
    ...COMMANDS.map(([s]) => `  ${s.name.padEnd(width)}  ${s.summary}`),
    '',
    'Usage:',
    ...COMMANDS.map(([s]) => `  ${s.usage}`),
    '',
    'Global flags: --project P, --database-url URL, --config FILE, --log-level LEVEL, --help',
    'Settings come from flags, CODEBASE_MCP_* environment variables and an optional JSON config file.',
  ].join('\n');
}

export interface MainOptions {
  readonly io?: CliIO;
  /** Aborted when the process is asked to stop; the CLI wires SIGINT/SIGTERM to it. */
  readonly signal?: AbortSignal;
}

export async function main(argv: readonly string[], options: MainOptions = {}): Promise<number> {
  const io: CliIO = options.io ?? {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    cwd: process.cwd(),
  };
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    print(argv.length === 0 ? io.stderr : io.stdout, helpText());
    return argv.length === 0 ? 2 : 0;
  }
  if (argv[0] === '--version' || argv[0] === '-v') {
    print(io.stdout, version());
    return 0;
  }

  let store: Store | undefined;
  let embedder: Promise<Embedder | null> | undefined;
  let logger: Logger | undefined;
  const controller = new AbortController();
  // The shutdown budget until the configuration is read: its default.
  let shutdownMs = DEFAULT_SHUTDOWN_TIMEOUT_S * 1000;
  let stopping = 'stopping';
  const detach = options.signal
    ? undefined
    : attachSignals(controller, io, () => ({ ms: shutdownMs, what: stopping }));
  options.signal?.addEventListener('abort', () => controller.abort(options.signal?.reason), { once: true });
  try {
    const parsed = parseCommandLine(
      argv,
      COMMANDS.map(([s]) => s),
    );
    stopping = parsed.command.onSignal ?? stopping;
    if (parsed.flags['help']) {
      const { summary, usage, details = [] } = parsed.command;
      print(io.stdout, [summary, `Usage: ${usage}`, ...details].join('\n'));
      return 0;
    }
    const config = loadConfig({
      env: io.env,
      flags: parsed.flags,
      cwd: io.cwd,
      ...(typeof parsed.flags['config'] === 'string' ? { configFile: parsed.flags['config'] } : {}),
    });
    shutdownMs = config.shutdownTimeoutMs;
    logger = createLogger({
      level: config.logLevel,
      format: config.logFormat ?? (io.stderr.isTTY ? 'pretty' : 'json'),
      write: (l) => io.stderr.write(l + '\n'),
    });
    const run = COMMANDS.find(([s]) => s === parsed.command)![1];
    return await run({
      io,
      config,
      logger,
      args: parsed.args,
      flags: parsed.flags,
      signal: controller.signal,
      embedder: () =>
        (embedder ??= import('../embed/index.js').then(({ createEmbedder, withQueryCache }) => {
          const e = createEmbedder(config.embedding, { logger: logger! });
          return e ? withQueryCache(e, 256) : null;
        })),
      openStore: async ({ migrate = true } = {}) => {
        if (!store) {
          const { openStore } = await import('../store/index.js');
          store = await openStore({
            url: config.databaseUrl,
            logger: logger!,
            migrate,
            poolSize: config.postgres.poolSize,
            connectTimeoutMs: config.postgres.connectTimeoutMs,
            statementTimeoutMs: config.postgres.statementTimeoutMs,
            hnsw: config.hnsw,
          });
          // PGlite is opened by one process at a time: a job still `running` was cut off (kill, crash).
          if (migrate && store.kind === 'pglite') await store.markInterruptedJobs();
        } else if (migrate) await store.migrate();
        return store;
      },
    });
  } catch (error) {
    print(io.stderr, `error: ${describeError(error)}`);
    if (!(error instanceof CodebaseError))
      logger?.debug('unexpected error', { stack: (error as Error)?.stack });
    if (error instanceof CodebaseError && error.code === 'CANCELLED' && controller.signal.aborted)
      return interruptedExitCode(controller.signal);
    return isUsageError(error) ? 2 : 1;
  } finally {
    detach?.();
    await store?.close().catch(() => {});
  }
}

/** A mistake on the command line (exit code 2): a bad argument, glob or flag value. */
function isUsageError(error: unknown): boolean {
  if (!(error instanceof CodebaseError)) return false;
  if (error.code === 'INVALID_ARGUMENT' || error.code === 'INVALID_GLOB') return true;
  return error.code === 'CONFIG_INVALID' && String(error.details['origin']).startsWith('flag ');
}

/**
 * First SIGINT/SIGTERM: abort at the next file boundary (commands then exit 130 or 143, `serve` 0
 * after its graceful shutdown). Second, or no exit within the shutdown budget (`shutdownTimeout`,
 * plus a second for `serve`'s own deadline to act first): exit at once, as a supervisor that sends
 * one SIGTERM expects.
 */
function attachSignals(
  controller: AbortController,
  io: CliIO,
  shutdown: () => { ms: number; what: string },
): () => void {
  const exitNow = (why: string) => {
    print(io.stderr, `\n${why}: exiting now.`);
    process.exit(interruptedExitCode(controller.signal));
  };
  const onSignal = (signal: NodeJS.Signals) => {
    if (controller.signal.aborted) exitNow(`${signal} again`);
    const { ms: budget, what } = shutdown();
    print(io.stderr, `\n${signal}: ${what} (press Ctrl-C again to exit at once).`);
    controller.abort(new CodebaseError('CANCELLED', `Interrupted by ${signal}.`, { details: { signal } }));
    setTimeout(() => exitNow(`not stopped ${budget / 1000} s after ${signal}`), budget + 1000).unref();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return () => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };
}

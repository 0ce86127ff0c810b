import { createRequire } from 'node:module';
import type { Writable } from 'node:stream';
import { CodebaseError } from '../../core/index.js';
import { fusionFromSettings } from '../../search/index.js';
import type { CommandSpec } from '../args.js';
import type { Command } from '../io.js';

export const serveSpec: CommandSpec = {
  name: 'serve',
  usage: 'codebase-mcp serve [--http [--host 127.0.0.1] [--port 7420]] [--project P]',
  summary: 'Run the MCP server: stdio by default, Streamable HTTP on /mcp with --http.',
  onSignal: 'shutting down',
  options: { http: { type: 'boolean' }, host: { type: 'string' }, port: { type: 'string' } },
  positionals: [0, 0],
};

/**
 * Serves until the client disconnects (stdio) or SIGINT/SIGTERM arrives; then stops taking
 * requests, lets running jobs reach a file boundary, closes the database and returns 0, all within
 * CODEBASE_MCP_SHUTDOWN_TIMEOUT.
 */
export const serveCommand: Command = async (ctx) => {
  const http = Boolean(ctx.flags['http']);
  const httpOnly = ['host', 'port'].filter((f) => ctx.flags[f] !== undefined);
  if (!http && httpOnly.length > 0) {
    throw new CodebaseError(
      'INVALID_ARGUMENT',
      `${httpOnly.map((f) => `--${f}`).join(' and ')} ${httpOnly.length > 1 ? 'apply' : 'applies'} only with --http.`,
      { hint: 'Add --http to serve over HTTP, or leave them out to serve on stdio.' },
    );
  }
  const { McpRuntime, serveHttp, serveStdio, armExitDeadline, assertSafeBinding } =
    await import('../../mcp/index.js');
  const { isWorthRetrying } = await import('../../store/index.js');
  const { config, logger } = ctx;
  if (http) assertSafeBinding(config.http.host, config.http.authToken);
  const roots = config.roots ?? [ctx.io.cwd];
  const runtime = new McpRuntime({
    openStore: () => ctx.openStore(),
    project: config.project,
    roots,
    trustClientRoots: !http,
    version: packageVersion(),
    maxConcurrentJobs: config.indexing.maxConcurrentJobs,
    maxFileBytes: config.maxFileBytes,
    workers: config.indexing.workers,
    embedder: await ctx.embedder(),
    fusion: fusionFromSettings(config.search, config.embedding.provider),
    expansion: config.search.expansion,
    logger,
  });

  let stopTransport: { stopAccepting(): void; close(): Promise<void> };
  let clientGone: Promise<void> = new Promise(() => undefined);
  let connectFailed: Promise<unknown> = new Promise(() => undefined);
  if (http) {
    const handle = await serveHttp({
      host: config.http.host,
      port: config.http.port,
      authToken: config.http.authToken,
      allowedOrigins: config.http.allowedOrigins,
      allowedHosts: config.http.allowedHosts,
      createSession: () => runtime.createSession(),
      readiness: () => runtime.readiness(),
      logger,
    });
    logger.info('MCP server listening', {
      url: handle.url,
      auth: Boolean(config.http.authToken),
      roots,
      project: config.project,
    });
    connectFailed = runtime
      .connectInBackground(
        ctx.signal,
        // A PGlite directory that cannot be created or opened ends the server instead of a 503 for ever.
        (error) => isWorthRetrying(config.databaseUrl, error),
      )
      .then(
        () => new Promise<never>(() => undefined),
        (error: unknown) => error,
      );
    stopTransport = handle;
  } else {
    await runtime.connect();
    const stdio = await serveStdio(runtime.createSession()!, undefined, ctx.io.stdout as unknown as Writable);
    logger.info('MCP server ready on stdio', { roots, project: config.project });
    clientGone = stdio.closed.then(() => logger.info('client closed stdin'));
    stopTransport = { stopAccepting: () => undefined, close: () => stdio.close() };
  }

  let failure: unknown;
  await Promise.race([
    clientGone,
    new Promise((resolve) => ctx.signal.addEventListener('abort', resolve, { once: true })),
    connectFailed.then((error) => (failure = error)),
  ]);
  const started = Date.now();
  const timeout = config.shutdownTimeoutMs;
  const reason = failure
    ? 'the database cannot be opened'
    : ctx.signal.aborted
      ? String((ctx.signal.reason as Error | undefined)?.message ?? 'signal')
      : 'client disconnected';
  logger.info('shutting down', { reason, timeoutMs: timeout });
  const deadline = armExitDeadline(timeout, logger);
  stopTransport.stopAccepting();
  // Leave a fifth of the budget (at most 2 s) for closing sessions and the database.
  const stopped = await runtime.stopJobs(timeout - Math.min(2000, timeout / 5));
  await stopTransport.close().catch(() => undefined);
  await runtime.close();
  deadline.done();
  logger.info('shutdown complete', { ms: Date.now() - started, jobsStoppedCleanly: stopped });
  if (failure) throw failure;
  return 0;
};

function packageVersion(): string {
  return (createRequire(import.meta.url)('../../../package.json') as { version: string }).version;
}

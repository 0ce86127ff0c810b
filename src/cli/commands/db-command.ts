import { CodebaseError, describeError } from '../../core/index.js';
import type { CommandSpec } from '../args.js';
import { print, type Command } from '../io.js';

export const dbStatusSpec: CommandSpec = {
  name: 'db status',
  usage: 'codebase-mcp db status [--database-url URL] [--json]',
  summary: 'Check that the database answers and its schema is current (exit 1 otherwise); changes nothing.',
  options: { json: { type: 'boolean' } },
  positionals: [0, 0],
};

export const dbStatusCommand: Command = async (ctx) => {
  const url = redact(ctx.config.databaseUrl);
  const started = Date.now();
  let report: {
    database: string;
    reachable: boolean;
    backend?: string;
    schema?: number;
    latest?: number;
    ms?: number;
    error?: string;
  };
  try {
    const store = await ctx.openStore({ migrate: false });
    await store.ping();
    const { current, latest } = await store.migrationStatus();
    report = {
      database: url,
      reachable: true,
      backend: store.kind,
      schema: current,
      latest,
      ms: Date.now() - started,
    };
  } catch (error) {
    report = { database: url, reachable: false, error: describeError(error) };
  }
  const ok = report.reachable && report.schema === report.latest;
  if (ctx.flags['json']) {
    print(ctx.io.stdout, JSON.stringify({ ok, ...report }, null, 2));
  } else if (!report.reachable) {
    print(ctx.io.stderr, `${url}: unreachable: ${report.error}`);
  } else {
    const schema = ok
      ? `schema current (version ${report.schema})`
      : `schema at version ${report.schema}, latest is ${report.latest}: run codebase-mcp migrate`;
    print(
      ok ? ctx.io.stdout : ctx.io.stderr,
      `${url}: ${report.backend} reachable in ${report.ms} ms, ${schema}`,
    );
  }
  return ok ? 0 : 1;
};

/** Hides the password of a postgres:// URL. */
function redact(url: string): string {
  return url.replace(/^(postgres(?:ql)?:\/\/[^:/@]+:)[^@]*@/i, '$1***@');
}

export const dbWaitSpec: CommandSpec = {
  name: 'db wait',
  usage: 'codebase-mcp db wait [--timeout SECONDS] [--database-url URL]',
  summary: 'Wait until the database answers, retrying with bounded exponential backoff (for entrypoints).',
  options: { timeout: { type: 'string' } },
  positionals: [0, 0],
};

/** First retry after 250 ms, doubling up to 5 s between attempts, with ±20 % jitter. */
export function backoffDelays(timeoutMs: number, random: () => number = Math.random): number[] {
  const delays: number[] = [];
  let total = 0;
  for (let d = 250; total < timeoutMs; d = Math.min(d * 2, 5000)) {
    const jittered = Math.round(d * (0.8 + 0.4 * random()));
    delays.push(Math.min(jittered, timeoutMs - total));
    total += jittered;
  }
  return delays;
}

export const dbWaitCommand: Command = async (ctx) => {
  const raw = (ctx.flags['timeout'] as string | undefined) ?? '60';
  const seconds = Number(raw);
  if (!Number.isFinite(seconds) || seconds <= 0 || seconds > 3600) {
    throw new CodebaseError(
      'INVALID_ARGUMENT',
      `--timeout must be a number of seconds from 1 to 3600, got ${JSON.stringify(raw)}.`,
    );
  }
  const url = redact(ctx.config.databaseUrl);
  const deadline = Date.now() + seconds * 1000;
  const delays = backoffDelays(seconds * 1000);
  const { openStore, isWorthRetrying } = await import('../../store/index.js');
  let attempt = 0;
  let lastError = '';
  for (;;) {
    attempt++;
    try {
      const store = await openStore({
        url: ctx.config.databaseUrl,
        migrate: false,
        connectTimeoutMs: Math.min(
          ctx.config.postgres.connectTimeoutMs,
          Math.max(500, deadline - Date.now()),
        ),
      });
      try {
        await store.ping();
      } finally {
        await store.close().catch(() => {});
      }
      ctx.logger.info('database reachable', { database: url, attempt });
      return 0;
    } catch (error) {
      lastError = describeError(error);
      if (!isWorthRetrying(ctx.config.databaseUrl, error)) {
        print(ctx.io.stderr, `error: database ${url} cannot be opened: ${lastError}`);
        return 1;
      }
    }
    const delay = delays[attempt - 1];
    if (delay === undefined || Date.now() + delay >= deadline || ctx.signal.aborted) break;
    ctx.logger.info('database not reachable yet; retrying', {
      database: url,
      attempt,
      retryInMs: delay,
      error: lastError,
    });
    await new Promise((r) => setTimeout(r, delay));
  }
  print(
    ctx.io.stderr,
    `error: database ${url} not reachable after ${seconds}s (${attempt} attempts): ${lastError}`,
  );
  return 1;
};

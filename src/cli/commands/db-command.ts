import { describeError } from '../../core/index.js';
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

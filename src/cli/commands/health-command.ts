import { CodebaseError } from '../../core/index.js';
import type { CommandSpec } from '../args.js';
import { print, type Command } from '../io.js';

export const healthSpec: CommandSpec = {
  name: 'health',
  usage: 'codebase-mcp health [--ready] [--url http://127.0.0.1:7420] [--timeout SECONDS]',
  summary:
    'Probe a running HTTP server (/healthz, or /readyz with --ready); exit 0 when healthy. For container health checks.',
  options: { ready: { type: 'boolean' }, url: { type: 'string' }, timeout: { type: 'string' } },
  positionals: [0, 0],
};

export const healthCommand: Command = async (ctx) => {
  const host =
    ctx.config.http.host === '0.0.0.0' || ctx.config.http.host === '::' ? '127.0.0.1' : ctx.config.http.host;
  const base =
    (ctx.flags['url'] as string | undefined) ??
    `http://${host.includes(':') ? `[${host}]` : host}:${ctx.config.http.port}`;
  const seconds = Number((ctx.flags['timeout'] as string | undefined) ?? 3);
  if (!(seconds > 0 && seconds <= 600))
    throw new CodebaseError('INVALID_ARGUMENT', '--timeout must be a number of seconds between 0 and 600.');
  let url: URL;
  try {
    url = new URL(ctx.flags['ready'] ? '/readyz' : '/healthz', base);
  } catch {
    throw new CodebaseError('INVALID_ARGUMENT', `--url ${JSON.stringify(base)} is not a URL.`, {
      hint: 'Example: --url http://127.0.0.1:7420',
    });
  }
  try {
    const response = await fetch(url, {
      signal: AbortSignal.any([AbortSignal.timeout(seconds * 1000), ctx.signal]),
    });
    const body = (await response.text()).trim();
    print(response.ok ? ctx.io.stdout : ctx.io.stderr, `${url.href}: ${response.status} ${body}`);
    return response.ok ? 0 : 1;
  } catch (error) {
    print(ctx.io.stderr, `${url.href}: unreachable (${(error as Error).message})`);
    return 1;
  }
};

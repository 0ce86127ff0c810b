import { LANGUAGES, CodebaseError, type Language } from '../../core/index.js';
import { fusionFromSettings, globToRegex, searchCode } from '../../search/index.js';
import type { CommandSpec } from '../args.js';
import { print, realPathOf, type Command } from '../io.js';

export const searchSpec: CommandSpec = {
  name: 'search',
  usage:
    'codebase-mcp search "<query>" [--limit N] [--path GLOB] [--lang L] [--repository PATH] [--project P] [--json]',
  summary: 'Search indexed code.',
  options: {
    limit: { type: 'string', short: 'n' },
    path: { type: 'string' },
    lang: { type: 'string', multiple: true },
    repository: { type: 'string' },
    json: { type: 'boolean' },
  },
  positionals: [1, 1],
};

export const searchCommand: Command = async (ctx) => {
  const limitText = ctx.flags['limit'] as string | undefined;
  const limit = limitText === undefined ? 10 : Number(limitText);
  if (!Number.isInteger(limit) || limit < 1 || limit > 50) {
    throw new CodebaseError(
      'INVALID_ARGUMENT',
      `--limit must be a whole number from 1 to 50, got ${JSON.stringify(limitText)}.`,
    );
  }
  const langs = ((ctx.flags['lang'] as string[] | undefined) ?? [])
    .flatMap((l) => l.split(','))
    .map((l) => l.trim().toLowerCase());
  for (const l of langs) {
    if (!(LANGUAGES as readonly string[]).includes(l)) {
      throw new CodebaseError('INVALID_ARGUMENT', `Unknown language "${l}".`, {
        hint: `Known: ${LANGUAGES.join(', ')}.`,
      });
    }
  }
  // A bad glob is a usage error, whether or not anything is indexed yet.
  if (ctx.flags['path']) globToRegex(ctx.flags['path'] as string);
  const store = await ctx.openStore();
  const response = await searchCode(store, {
    query: ctx.args[0]!,
    project: ctx.config.project,
    limit,
    ...(ctx.flags['path'] ? { pathGlob: ctx.flags['path'] as string } : {}),
    ...(ctx.flags['repository']
      ? { repository: await repositoryFilter(ctx.io.cwd, ctx.flags['repository'] as string) }
      : {}),
    ...(langs.length ? { languages: langs as Language[] } : {}),
    embedder: await ctx.embedder(),
    fusion: fusionFromSettings(ctx.config.search, ctx.config.embedding.provider),
    expansion: ctx.config.search.expansion,
  });
  if (ctx.flags['json']) {
    const rows = response.results.map(
      ({ repository, path, startLine, endLine, symbol, kind, language, score, content }) => ({
        repository,
        path,
        startLine,
        endLine,
        symbol,
        kind,
        language,
        score,
        content,
      }),
    );
    print(ctx.io.stdout, JSON.stringify(rows, null, 2));
    return 0;
  }
  if (response.notice) print(ctx.io.stderr, response.notice);
  if (response.results.length === 0) {
    print(ctx.io.stdout, 'No results.');
    return 0;
  }
  const multiRepo = response.repositories.length > 1;
  const out: string[] = [];
  response.results.forEach((r, i) => {
    const where = `${multiRepo ? r.repository + '/' : ''}${r.path}:${r.startLine}-${r.endLine}`;
    out.push(
      `${i + 1}. ${where}  ${r.symbol ?? `(${r.kind})`}  [${r.kind}, ${r.language}, score ${r.score.toFixed(2)}]`,
    );
    out.push(snippet(r.content, r.startLine));
    out.push('');
  });
  print(ctx.io.stdout, out.join('\n').trimEnd());
  return 0;
};

/**
 * `--repository` as the search filter takes it: a root path or its last folders (`pino`,
 * `work/pino`), or a path relative to the working directory (`.`, `../pino`), resolved like `index .`.
 */
async function repositoryFilter(cwd: string, value: string): Promise<string> {
  return /^\.\.?(\/|$)/.test(value) ? realPathOf(cwd, value) : value;
}

function snippet(content: string, startLine: number, maxLines = 8): string {
  const lines = content.split('\n');
  const width = String(startLine + Math.min(lines.length, maxLines)).length;
  const shown = lines
    .slice(0, maxLines)
    .map(
      (l, i) =>
        `   ${String(startLine + i).padStart(width)} | ${l.length > 160 ? l.slice(0, 157) + '...' : l}`,
    );
  if (lines.length > maxLines)
    shown.push(`   ${' '.repeat(width)} | ... (${lines.length - maxLines} more lines)`);
  return shown.join('\n');
}

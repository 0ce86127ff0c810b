import { resolve } from 'node:path';
import type { SkipReason } from '../../core/index.js';
import { indexRepository, planIndex } from '../../indexer/index.js';
import { fusionFromSettings, needsVectorIndex } from '../../search/index.js';
import type { CommandSpec } from '../args.js';
import { count, formatBytes } from '../format.js';
import { interruptedExitCode, print, type Command } from '../io.js';
import { createProgressReporter, formatDuration } from '../progress.js';

export const indexSpec: CommandSpec = {
  name: 'index',
  usage:
    'codebase-mcp index [path] [--project P] [--force] [--dry-run] [--include GLOB]... [--max-file-bytes N] [--workers N] [--json]',
  summary: 'Index a repository (incrementally; --force rebuilds).',
  onSignal: 'finishing the current files and stopping',
  details: [
    '  --include GLOB     Index only the files matching one of these globs (repeatable), relative to the',
    '                     repository root: "src/", "packages/*", "**/*.py"; a glob without "/" matches',
    '                     file names at any depth. Indexed files that no longer match are removed from',
    '                     the index on this run. A glob naming a folder the default excludes leave out',
    '                     ("build/**") brings it back; .gitignore and .codebase-mcpignore still apply.',
    '  --force            Re-process every file, not only changed ones.',
    '  --dry-run          List files per language and what is excluded and why; write nothing.',
    '  --max-file-bytes N Skip files larger than N bytes (default 1 MiB).',
    '  --workers N        Chunking worker threads (0: inline).',
    '  --json             Print the result as JSON.',
  ],
  options: {
    force: { type: 'boolean' },
    'dry-run': { type: 'boolean' },
    include: { type: 'string', multiple: true },
    'max-file-bytes': { type: 'string' },
    workers: { type: 'string' },
    json: { type: 'boolean' },
  },
  positionals: [0, 1],
};

export const indexCommand: Command = async (ctx) => {
  const root = resolve(ctx.io.cwd, ctx.args[0] ?? '.');
  const include = ctx.flags['include'] as string[] | undefined;
  const json = Boolean(ctx.flags['json']);

  if (ctx.flags['dry-run']) {
    const plan = await planIndex(root, {
      maxFileBytes: ctx.config.maxFileBytes,
      ...(include ? { include } : {}),
    });
    if (json) {
      print(ctx.io.stdout, JSON.stringify({ ...plan, skipped: undefined }, null, 2));
      return 0;
    }
    const out: string[] = [
      `Dry run for ${plan.root} (nothing written)`,
      `Would index ${count(plan.files, 'file')} (${formatBytes(plan.bytes)}):`,
    ];
    for (const [lang, n] of Object.entries(plan.byLanguage).sort((a, b) => b[1] - a[1]))
      out.push(`  ${lang.padEnd(12)} ${n}`);
    const excluded = Object.entries(plan.excluded) as [SkipReason, number][];
    out.push(excluded.length ? 'Excluded:' : 'Excluded: none');
    for (const [reason, n] of excluded.sort((a, b) => b[1] - a[1])) {
      const examples = plan.skipped
        .filter((s) => s.reason === reason)
        .slice(0, 3)
        .map((s) => s.path);
      out.push(`  ${reason.padEnd(22)} ${String(n).padStart(6)}   e.g. ${examples.join(', ')}`);
    }
    print(ctx.io.stdout, out.join('\n'));
    return 0;
  }

  const store = await ctx.openStore();
  const reporter = createProgressReporter(ctx.io.stderr);
  const result = await indexRepository(store, {
    root,
    project: ctx.config.project,
    force: Boolean(ctx.flags['force']),
    maxFileBytes: ctx.config.maxFileBytes,
    ...(include ? { include } : {}),
    ...(ctx.config.indexing.workers !== undefined ? { workers: ctx.config.indexing.workers } : {}),
    signal: ctx.signal,
    embedder: await ctx.embedder(),
    vectorIndex: needsVectorIndex(fusionFromSettings(ctx.config.search, ctx.config.embedding.provider)),
    onProgress: (p) => reporter.update(p),
    logger: ctx.logger,
  });
  reporter.done();
  if (json) {
    print(ctx.io.stdout, JSON.stringify({ ...result, repository: result.repository.rootPath }, null, 2));
  } else {
    const lines = [
      `${result.status === 'cancelled' ? 'Cancelled' : 'Indexed'} ${result.repository.rootPath} (project ${ctx.config.project}) in ${formatDuration(result.elapsedMs)}:`,
      `  ${count(result.indexed, 'file')} indexed, ${result.unchanged} unchanged, ${result.deleted} removed; ${count(result.repository.fileCount, 'file')} and ${count(result.repository.chunkCount, 'chunk')} in the index.`,
    ];
    if (result.skipped.length > 0) {
      const byReason = new Map<string, number>();
      for (const s of result.skipped) byReason.set(s.reason, (byReason.get(s.reason) ?? 0) + 1);
      lines.push(
        `  Skipped ${result.skipped.length}: ${[...byReason].map(([r, n]) => `${n} ${r}`).join(', ')}.`,
      );
    }
    if (result.embeddings) {
      const e = result.embeddings;
      lines.push(
        `  Embeddings: ${count(e.embedded, 'chunk')} embedded${e.missing > 0 ? `, ${e.missing} still without a vector` : ''}.`,
      );
      if (e.error) lines.push(`  WARNING ${e.error}`);
    }
    if (result.warning) lines.push(`  WARNING ${result.warning}`);
    for (const f of result.failed.slice(0, 20)) lines.push(`  FAILED ${f.path}: ${f.reason}`);
    if (result.failed.length > 20)
      lines.push(`  ... and ${count(result.failed.length - 20, 'more failure')}.`);
    if (result.status === 'cancelled')
      lines.push(
        '  The run was interrupted; what was written is consistent. Run the same command again to finish.',
      );
    print(ctx.io.stdout, lines.join('\n'));
  }
  if (result.status === 'cancelled' && ctx.signal.aborted) return interruptedExitCode(ctx.signal);
  return result.status === 'completed' ? 0 : 1;
};

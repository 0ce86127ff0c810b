import { jobWarning } from '../../indexer/index.js';
import { resolveRepositories } from '../../search/index.js';
import type { RepositorySummary, Store } from '../../store/index.js';
import type { CommandSpec } from '../args.js';
import { count } from '../format.js';
import { print, realPathOf, type Command, type CommandContext } from '../io.js';
import { formatDuration } from '../progress.js';

export const listSpec: CommandSpec = {
  name: 'list',
  usage: 'codebase-mcp list [--project P] [--json]',
  summary: 'List indexed repositories (all projects unless --project is given).',
  options: { json: { type: 'boolean' } },
  positionals: [0, 0],
};

export const statusSpec: CommandSpec = {
  name: 'status',
  usage: 'codebase-mcp status [path] [--project P] [--json]',
  summary: 'Show the index and the last indexing job of a repository.',
  options: { json: { type: 'boolean' } },
  positionals: [0, 1],
};

export const removeSpec: CommandSpec = {
  name: 'remove',
  usage: 'codebase-mcp remove <path> [--project P]',
  summary: 'Remove a repository and everything indexed for it.',
  options: {},
  positionals: [1, 1],
};

export const listCommand: Command = async (ctx) => {
  const store = await ctx.openStore();
  let projectId: number | undefined;
  if (ctx.flags['project'] !== undefined) {
    const project = await store.getProject(ctx.config.project);
    if (!project) {
      print(ctx.io.stdout, ctx.flags['json'] ? '[]' : `No repositories in project "${ctx.config.project}".`);
      return 0;
    }
    projectId = project.id;
  }
  const repos = await store.listRepositories(projectId);
  if (ctx.flags['json']) {
    print(ctx.io.stdout, JSON.stringify(repos, null, 2));
    return 0;
  }
  if (repos.length === 0) {
    print(ctx.io.stdout, 'No repositories indexed yet. Run: codebase-mcp index <path>');
    return 0;
  }
  print(ctx.io.stdout, repos.map(describeRepository).join('\n'));
  return 0;
};

export const statusCommand: Command = async (ctx) => {
  const store = await ctx.openStore();
  const repo = await findRepository(ctx, store, ctx.args[0] ?? '.');
  const job = await store.latestJob(repo.id);
  if (ctx.flags['json']) {
    print(ctx.io.stdout, JSON.stringify({ repository: repo, lastJob: job }, null, 2));
    return 0;
  }
  const lines = [describeRepository(repo)];
  if (job) {
    const took =
      job.startedAt && job.finishedAt
        ? ` in ${formatDuration(job.finishedAt.getTime() - job.startedAt.getTime())}`
        : '';
    lines.push(
      `  last job ${job.id}: ${job.status}${took}, ${job.filesDone}/${count(job.filesTotal, 'file')}, ${count(job.chunks, 'chunk')} written`,
    );
    if (job.skipped.length) {
      const byReason = new Map<string, number>();
      for (const s of job.skipped) byReason.set(s.reason, (byReason.get(s.reason) ?? 0) + 1);
      lines.push(`  skipped: ${[...byReason].map(([r, n]) => `${n} ${r}`).join(', ')}`);
    }
    for (const f of job.failed.slice(0, 10)) lines.push(`  failed: ${f.path}: ${f.reason}`);
    if (job.error) lines.push(`  error: ${job.error}`);
    const warning = jobWarning(job);
    if (warning !== null) lines.push(`  warning: ${warning}`);
  }
  print(ctx.io.stdout, lines.join('\n'));
  return 0;
};

export const removeCommand: Command = async (ctx) => {
  const store = await ctx.openStore();
  const repo = await findRepository(ctx, store, ctx.args[0]!);
  await store.removeRepository(repo.id);
  print(
    ctx.io.stdout,
    `Removed ${repo.rootPath} from project "${ctx.config.project}" (${count(repo.fileCount, 'file')}, ${count(repo.chunkCount, 'chunk')}).`,
  );
  return 0;
};

/** The indexed repository at `path` (resolved like the search filter, preferring the exact root). */
async function findRepository(ctx: CommandContext, store: Store, path: string): Promise<RepositorySummary> {
  const real = await realPathOf(ctx.io.cwd, path);
  const matches = (await resolveRepositories(store, ctx.config.project, real)) as RepositorySummary[];
  return matches.find((r) => r.rootPath === real) ?? matches[0]!;
}

function describeRepository(r: RepositorySummary): string {
  const when = r.lastIndexedAt ? r.lastIndexedAt.toISOString() : 'never completed';
  const model = r.embeddingModel ? `, embeddings ${r.embeddingModel}` : '';
  return `${r.rootPath}  [project ${r.projectName}]  ${count(r.fileCount, 'file')}, ${count(r.chunkCount, 'chunk')}, last indexed ${when}${r.lastJobStatus ? `, last job ${r.lastJobStatus}` : ''}${model}`;
}

import { z } from 'zod';
import type { IndexProgress } from '../../indexer/index.js';
import { jobAnswer, nextStep } from './job-answer.js';
import { projectField } from './fields.js';
import { projectOf } from './repository-ref.js';
import { defineTool, type ToolCall, type ToolContext } from './tool.js';

const input = z.strictObject({
  path: z.string().min(1).max(4096).describe('Absolute path of the repository directory'),
  project: projectField,
  force: z.boolean().optional().describe('Re-index every file, not only changed ones'),
});

export const indexRepositoryTool = defineTool({
  name: 'index_repository',
  title: 'Index a repository',
  description:
    'Index (or incrementally update) a repository directory in the background. Returns a job_id at once; ' +
    'poll get_indexing_status. A job already running for the repository is returned instead of a new one.',
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  input,
  async handler(args: z.output<typeof input>, ctx: ToolContext, call: ToolCall) {
    const root = await ctx.roots.resolveDirectory(args.path);
    const project = projectOf(ctx, args);
    const { job, created } = await ctx.jobs.submit({ root, project, force: args.force ?? false });
    let final = job;
    if (call.reportProgress) final = (await followJob(ctx, call, job.id)) ?? job;
    return {
      ...jobAnswer(final, { repository: root, live: ctx.jobs.live(final.id), now: ctx.now() }),
      project,
      ...(created ? {} : { already_running: true }),
      next: nextStep(final),
    };
  },
});

/**
 * The client asked for progress: keep the request open and report files as they are processed,
 * until the job ends or the client cancels the request (the job itself goes on regardless).
 */
async function followJob(ctx: ToolContext, call: ToolCall, jobId: string) {
  const report = call.reportProgress!;
  // The spec wants `progress` to increase with every notification; send only when it does.
  let sent = 0;
  let lastAt = 0;
  let sending: Promise<void> = Promise.resolve();
  const send = (progress: number, total: number, message: string) => {
    if (progress <= sent) return;
    sent = progress;
    lastAt = ctx.now();
    sending = sending.then(() => report(progress, total || undefined, message)).catch(() => undefined);
  };
  const onProgress = (p: IndexProgress) => {
    if (ctx.now() - lastAt < 200 && p.filesDone < p.filesTotal) return;
    send(p.filesDone, p.filesTotal, `${p.phase}: ${p.filesDone}/${p.filesTotal} files, ${p.chunks} chunks`);
  };
  const unsubscribe = ctx.jobs.onProgress(jobId, onProgress);
  try {
    await report(0, undefined, 'queued');
    const job = await ctx.jobs.waitFor(jobId, call.signal);
    if (job) send(job.filesDone, job.filesTotal, `${job.status}: ${job.filesDone}/${job.filesTotal} files`);
    await sending;
    return job;
  } finally {
    unsubscribe();
  }
}

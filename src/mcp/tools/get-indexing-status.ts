import { z } from 'zod';
import { CodebaseError } from '../../core/index.js';
import type { JobRecord } from '../../store/index.js';
import { jobIdField, projectField, repositoryField } from './fields.js';
import { jobAnswer, nextStep } from './job-answer.js';
import { findRepository, projectOf } from './repository-ref.js';
import { defineTool, type ToolContext } from './tool.js';

const input = z
  .strictObject({
    job_id: jobIdField.optional(),
    repository: repositoryField.optional().describe('Instead of job_id: the latest job of this repository'),
    project: projectField,
  })
  .refine((a) => a.job_id !== undefined || a.repository !== undefined, {
    message: 'pass job_id or repository',
  });

export const getIndexingStatusTool = defineTool({
  name: 'get_indexing_status',
  title: 'Indexing job status',
  description:
    'Progress of an indexing job (by job_id, or the latest job of a repository): status, phase, files done/total, chunks, skipped and failed files, elapsed and ETA.',
  annotations: { readOnlyHint: true, openWorldHint: false },
  input,
  async handler(args: z.output<typeof input>, ctx: ToolContext) {
    let job: JobRecord | null;
    let root: string | undefined;
    const live = args.job_id !== undefined ? ctx.jobs.live(args.job_id) : undefined;
    if (live?.root !== undefined) {
      // Running here: answer from memory, so status stays instant while the indexer keeps the
      // database busy (PGlite runs one query at a time).
      const job = { ...live.job, cancelRequested: live.cancelling };
      return {
        ...jobAnswer(job, { repository: live.root, live, now: ctx.now(), details: true }),
        next: nextStep(job),
      };
    }
    if (args.job_id !== undefined) {
      job = await ctx.store.getJob(args.job_id);
      if (!job) {
        throw new CodebaseError('JOB_NOT_FOUND', `There is no indexing job ${args.job_id}.`, {
          hint: 'Use the job_id returned by index_repository, or ask by repository instead.',
        });
      }
      root = (await ctx.store.getRepository(job.repositoryId))?.rootPath;
    } else {
      const repo = await findRepository(ctx, projectOf(ctx, args), args.repository!);
      root = repo.rootPath;
      job = await ctx.store.latestJob(repo.id);
      if (!job) {
        throw new CodebaseError('NOT_INDEXED', `${repo.rootPath} has no indexing job yet.`, {
          hint: 'Call index_repository with its path.',
        });
      }
    }
    return {
      ...jobAnswer(job, {
        repository: root ?? '(removed)',
        live: ctx.jobs.live(job.id),
        now: ctx.now(),
        details: true,
      }),
      next: nextStep(job),
    };
  },
});

import { z } from 'zod';
import { CodebaseError } from '../../core/index.js';
import { isTerminal } from '../jobs/job-manager.js';
import { jobIdField } from './fields.js';
import { jobAnswer, nextStep } from './job-answer.js';
import { defineTool, type ToolContext } from './tool.js';

const input = z.strictObject({ job_id: jobIdField });

/** How long the answer waits for a job of this process to reach its file boundary. */
const SETTLE_MS = 3000;

export const cancelIndexingTool = defineTool({
  name: 'cancel_indexing',
  title: 'Cancel an indexing job',
  description:
    'Stop an indexing job at the next file boundary. Files already written stay indexed; index_repository continues later.',
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  input,
  async handler(args: z.output<typeof input>, ctx: ToolContext) {
    let job = await ctx.jobs.cancel(args.job_id);
    if (!job) {
      throw new CodebaseError('JOB_NOT_FOUND', `There is no indexing job ${args.job_id}.`, {
        hint: 'Use the job_id returned by index_repository or get_indexing_status.',
      });
    }
    if (!isTerminal(job.status))
      job = (await ctx.jobs.waitFor(job.id, AbortSignal.timeout(SETTLE_MS))) ?? job;
    const root = (await ctx.store.getRepository(job.repositoryId))?.rootPath ?? '(removed)';
    return {
      ...jobAnswer(job, { repository: root, live: ctx.jobs.live(job.id), now: ctx.now() }),
      next: isTerminal(job.status)
        ? nextStep(job)
        : 'Cancellation requested; the job stops after the files in progress.',
    };
  },
});

import { z } from 'zod';
import { CodebaseError } from '../../core/index.js';
import { projectField, repositoryField } from './fields.js';
import { findRepository, projectOf } from './repository-ref.js';
import { defineTool, type ToolContext } from './tool.js';

const input = z.strictObject({ repository: repositoryField, project: projectField });

/** How long removal waits for a running job of the repository to stop. */
const STOP_WAIT_MS = 10_000;

export const removeRepositoryTool = defineTool({
  name: 'remove_repository',
  title: 'Remove a repository from the index',
  description: 'Delete a repository and everything indexed for it (files on disk are not touched).',
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: false },
  input,
  async handler(args: z.output<typeof input>, ctx: ToolContext) {
    const project = projectOf(ctx, args);
    const repo = await findRepository(ctx, project, args.repository);
    await ctx.roots.assertAllows(repo.rootPath);
    const active = await ctx.store.findActiveJob(repo.id);
    if (active) {
      await ctx.jobs.cancel(active.id);
      const stopped = await ctx.jobs.waitFor(active.id, AbortSignal.timeout(STOP_WAIT_MS));
      if (stopped && (stopped.status === 'running' || stopped.status === 'pending')) {
        throw new CodebaseError(
          'INVALID_ARGUMENT',
          `Indexing job ${active.id} of ${repo.rootPath} is still stopping.`,
          {
            hint: 'Cancellation was requested; call remove_repository again in a few seconds.',
          },
        );
      }
    }
    await ctx.store.removeRepository(repo.id);
    return { removed: repo.rootPath, project, files: repo.fileCount, chunks: repo.chunkCount };
  },
});

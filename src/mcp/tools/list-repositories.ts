import { z } from 'zod';
import { projectField } from './fields.js';
import { defineTool, type ToolContext } from './tool.js';

const input = z.strictObject({ project: projectField.describe('Only this project (default: all projects)') });

export const listRepositoriesTool = defineTool({
  name: 'list_repositories',
  title: 'List indexed repositories',
  description:
    'Indexed repositories with project, file and chunk counts, last indexed time and last job status.',
  annotations: { readOnlyHint: true, openWorldHint: false },
  input,
  async handler(args: z.output<typeof input>, ctx: ToolContext) {
    let projectId: number | undefined;
    if (args.project !== undefined) {
      const project = await ctx.store.getProject(args.project);
      if (!project)
        return {
          repositories: [],
          next: `Project "${args.project}" has nothing indexed. Call index_repository.`,
        };
      projectId = project.id;
    }
    const repos = await ctx.store.listRepositories(projectId);
    return {
      repositories: repos.map((r) => ({
        repository: r.rootPath,
        project: r.projectName,
        files: r.fileCount,
        chunks: r.chunkCount,
        last_indexed: r.lastIndexedAt?.toISOString() ?? null,
        status: r.lastJobStatus ?? 'never indexed',
        ...(r.embeddingModel ? { embedding_model: r.embeddingModel } : {}),
      })),
      ...(repos.length === 0
        ? { next: 'Nothing is indexed yet. Call index_repository with a repository path.' }
        : {}),
    };
  },
});

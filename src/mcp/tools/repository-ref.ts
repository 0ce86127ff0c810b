/**
 * Turns the `repository` argument (an absolute root path, or a unique trailing part of one such as
 * `my-app` or `org/my-app`) into one indexed repository of the project.
 */
import { realpath } from 'node:fs/promises';
import { isAbsolute } from 'node:path';
import { CodebaseError } from '../../core/index.js';
import { resolveRepositories } from '../../search/index.js';
import type { RepositorySummary } from '../../store/index.js';
import type { ToolContext } from './tool.js';

export async function findRepository(
  ctx: ToolContext,
  project: string,
  repository: string,
): Promise<RepositorySummary> {
  let wanted = repository.trim();
  if (isAbsolute(wanted)) wanted = await realpath(wanted).catch(() => wanted);
  const matches = (await resolveRepositories(ctx.store, project, wanted)) as RepositorySummary[];
  const exact = matches.find((r) => r.rootPath === wanted);
  if (exact) return exact;
  if (matches.length > 1) {
    throw new CodebaseError(
      'INVALID_ARGUMENT',
      `"${repository}" matches ${matches.length} repositories in project "${project}".`,
      {
        hint: `Pass one of: ${matches.map((r) => r.rootPath).join(', ')}.`,
      },
    );
  }
  return matches[0]!;
}

/** The project a call is about: its `project` argument, else the server's default. */
export function projectOf(ctx: ToolContext, args: { project?: string | undefined }): string {
  return args.project ?? ctx.defaultProject;
}

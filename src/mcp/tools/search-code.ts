import { z } from 'zod';
import { LANGUAGES } from '../../core/index.js';
import type { RepositoryRecord } from '../../store/index.js';
import { MAX_LIMIT, MAX_QUERY_LENGTH, searchCode } from '../../search/index.js';
import { projectField, repositoryField } from './fields.js';
import { projectOf } from './repository-ref.js';
import { buildSnippets, tokens } from './search-snippets.js';
import { defineTool, type ToolContext } from './tool.js';

export const DEFAULT_MAX_TOKENS = 4000;

const input = z.strictObject({
  query: z
    .string()
    .min(1)
    .max(MAX_QUERY_LENGTH)
    .describe('What to find: words, identifiers, or a question about the code'),
  project: projectField,
  repository: repositoryField.optional().describe('Only this repository (root path or unique trailing part)'),
  path: z.string().min(1).max(500).optional().describe('Only paths matching this glob, e.g. "src/**/*.ts"'),
  language: z
    .union([z.enum(LANGUAGES), z.array(z.enum(LANGUAGES)).min(1).max(LANGUAGES.length)], {
      error: `expected a language name, or a list of them, from: ${LANGUAGES.join(', ')}`,
    })
    .optional()
    .describe('Only these languages'),
  limit: z.number().int().min(1).max(MAX_LIMIT).optional().describe('Results (default 10)'),
  context_lines: z
    .number()
    .int()
    .min(0)
    .max(50)
    .optional()
    .describe('Extra lines around each result (default 0)'),
  max_tokens: z
    .number()
    .int()
    .min(200)
    .max(50_000)
    .optional()
    .describe(`Answer size cap (default ${DEFAULT_MAX_TOKENS})`),
});

export const searchCodeTool = defineTool({
  name: 'search_code',
  title: 'Search indexed code',
  description:
    'Search indexed repositories. Returns ranked code chunks (path, lines, symbol, kind, score, code) within a token budget, and how fresh the index is.',
  annotations: { readOnlyHint: true, openWorldHint: false },
  input,
  async handler(args: z.output<typeof input>, ctx: ToolContext) {
    const project = projectOf(ctx, args);
    const languages =
      args.language === undefined
        ? undefined
        : Array.isArray(args.language)
          ? args.language
          : [args.language];
    const response = await searchCode(ctx.store, {
      query: args.query,
      project,
      limit: args.limit ?? 10,
      ...(args.repository !== undefined ? { repository: args.repository } : {}),
      ...(args.path !== undefined ? { pathGlob: args.path } : {}),
      ...(languages ? { languages } : {}),
      embedder: ctx.embedder,
      fusion: ctx.fusion,
      expansion: ctx.expansion,
    });
    const single = response.repositories.length === 1;
    const index = await freshness(ctx, response.repositories);
    const envelope = {
      ...(single ? { repository: response.repositories[0]!.rootPath } : {}),
      index: single ? index[0] : index,
      ...(response.notice ? { notice: response.notice } : {}),
    };
    const maxTokens = args.max_tokens ?? DEFAULT_MAX_TOKENS;
    const byRoot = new Map(response.repositories.map((r) => [r.rootPath, r.id]));
    const { snippets, omitted } = await buildSnippets(response.results, {
      contextLines: args.context_lines ?? 0,
      maxTokens,
      overheadTokens: tokens(envelope) + 20,
      loadFile: (repository, path) => ctx.store.getFileChunks(byRoot.get(repository) ?? -1, path),
    });
    const results = snippets.map(({ repository, ...rest }) => (single ? rest : { repository, ...rest }));
    return {
      results,
      ...envelope,
      ...(omitted > 0
        ? {
            omitted,
            next: `${omitted} more results did not fit max_tokens ${maxTokens}; raise it, narrow the query, or read_code a result.`,
          }
        : {}),
      ...(results.length === 0 && !response.notice
        ? { next: 'No matches. Try other words or a symbol name, or drop the path/language filters.' }
        : {}),
    };
  },
});

/** When each searched repository was last indexed, and whether a job is changing it right now. */
async function freshness(ctx: ToolContext, repositories: readonly RepositoryRecord[]) {
  return Promise.all(
    repositories.map(async (r) => {
      const active = await ctx.store.findActiveJob(r.id);
      return {
        ...(repositories.length > 1 ? { repository: r.rootPath } : {}),
        last_indexed: r.lastIndexedAt?.toISOString() ?? null,
        ...(r.lastIndexedAt ? { age: formatAge(ctx.now() - r.lastIndexedAt.getTime()) } : {}),
        files: r.fileCount,
        ...(active ? { indexing: active.status, job_id: active.id } : {}),
        ...(r.lastIndexedAt === null && !active
          ? { warning: 'No indexing run has completed; results may be partial.' }
          : {}),
      };
    }),
  );
}

function formatAge(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 120) return `${s}s`;
  if (s < 7200) return `${Math.round(s / 60)}m`;
  if (s < 172_800) return `${Math.round(s / 3600)}h`;
  return `${Math.round(s / 86_400)}d`;
}

import { isAbsolute, posix, relative } from 'node:path';
import { z } from 'zod';
import { CodebaseError } from '../../core/index.js';
import { projectField, repositoryField } from './fields.js';
import { indexedFile, textOf } from './indexed-text.js';
import { findRepository, projectOf } from './repository-ref.js';
import { defineTool, type ToolContext } from './tool.js';

/** One answer returns at most this many lines or characters (about 12k tokens). */
export const MAX_READ_LINES = 500;
export const MAX_READ_CHARS = 48_000;

const line = z.number().int().min(1).max(10_000_000);
const input = z
  .strictObject({
    repository: repositoryField,
    path: z
      .string()
      .min(1)
      .max(4096)
      .describe('File path relative to the repository root, as search_code returns it'),
    start_line: line.optional().describe('First line (default 1)'),
    end_line: line.optional().describe(`Last line (default: start_line + ${MAX_READ_LINES - 1})`),
    project: projectField,
  })
  .refine((a) => a.start_line === undefined || a.end_line === undefined || a.start_line <= a.end_line, {
    message: 'start_line must not be after end_line',
    path: ['end_line'],
  });

export const readCodeTool = defineTool({
  name: 'read_code',
  title: 'Read indexed code',
  description: `Read lines of an indexed file (from the index, not the disk), e.g. to expand a search_code result. At most ${MAX_READ_LINES} lines per call.`,
  annotations: { readOnlyHint: true, openWorldHint: false },
  input,
  async handler(args: z.output<typeof input>, ctx: ToolContext) {
    const repo = await findRepository(ctx, projectOf(ctx, args), args.repository);
    await ctx.roots.assertAllows(repo.rootPath);
    const path = normalisePath(args.path, repo.rootPath);
    const chunks = await ctx.store.getFileChunks(repo.id, path);
    if (chunks.length === 0) {
      throw new CodebaseError('PATH_NOT_FOUND', `${path} is not in the index of ${repo.rootPath}.`, {
        hint: 'Use a path exactly as search_code returns it. Ignored, binary, secret and oversized files are not indexed; if the file is new, re-run index_repository.',
        details: { path },
      });
    }
    const file = indexedFile(chunks);
    const start = args.start_line ?? 1;
    if (start > file.lastLine) {
      throw new CodebaseError(
        'INVALID_ARGUMENT',
        `${path} has ${file.lastLine} lines; start_line ${start} is past the end.`,
        {
          hint: `Ask for lines 1-${file.lastLine}.`,
        },
      );
    }
    let end = Math.min(
      args.end_line ?? start + MAX_READ_LINES - 1,
      file.lastLine,
      start + MAX_READ_LINES - 1,
    );
    let { text } = textOf(file, start, end);
    while (text.length > MAX_READ_CHARS && end > start) {
      end = start + Math.max(0, Math.floor((end - start) / 2));
      text = textOf(file, start, end).text;
    }
    const cut = text.length > MAX_READ_CHARS; // one enormous line (minified code)
    if (cut) text = text.slice(0, MAX_READ_CHARS);
    const wanted = Math.min(args.end_line ?? file.lastLine, file.lastLine);
    return {
      repository: repo.rootPath,
      path,
      language: chunks[0]!.language,
      start_line: start,
      end_line: end,
      total_lines: file.lastLine,
      content: text,
      ...(cut ? { truncated: true } : {}),
      ...(end < wanted
        ? { truncated: true, next: `More follows: call read_code with start_line ${end + 1}.` }
        : {}),
    };
  },
});

/** Accepts `src/a.ts`, `./src/a.ts` or an absolute path inside the repository; never `..`. */
function normalisePath(path: string, root: string): string {
  let rel = path.replace(/\\/g, '/');
  if (isAbsolute(rel)) rel = relative(root, rel).replace(/\\/g, '/');
  rel = posix.normalize(rel).replace(/^(\.\/)+/, '');
  if (rel === '..' || rel.startsWith('../') || rel.startsWith('/') || rel === '.' || rel === '') {
    throw new CodebaseError('PATH_NOT_ALLOWED', `${path} is not a file inside ${root}.`, {
      hint: 'Pass the path relative to the repository root, as search_code returns it.',
    });
  }
  return rel;
}

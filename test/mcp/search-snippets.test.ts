import { describe, expect, it } from 'vitest';
import type { SearchResult } from '../../src/search/index.js';
import type { StoredChunk } from '../../src/store/index.js';
import { buildSnippets, tokens } from '../../src/mcp/tools/search-snippets.js';

/** A 40-line file `src/a.ts` whose line n reads `line n`, indexed as four 10-line chunks. */
const FILE_LINES = Array.from({ length: 40 }, (_, i) => `line ${i + 1}`);
const chunk = (start: number, end: number, id = start): StoredChunk => ({
  chunkId: id,
  repositoryId: 1,
  path: 'src/a.ts',
  language: 'typescript',
  startLine: start,
  endLine: end,
  kind: 'function',
  symbol: `f${start}`,
  content: FILE_LINES.slice(start - 1, end).join('\n'),
  hash: String(id),
});
const CHUNKS = [chunk(1, 10), chunk(11, 20), chunk(21, 30), chunk(31, 40)];
const result = (start: number, end: number, score: number, path = 'src/a.ts'): SearchResult => ({
  repository: '/repo',
  path,
  startLine: start,
  endLine: end,
  symbol: `f${start}`,
  kind: 'function',
  language: 'typescript',
  score,
  content: FILE_LINES.slice(start - 1, end).join('\n'),
});
const options = { contextLines: 0, maxTokens: 10_000, overheadTokens: 0, loadFile: async () => CHUNKS };

describe('search snippets', () => {
  it('returns single chunks unchanged, in rank order', async () => {
    const { snippets, omitted } = await buildSnippets([result(21, 30, 5), result(1, 10, 3)], options);
    expect(snippets.map((s) => [s.start_line, s.end_line])).toEqual([
      [21, 30],
      [1, 10],
    ]);
    expect(snippets[0]!.content).toBe(FILE_LINES.slice(20, 30).join('\n'));
    expect(omitted).toBe(0);
  });

  it('merges adjacent chunks of the same file into one snippet with both symbols', async () => {
    const { snippets } = await buildSnippets(
      [result(11, 20, 5), result(21, 30, 4), result(1, 5, 1, 'other.ts')],
      {
        ...options,
        loadFile: async (_repo, path) => (path === 'src/a.ts' ? CHUNKS : []),
      },
    );
    expect(snippets).toHaveLength(2);
    expect(snippets[0]).toMatchObject({ start_line: 11, end_line: 30, symbol: 'f11, f21', score: 5 });
    expect(snippets[0]!.content.split('\n')).toEqual(FILE_LINES.slice(10, 30));
  });

  it('adds context lines from the indexed text, clamped to the file', async () => {
    const { snippets } = await buildSnippets([result(3, 5, 1), result(38, 40, 1)], {
      ...options,
      contextLines: 3,
    });
    expect(snippets.map((s) => [s.start_line, s.end_line])).toEqual([
      [1, 8],
      [35, 40],
    ]);
    expect(snippets[0]!.content.split('\n')[0]).toBe('line 1');
  });

  it('merges ranges that only overlap once context is added', async () => {
    const { snippets } = await buildSnippets([result(1, 5, 2), result(12, 14, 1)], {
      ...options,
      contextLines: 3,
    });
    expect(snippets).toHaveLength(1);
    expect(snippets[0]).toMatchObject({ start_line: 1, end_line: 17 });
  });

  it('keeps the answer within max_tokens, cutting the first snippet and counting the rest as omitted', async () => {
    const big = result(1, 40, 9);
    const { snippets, omitted } = await buildSnippets(
      [big, result(1, 3, 1, 'b.ts'), result(1, 3, 1, 'c.ts')],
      { ...options, maxTokens: 60 },
    );
    expect(snippets).toHaveLength(1);
    expect(snippets[0]!.truncated).toBe(true);
    expect(snippets[0]!.end_line).toBeLessThan(40);
    expect(tokens(snippets[0])).toBeLessThanOrEqual(60);
    expect(omitted).toBe(2);
  });
});

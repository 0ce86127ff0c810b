import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryWords, rankRipgrepOutput, ripgrepArgs, ripgrepSearch } from '../../eval/baselines/ripgrep.js';

describe('ripgrep baseline: query words', () => {
  it('keeps words of 3+ characters, lower-cased and distinct, without English function words', () => {
    expect(queryWords('Where is the Logger child created, and how are its bindings merged? logger')).toEqual([
      'logger',
      'child',
      'created',
      'bindings',
      'merged',
    ]);
  });

  it('keeps identifiers whole, splitting only on punctuation', () => {
    expect(queryWords('Regex::replace_all')).toEqual(['regex', 'replace_all']);
  });

  it('has no pattern when nothing is left to search for', () => {
    expect(ripgrepArgs('how is it', 'words')).toBeNull();
    expect(ripgrepArgs('   ', 'literal')).toBeNull();
  });
});

describe('ripgrep baseline: ranking', () => {
  it('ranks files by occurrences and reports the first matching line, widened by the context', () => {
    const output = [
      './a.js\u00005:foo',
      './b.js\u000012:foo',
      './b.js\u00003:bar',
      './b.js\u00003:foo',
      'c.js\u00001:foo',
      '',
    ].join('\n');
    expect(rankRipgrepOutput(output, { context: 2 })).toEqual([
      { path: 'b.js', startLine: 1, endLine: 5, matches: 3, firstLine: 3 },
      { path: 'a.js', startLine: 3, endLine: 7, matches: 1, firstLine: 5 },
      { path: 'c.js', startLine: 1, endLine: 3, matches: 1, firstLine: 1 },
    ]);
    expect(rankRipgrepOutput(output, { limit: 1 })).toHaveLength(1);
  });
});

describe('ripgrep baseline on real files', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'eval-rg-'));
    await mkdir(path.join(root, 'lib'));
    await writeFile(
      path.join(root, 'lib/levels.js'),
      'const a = 1\n\nfunction setLevel (level) {\n  // level level\n}\n',
    );
    await writeFile(path.join(root, 'lib/other.js'), 'function child () {}\n// set the Level\n');
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('word-OR mode finds files by any word, case-insensitively, most matches first', async () => {
    const results = await ripgrepSearch(root, 'how to set the level', { mode: 'words' });
    expect(results.map((r) => [r.path, r.startLine, r.endLine])).toEqual([
      ['lib/levels.js', 3, 3],
      ['lib/other.js', 2, 2],
    ]);
  });

  it('literal mode needs the whole query verbatim (case-insensitive)', async () => {
    expect((await ripgrepSearch(root, 'SET THE LEVEL', { mode: 'literal' })).map((r) => r.path)).toEqual([
      'lib/other.js',
    ]);
    expect(await ripgrepSearch(root, 'how to set the level', { mode: 'literal' })).toEqual([]);
  });
});

import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChunker } from '../../src/chunk/index.js';
import type { Chunker } from '../../src/chunk/index.js';
import type { Chunk, Language } from '../../src/core/index.js';
import { sourceFiles } from '../support/source-files.js';

let chunker: Chunker;
let dir: string;

beforeAll(async () => {
  chunker = await createChunker();
  dir = await mkdtemp(join(tmpdir(), 'chunk-test-'));
});
afterAll(async () => {
  chunker.close();
  await rm(dir, { recursive: true, force: true });
});

/** Writes `text` to a temp file and chunks what is read back, as the indexer will. */
async function chunkFile(name: string, language: Language, text: string): Promise<Chunk[]> {
  const file = join(dir, name);
  await writeFile(file, text);
  return chunker.chunk(name, language, await readFile(file, 'utf8'));
}

/** Non-blank lines (1-based) that no chunk covers. */
function uncovered(text: string, chunks: readonly Chunk[]): number[] {
  const lines = text.split(/\r?\n/);
  const covered = new Set<number>();
  for (const c of chunks) for (let l = c.startLine; l <= c.endLine; l++) covered.add(l);
  return lines.flatMap((line, i) => (line.trim() !== '' && !covered.has(i + 1) ? [i + 1] : []));
}

function expectExactContent(text: string, chunks: readonly Chunk[]): void {
  const lines = text.split(/\r?\n/);
  for (const c of chunks) expect(c.content).toBe(lines.slice(c.startLine - 1, c.endLine).join('\n'));
}

describe('coverage on real code nobody here wrote', () => {
  const corpora: Array<[Language, string, string[]]> = [
    ['typescript', 'node_modules/zod', ['.ts']],
    ['javascript', 'node_modules/typescript/lib', ['.js']],
    ['javascript', 'node_modules/@modelcontextprotocol/sdk/dist/esm', ['.js']],
    ['markdown', 'node_modules', ['.md']],
    ['json', 'node_modules/typescript', ['.json']],
    ['python', '/usr/lib/python3', ['.py']],
    // No grammar: definitions by line patterns (src/chunk/outline.ts).
    ['perl', '/usr/share/perl', ['.pm']],
  ];
  for (const [language, root, extensions] of corpora) {
    it(`every non-blank line of ${language} files in ${root} is in a chunk`, async () => {
      // At most 199,999 bytes: the files this test has always read.
      const files = sourceFiles(root, extensions, 40, 199_999).filter(
        (f) => !f.endsWith('.d.ts') || language !== 'typescript',
      );
      let checked = 0;
      for (const file of files) {
        const text = readFileSync(file, 'utf8');
        const chunks = await chunker.chunk(file, language, text);
        expect(uncovered(text, chunks), file).toEqual([]);
        expectExactContent(text, chunks);
        for (const c of chunks) expect(c.startLine).toBeLessThanOrEqual(c.endLine);
        checked++;
      }
      if (!root.startsWith('/usr')) expect(checked).toBeGreaterThan(0);
    });
  }
});

describe('oversized definitions', () => {
  const method = (i: number) =>
    [
      `    def method_${i}(self, x):`,
      `        """Step ${i}."""`,
      ...Array.from({ length: 15 }, (_, j) => `        x = x + ${j}`),
      '        return x',
      '',
    ].join('\n');
  const bigClass = [
    'import os',
    '',
    '',
    'class Pipeline:',
    '    """Runs steps."""',
    '',
    '    name = "p"',
    '',
    ...Array.from({ length: 12 }, (_, i) => method(i)),
  ].join('\n');

  it('splits a class into its header and one chunk per method', async () => {
    const chunks = await chunkFile('pipeline.py', 'python', bigClass);
    expect(chunks[0]).toMatchObject({ kind: 'code', symbol: null, startLine: 1, endLine: 1 });
    expect(chunks[1]).toMatchObject({ kind: 'class', symbol: 'Pipeline', startLine: 4, endLine: 7 });
    const methods = chunks.filter((c) => c.kind === 'method');
    expect(methods.map((c) => c.symbol)).toEqual(
      Array.from({ length: 12 }, (_, i) => `Pipeline.method_${i}`),
    );
    expect(methods[0]!.content.startsWith('    def method_0(self, x):')).toBe(true);
    expect(uncovered(bigClass, chunks)).toEqual([]);
  });

  it('joins a few lines between members of a split class to the next member', async () => {
    const member = (name: string) => [
      `  ${name}(x: number): number {`,
      ...Array.from({ length: 8 }, (_, j) => `    x += ${j};`),
      '    return x;',
      '  }',
    ];
    const text = [
      'export class Store {',
      '  private total = 0;',
      '',
      ...member('add'),
      '',
      '  // End mutators',
      '',
      ...member('get'),
      '}',
      '',
    ].join('\n');
    const small = await createChunker({ maxChunkLines: 20 });
    const chunks = await small.chunk('store.ts', 'typescript', text);
    small.close();
    // Alone, the comment would be a one-line chunk named `Store`, ranking above the class's real start.
    expect(chunks.map((c) => [c.startLine, c.endLine, c.kind, c.symbol])).toEqual([
      [1, 2, 'class', 'Store'],
      [4, 14, 'method', 'Store.add'],
      [16, 29, 'method', 'Store.get'],
    ]);
  });

  it('windows a huge function at statement starts and keeps its symbol', async () => {
    const body = Array.from({ length: 100 }, (_, i) => `  if (x > ${i}) {\n    x -= ${i};\n  }`).join('\n');
    const text = `export function crunch(x: number): number {\n${body}\n  return x;\n}\n`;
    const chunks = await chunkFile('crunch.ts', 'typescript', text);
    expect(chunks.length).toBeGreaterThan(2);
    for (const c of chunks) {
      expect(c).toMatchObject({ kind: 'function', symbol: 'crunch' });
      expect(c.endLine - c.startLine + 1).toBeLessThanOrEqual(chunker.options.maxChunkLines);
    }
    // Cuts fall before an `if`, not inside one.
    for (const c of chunks.slice(1)) expect(c.content.trimStart()).toMatch(/^if \(x > \d+\) \{/);
    expect(uncovered(text, chunks)).toEqual([]);
  });

  it('respects maxChunkChars as well as maxChunkLines', async () => {
    const small = await createChunker({ maxChunkChars: 300 });
    const text = Array.from({ length: 40 }, (_, i) => `VALUE_${i} = "${'x'.repeat(40)}"`).join('\n');
    const chunks = await small.chunk('values.py', 'python', text);
    expect(chunks.length).toBeGreaterThan(4);
    for (const c of chunks.slice(0, -1)) expect(c.content.length).toBeLessThanOrEqual(300);
    expect(uncovered(text, chunks)).toEqual([]);
    small.close();
  });
});

describe('merging small statements', () => {
  it('merges thirty one-line constants into one code chunk', async () => {
    const consts = Array.from({ length: 30 }, (_, i) => `pub const LIMIT_${i}: u32 = ${i};`).join('\n');
    const text = `use std::fmt;\n\n${consts}\n\npub fn limit() -> u32 {\n    LIMIT_0\n}\n`;
    const chunks = await chunkFile('limits.rs', 'rust', text);
    expect(chunks.map((c) => [c.startLine, c.endLine, c.kind, c.symbol])).toEqual([
      [1, 32, 'code', null],
      [34, 36, 'function', 'limit'],
    ]);
  });

  it('keeps small functions as their own chunks so each stays findable by symbol', async () => {
    const text = 'def a():\n    return 1\n\ndef b():\n    return 2\n';
    const chunks = await chunkFile('small.py', 'python', text);
    expect(chunks.map((c) => c.symbol)).toEqual(['a', 'b']);
  });
});

describe('markdown', () => {
  it('splits by headings and names sections by their heading path', async () => {
    const text = [
      'Intro text.',
      '',
      '# Guide',
      '',
      '## Install',
      '',
      'Run the installer and check the version it prints.',
      'Then configure it.',
      'More notes.',
      'Even more notes.',
      '',
      '### Docker',
      '',
      '```sh',
      '# not a heading',
      'docker run x',
      '```',
      '',
      'Usage',
      '-----',
      '',
      'Call it.',
    ].join('\n');
    const chunks = await chunkFile('README.md', 'markdown', text);
    expect(chunks.map((c) => [c.startLine, c.endLine, c.kind, c.symbol])).toEqual([
      // The one-line intro and the empty `# Guide` section join their first subsection.
      [1, 10, 'section', 'Guide > Install'],
      [12, 17, 'section', 'Guide > Install > Docker'],
      [19, 22, 'section', 'Guide > Usage'],
    ]);
  });

  it('windows a long section and keeps its heading path', async () => {
    const paragraphs = Array.from(
      { length: 60 },
      (_, i) => `Paragraph ${i} line one.\nParagraph ${i} line two.\n`,
    );
    const text = `# Big\n\n${paragraphs.join('\n')}`;
    const chunks = await chunkFile('BIG.md', 'markdown', text);
    expect(chunks.length).toBeGreaterThan(1);
    for (const c of chunks) expect(c.symbol).toBe('Big');
    for (const c of chunks.slice(1)) expect(c.content).toMatch(/^Paragraph \d+ line one\./);
    expect(uncovered(text, chunks)).toEqual([]);
  });
});

describe('fallbacks and awkward input', () => {
  it('windows text without a grammar into overlapping 60-line windows', async () => {
    const text = Array.from({ length: 150 }, (_, i) => `key${i}: ${i}`).join('\n');
    const chunks = await chunkFile('config.yaml', 'yaml', text);
    expect(chunks.map((c) => [c.startLine, c.endLine, c.kind])).toEqual([
      [1, 60, 'window'],
      [51, 110, 'window'],
      [101, 150, 'window'],
    ]);
  });

  it('still finds definitions in a file with syntax errors, and drops no line', async () => {
    const text =
      'def ok():\n    return 1\n\ndef broken():\n    x = = 2\n    return x\n\nclass Fine:\n    def m(self):\n        pass\n';
    const chunks = await chunkFile('broken.py', 'python', text);
    expect(chunks.find((c) => c.symbol === 'ok')).toMatchObject({
      startLine: 1,
      endLine: 2,
      kind: 'function',
    });
    expect(chunks.find((c) => c.symbol === 'broken')).toMatchObject({
      startLine: 4,
      endLine: 6,
      kind: 'function',
    });
    expect(chunks.find((c) => c.symbol === 'Fine')).toMatchObject({
      startLine: 8,
      endLine: 10,
      kind: 'class',
    });
    expect(uncovered(text, chunks)).toEqual([]);

    // Worse damage: recovery may swallow what follows, but nothing throws and no line is lost.
    const worse = 'def ok():\n    return 1\n\ndef broken(:\n    x = = 2\n\nclass Fine:\n    pass\n}}}\n';
    const damaged = await chunkFile('worse.py', 'python', worse);
    expect(damaged.find((c) => c.symbol === 'ok')).toMatchObject({ startLine: 1, endLine: 2 });
    expect(uncovered(worse, damaged)).toEqual([]);
  });

  it('keeps line numbers right with non-ASCII text', async () => {
    const text = '# Grüße 🚀\nnames = ["Zoë", "Łukasz", "李"]\n\n\ndef größe(ü):\n    return "∑" + ü\n';
    const chunks = await chunkFile('intl.py', 'python', text);
    expect(chunks.map((c) => [c.startLine, c.endLine, c.symbol])).toEqual([
      [1, 2, null],
      [5, 6, 'größe'],
    ]);
    expect(chunks[1]!.content).toBe('def größe(ü):\n    return "∑" + ü');
  });

  it('keeps line numbers right with CRLF line endings and strips the \\r from content', async () => {
    const lf = readFileSync(new URL('./fixtures/sample.go.fixture', import.meta.url), 'utf8');
    const crlf = lf.replace(/\n/g, '\r\n');
    const a = await chunkFile('lf.go', 'go', lf);
    const b = await chunkFile('crlf.go', 'go', crlf);
    expect(b).toEqual(a);
    for (const c of b) expect(c.content).not.toContain('\r');
  });

  it('chunks bash heredocs (a grammar build that traps on them is not used)', async () => {
    const text = 'usage() {\n  cat <<EOF\nUsage: tool [options]\n  -h  help\nEOF\n}\n\nusage\n';
    const chunks = await chunkFile('tool.sh', 'bash', text);
    expect(chunks.map((c) => [c.startLine, c.endLine, c.kind, c.symbol])).toEqual([
      [1, 6, 'function', 'usage'],
      [8, 8, 'code', null],
    ]);
  });

  it('returns no chunks for an empty or blank file', async () => {
    expect(await chunkFile('empty.ts', 'typescript', '')).toEqual([]);
    expect(await chunkFile('blank.ts', 'typescript', '\n  \n\n')).toEqual([]);
  });

  it('loads grammars lazily: chunkSync asks for load first, chunk does it itself', async () => {
    const fresh = await createChunker();
    expect(fresh.isReady('kotlin')).toBe(false);
    expect(fresh.isReady('yaml')).toBe(true);
    expect(() => fresh.chunkSync('a.kt', 'kotlin', 'fun a() {}')).toThrow(/load/);
    const chunks = await fresh.chunk('a.kt', 'kotlin', 'fun a() {}\n');
    expect(chunks).toEqual([
      { startLine: 1, endLine: 1, kind: 'function', symbol: 'a', content: 'fun a() {}' },
    ]);
    expect(fresh.isReady('kotlin')).toBe(true);
    fresh.close();
  });
});

/**
 * Finding definitions with one `descendantsOfType` walk must give exactly the chunks the
 * tree-sitter query gave before (ranges, kinds, symbols, content). The query-based
 * `findDefinitions` is kept below as the reference; both feed the same segmenter, over real code
 * in every language with a grammar. Rules added since (where a leading comment starts, further
 * equations and clauses that continue a definition) are shared with the reference.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as TreeSitter from 'web-tree-sitter';
import type { Node, Query, Tree } from 'web-tree-sitter';
import { createChunker, type Chunker } from '../../src/chunk/index.js';
import {
  continuation,
  lastRow,
  leadingStart,
  statementRows,
  type Definition,
} from '../../src/chunk/definitions.js';
import { LANGUAGE_SPECS } from '../../src/chunk/languages/index.js';
import { COMMENT_TYPES, defaultName, type LanguageSpec } from '../../src/chunk/languages/spec.js';
import { LineTable } from '../../src/chunk/lines.js';
import { Segmenter } from '../../src/chunk/segment.js';
import type { Chunk, ChunkKind, Language } from '../../src/core/index.js';
import { sourceFiles } from '../support/source-files.js';

// ---- Reference: findDefinitions before the rewrite (a query over the whole tree). ----
const CLASS_LIKE = new Set<ChunkKind>(['class', 'struct', 'interface', 'trait', 'impl', 'enum']);
const CONSTRUCTOR_NAMES = new Set(['constructor', '__init__', '__construct', 'initialize', 'init']);

function refFindDefinitions(tree: Tree, query: Query, spec: LanguageSpec, table: LineTable): Definition[] {
  const wrappers = new Set(spec.wrappers ?? []);
  const leading = new Set([...COMMENT_TYPES, ...(spec.leading ?? [])]);
  const seen = new Set<number>();
  const found: Array<{ node: Node; outer: Node; last: Node; kind: ChunkKind; name: string | null }> = [];
  for (const capture of query.captures(tree.rootNode)) {
    const node = capture.node;
    const base = spec.definitions[node.type];
    if (base === undefined) continue;
    const kind = spec.kind ? spec.kind(node, base) : base;
    if (kind === null) continue;
    let outer = node;
    while (outer.parent && wrappers.has(outer.parent.type)) outer = outer.parent;
    if (seen.has(outer.id)) continue;
    seen.add(outer.id);
    const custom = spec.name?.(node);
    // Further equations and clauses of the same definition (added after the rewrite, shared).
    const last = continuation(spec, node, outer, seen);
    found.push({ node, outer, last, kind, name: custom === undefined ? defaultName(node) : custom });
  }
  found.sort((x, y) => x.outer.startIndex - y.outer.startIndex || y.last.endIndex - x.last.endIndex);
  const roots: Definition[] = [];
  const stack: Array<{ def: Definition; endIndex: number }> = [];
  for (const item of found) {
    while (stack.length > 0 && stack[stack.length - 1]!.endIndex <= item.outer.startIndex) stack.pop();
    const parent = stack[stack.length - 1]?.def;
    let kind = item.kind;
    const qualified = item.name !== null && item.name.includes('.');
    if (kind === 'function' && ((parent && CLASS_LIKE.has(parent.kind)) || qualified)) kind = 'method';
    if (kind === 'method' && item.name !== null && CONSTRUCTOR_NAMES.has(item.name)) kind = 'constructor';
    const symbol =
      item.name === null
        ? (parent?.symbol ?? null)
        : parent?.symbol
          ? `${parent.symbol}.${item.name}`
          : item.name;
    const start = item.outer.startPosition.row;
    const floor = parent ? parent.header + 1 : 0;
    const def: Definition = {
      kind,
      symbol,
      start: leadingStart(item.outer, leading, table, floor),
      end: Math.max(start, lastRow(item.last)),
      header: start,
      rows: () => statementRows(item.outer),
      children: [],
    };
    (parent ? parent.children : roots).push(def);
    stack.push({ def, endIndex: item.last.endIndex });
  }
  return roots;
}

// ---- End of the reference. ----

const root = join(import.meta.dirname, '../..');
const require = createRequire(import.meta.url);
let chunker: Chunker;
let ts: typeof TreeSitter;

beforeAll(async () => {
  chunker = await createChunker();
  ts = await import('web-tree-sitter');
  await ts.Parser.init();
});
afterAll(() => chunker.close());

/** The chunks the chunker produced before: same segmenter, definitions from the query. */
async function referenceChunks(language: Language, texts: readonly string[]): Promise<Chunk[][]> {
  const spec = LANGUAGE_SPECS[language]!;
  const wasm = join(dirname(require.resolve(`${spec.wasm.package}/package.json`)), spec.wasm.file);
  const grammar = await ts.Language.load(wasm);
  const types = Object.keys(spec.definitions).filter((t) => grammar.idForNodeType(t, true));
  const query = new ts.Query(grammar, `[${types.map((t) => `(${t})`).join(' ')}] @definition`);
  const parser = new ts.Parser();
  parser.setLanguage(grammar);
  const { maxChunkLines, maxChunkChars, minChunkLines } = chunker.options;
  const options = { maxLines: maxChunkLines, maxChars: maxChunkChars, minLines: minChunkLines };
  try {
    return texts.map((text) => {
      const table = new LineTable(text);
      if (table.lines.every((line) => line.trim() === '')) return [];
      const tree = parser.parse(text)!;
      try {
        const out: Chunk[] = [];
        const defs = refFindDefinitions(tree, query, spec, table);
        const owner = { kind: 'code' as const, symbol: null, rows: () => statementRows(tree.rootNode) };
        new Segmenter(table, options).emit(0, table.count - 1, defs, owner, out);
        return out;
      } finally {
        tree.delete();
      }
    });
  } finally {
    query.delete();
    parser.delete();
  }
}

const files = (dir: string, extension: string, limit: number, maxBytes = 300_000): string[] =>
  sourceFiles(dir, extension, limit, maxBytes);
const fixtures = join(root, 'test/chunk/fixtures');
const evalCache = join(root, 'eval/cache');
const nm = join(root, 'node_modules');
/** Real code per language: dependencies, the system's Python, the eval corpora when fetched, and the fixtures. */
const CORPORA: Array<[Language, string[]]> = [
  [
    'typescript',
    [
      ...files(join(nm, 'zod'), '.ts', 60),
      ...files(evalCache, '.ts', 60),
      ...files(join(root, 'src'), '.ts', 80),
    ],
  ],
  ['tsx', files(fixtures, '.tsx.fixture', 5)],
  ['javascript', [...files(join(nm, 'typescript/lib'), '.js', 4, 4_000_000), ...files(evalCache, '.js', 60)]],
  ['python', [...files('/usr/lib/python3.11', '.py', 80), ...files(evalCache, '.py', 60)]],
  ['go', files(evalCache, '.go', 80)],
  ['rust', files(evalCache, '.rs', 80)],
  ['ruby', files(evalCache, '.rb', 60)],
];
for (const language of Object.keys(LANGUAGE_SPECS) as Language[]) {
  const sample = readdirSync(fixtures).filter((f) => languageOfFixture(f) === language);
  const entry = CORPORA.find(([l]) => l === language);
  const paths = sample.map((f) => join(fixtures, f));
  if (entry) entry[1].push(...paths.filter((p) => !entry[1].includes(p)));
  else CORPORA.push([language, paths]);
}

function languageOfFixture(name: string): Language | undefined {
  const ext = name
    .replace(/\.fixture$/, '')
    .split('.')
    .pop();
  const map: Record<string, Language> = {
    ts: 'typescript',
    tsx: 'tsx',
    js: 'javascript',
    py: 'python',
    go: 'go',
    rs: 'rust',
    java: 'java',
    c: 'c',
    cpp: 'cpp',
    cs: 'csharp',
    rb: 'ruby',
    php: 'php',
    kt: 'kotlin',
    swift: 'swift',
    scala: 'scala',
    sh: 'bash',
    lua: 'lua',
    ex: 'elixir',
    hs: 'haskell',
    zig: 'zig',
  };
  return ext ? map[ext] : undefined;
}

describe('definitions found by one walk give the chunks the query gave', () => {
  it('covers every language with a grammar', () => {
    for (const language of Object.keys(LANGUAGE_SPECS)) {
      expect(CORPORA.find(([l]) => l === language)?.[1].length ?? 0, language).toBeGreaterThan(0);
    }
  });

  it.each(CORPORA.map(([language, paths]) => [language, paths.length, paths] as const))(
    'chunks %s files identically (%i files)',
    async (language, _count, paths) => {
      const texts = paths.map((p) => readFileSync(p, 'utf8'));
      const expected = await referenceChunks(language, texts);
      for (let i = 0; i < texts.length; i++) {
        expect(await chunker.chunk(paths[i]!, language, texts[i]!), paths[i]).toEqual(expected[i]);
      }
    },
  );
});

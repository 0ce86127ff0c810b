/**
 * Single-file components (Vue, Svelte, Astro): a template, a style and one or two `<script>`
 * blocks (Astro: a `---` fence) in one file. The script blocks are parsed in place with the
 * TypeScript grammar (a superset of the JavaScript they usually hold), so their functions and
 * methods are definitions with the file's own rows; the component itself is a definition named after its file (`UserList.vue` is `UserList`,
 * its `fetchUsers` is `UserList.fetchUsers`), so a component that fits a chunk is one chunk under its
 * name, and a larger one is cut at its members with its template and style named after it.
 */
import { basename } from 'node:path';
import type { Parser, Tree } from 'web-tree-sitter';
import type { Chunk, Language } from '../core/index.js';
import { fileDefinition, findDefinitions, parseRows, statementRows } from './definitions.js';
import type { Definition, DefinitionTypes } from './definitions.js';
import type { LanguageSpec } from './languages/index.js';
import { rowOffsets } from './lines.js';
import type { LineTable } from './lines.js';
import { paragraphRows } from './outline.js';
import { Segmenter } from './segment.js';
import type { SegmentOptions } from './segment.js';

/** What a component needs of the loaded script grammar. */
export interface ScriptGrammar {
  readonly parser: Parser;
  readonly types: DefinitionTypes;
  readonly spec: LanguageSpec;
}

/** Languages whose files are components with embedded script blocks. */
export const COMPONENT_LANGUAGES: ReadonlySet<Language> = new Set(['vue', 'svelte', 'astro']);

/** The grammar that parses a component's script blocks. */
export const SCRIPT_LANGUAGE: Language = 'typescript';

/** The rows of a `<script>` block's content (between its tags), 0-based and inclusive. */
export interface ScriptBlock {
  readonly first: number;
  readonly last: number;
}

/**
 * The script blocks of a component: an Astro frontmatter fence, and from the row after an opening
 * `<script …>` that ends its row to the row before `</script>`. A block written on one row holds no
 * definitions worth a chunk and is left to the template's code.
 */
export function scriptBlocks(table: LineTable): ScriptBlock[] {
  const blocks: ScriptBlock[] = [];
  let row = 0;
  // Astro's component script: a `---` fence on the first row, up to the next `---`.
  if (/^---\s*$/.test(table.lines[0] ?? '')) {
    let close = 1;
    while (close < table.count && !/^---\s*$/.test(table.lines[close]!)) close++;
    if (close < table.count) {
      if (close > 1) blocks.push({ first: 1, last: close - 1 });
      row = close + 1;
    }
  }
  for (; row < table.count; row++) {
    if (!/^\s*<script\b[^>]*>\s*$/i.test(table.lines[row]!)) continue;
    let close = row + 1;
    while (close < table.count && !/^\s*<\/script\s*>/i.test(table.lines[close]!)) close++;
    if (close >= table.count) break;
    if (close > row + 1) blocks.push({ first: row + 1, last: close - 1 });
    row = close;
  }
  return blocks;
}

/** The name a component goes by: its file name without the extension (`UserList`, `user-list`). */
export function componentName(path: string): string {
  const name = basename(path);
  const dot = name.indexOf('.');
  return dot > 0 ? name.slice(0, dot) : name;
}

/**
 * Chunks of a single-file component: its script blocks parsed in place (an included range each, so
 * rows are the file's), the whole file a class named after it holding their definitions.
 */
export function componentChunks(
  grammar: ScriptGrammar,
  path: string,
  table: LineTable,
  text: string,
  options: SegmentOptions,
): Chunk[] {
  const offsets = rowOffsets(text);
  const trees: Tree[] = [];
  try {
    const defs: Definition[] = [];
    const rows: number[] = [];
    for (const block of scriptBlocks(table)) {
      const tree = parseRows(grammar.parser, text, offsets, block.first, block.last + 1);
      trees.push(tree);
      defs.push(...findDefinitions(tree, grammar.types, grammar.spec, table));
      rows.push(...statementRows(tree.rootNode));
    }
    const paragraphs = paragraphRows(table);
    const component = fileDefinition(
      { kind: 'class', symbol: componentName(path) },
      defs,
      () => [...rows, ...paragraphs].sort((a, b) => a - b),
      table.count,
    );
    const out: Chunk[] = [];
    new Segmenter(table, options).emit(
      0,
      table.count - 1,
      [component],
      { kind: 'code', symbol: null, rows: () => paragraphs },
      out,
    );
    return out;
  } finally {
    for (const tree of trees) tree.delete();
  }
}

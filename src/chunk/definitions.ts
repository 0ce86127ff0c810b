/**
 * Turns a syntax tree into a tree of definitions: kind, qualified symbol, and the row range
 * including wrappers (export, decorators, templates) and the comments/attributes directly above.
 */
import type { Language as Grammar, Node, Parser, Tree } from 'web-tree-sitter';
import type { ChunkKind } from '../core/index.js';
import { COMMENT_TYPES, defaultName } from './languages/spec.js';
import type { FileDefinition, LanguageSpec } from './languages/spec.js';
import type { LineTable } from './lines.js';

/**
 * A definition: found in a syntax tree, or by line patterns where there is no grammar
 * (src/chunk/outline.ts). Rows are 0-based and inclusive.
 */
export interface Definition {
  readonly kind: ChunkKind;
  readonly symbol: string | null;
  /** First row, including leading comments, decorators and attributes. */
  start: number;
  /** Last row; a C function that swallowed the next one by error recovery ends above it. */
  end: number;
  /** Row where the definition itself (its outermost node, below what leads it) starts. */
  readonly header: number;
  /** Preferred rows to cut at when it must be split: where its statements or members start. */
  readonly rows: () => readonly number[];
  readonly children: Definition[];
}

/** Kinds that hold members: a function directly inside one is a method. */
export const CLASS_LIKE: ReadonlySet<ChunkKind> = new Set([
  'class',
  'struct',
  'interface',
  'trait',
  'impl',
  'enum',
]);
const CONSTRUCTOR_NAMES = new Set(['constructor', '__init__', '__construct', 'initialize', 'init']);
/**
 * Parses rows `first`…`next - 1` of `text` in place, as an included range, so the tree's rows and
 * offsets are the whole text's. `offsets` are the text's row starts (`rowOffsets` in lines.ts).
 */
export function parseRows(
  parser: Parser,
  text: string,
  offsets: readonly number[],
  first: number,
  next: number,
): Tree {
  const range = {
    startIndex: offsets[first]!,
    startPosition: { row: first, column: 0 },
    endIndex: offsets[next] ?? text.length,
    endPosition: { row: next, column: 0 },
  };
  const tree = parser.parse(text, null, { includedRanges: [range] });
  if (!tree) throw new Error('tree-sitter returned no tree');
  return tree;
}

/** Kinds that are functions: a definition inside one is part of its body. */
export const FUNCTION_LIKE: ReadonlySet<ChunkKind> = new Set(['function', 'method', 'constructor']);

/** The last row a node really occupies (a node ending at column 0 ends on the row before). */
export function lastRow(node: Node): number {
  const end = node.endPosition;
  return end.column === 0 && end.row > node.startPosition.row ? end.row - 1 : end.row;
}

/**
 * {@link lastRow} for `LanguageSpec.indentedBodies`: the last row with content before the one a node
 * ends in when it ends in that row's indentation (Scala's `def f: T =` and an indented body end after
 * the next line's leading spaces, and that line is the next definition's header); a comment that is
 * the body's very last child documents what follows and is left out.
 */
function ownLastRow(node: Node, table: LineTable): number {
  // A comment that is the very last child (no closing token after it) documents what follows.
  for (let cur: Node | null = node; cur && cur.childCount > 0; cur = cur.lastChild) {
    const last = cur.lastChild;
    if (last && COMMENT_TYPES.has(last.type)) {
      let p = last.previousSibling;
      while (p && COMMENT_TYPES.has(p.type)) p = p.previousSibling;
      if (p) return ownLastRow(p, table);
      break;
    }
  }
  const row = lastRow(node);
  const end = node.endPosition;
  if (
    end.row === row &&
    row > node.startPosition.row &&
    (table.lines[row] ?? '').slice(0, end.column).trim() === ''
  )
    return Math.max(node.startPosition.row, table.lastContent(node.startPosition.row, row - 1));
  return row;
}

/** The definition node types a grammar has, for {@link findDefinitions}. */
export interface DefinitionTypes {
  readonly names: readonly string[];
  /** Names that are also anonymous tokens (Ruby's `class` keyword): only named nodes count. */
  readonly alsoAnonymous: ReadonlySet<string>;
}

export function definitionTypes(grammar: Grammar, spec: LanguageSpec): DefinitionTypes {
  const names = Object.keys(spec.definitions).filter((t) => grammar.idForNodeType(t, true));
  const alsoAnonymous = new Set<string>();
  for (let id = 0; id < grammar.nodeTypeCount; id++) {
    const name = grammar.nodeTypeForId(id);
    if (name !== null && names.includes(name) && !grammar.nodeTypeIsNamed(id)) alsoAnonymous.add(name);
  }
  return { names, alsoAnonymous };
}

interface Open {
  readonly def: Definition;
  readonly endIndex: number;
}

/** Definitions of the file as a forest, in source order. */
export function findDefinitions(
  tree: Tree,
  types: DefinitionTypes,
  spec: LanguageSpec,
  table: LineTable,
): Definition[] {
  const wrappers = new Set(spec.wrappers ?? []);
  const leading = new Set([...COMMENT_TYPES, ...(spec.leading ?? [])]);
  const seen = new Set<number>();
  const found: Array<{
    node: Node;
    outer: Node;
    last: Node;
    kind: ChunkKind;
    name: string | null;
    endIndex: number;
  }> = [];

  // One walk of the tree inside the runtime, in document order (a parent before its children):
  // cheaper than a query, which matches the same nodes in the same order.
  for (const node of tree.rootNode.descendantsOfType(types.names as string[])) {
    if (node === null) continue;
    const type = node.type;
    const base = spec.definitions[type];
    if (base === undefined || (types.alsoAnonymous.has(type) && !node.isNamed)) continue;
    const kind = spec.kind ? spec.kind(node, base) : base;
    if (kind === null) continue;
    let outer = node;
    // `parent` is a walk from the root inside the runtime: ask once per level, and only when it matters.
    if (wrappers.size > 0) {
      for (let parent = outer.parent; parent && wrappers.has(parent.type); parent = parent.parent)
        outer = parent;
    }
    if (seen.has(outer.id)) continue;
    seen.add(outer.id);
    const custom = spec.name?.(node);
    const name = custom === undefined ? defaultName(node) : custom;
    const last = continuation(spec, node, outer, seen);
    found.push({ node, outer, last, kind, name, endIndex: last.endIndex });
  }
  found.sort((x, y) => x.outer.startIndex - y.outer.startIndex || y.endIndex - x.endIndex);

  const roots: Definition[] = [];
  const stack: Open[] = [];
  for (const item of found) {
    while (stack.length > 0 && stack[stack.length - 1]!.endIndex <= item.outer.startIndex) stack.pop();
    const swallowedBy: Definition[] = [];
    if (spec.escapesFunction && FUNCTION_LIKE.has(item.kind) && isFunction(stack[stack.length - 1]?.def)) {
      if (!spec.escapesFunction(item.node)) continue;
      while (isFunction(stack[stack.length - 1]?.def)) swallowedBy.push(stack.pop()!.def);
    }
    const parent = stack[stack.length - 1]?.def;
    const kind = memberKind(item.kind, item.name, parent !== undefined && CLASS_LIKE.has(parent.kind));
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
      end: Math.max(start, spec.indentedBodies ? ownLastRow(item.last, table) : lastRow(item.last)),
      header: start,
      rows: () => statementRows(item.outer),
      children: [],
    };
    for (const outer of swallowedBy) {
      outer.end = Math.max(outer.start, table.lastContent(outer.start, def.start - 1));
    }
    (parent ? parent.children : roots).push(def);
    stack.push({ def, endIndex: item.endIndex });
  }
  return roots;
}

/** A function inside a type, or one with a qualified name (`M.load`), is a method; `init` constructs. */
export function memberKind(kind: ChunkKind, name: string | null, inType: boolean): ChunkKind {
  if (kind === 'function' && (inType || (name !== null && name.includes('.')))) kind = 'method';
  if (kind === 'method' && name !== null && CONSTRUCTOR_NAMES.has(name)) kind = 'constructor';
  return kind;
}

/**
 * The definition a whole file is (`LanguageSpec.file`), holding the file's definitions `defs`
 * (the roots {@link findDefinitions} found) as its members, qualified by its symbol.
 */
export function fileDefinition(
  file: FileDefinition,
  defs: readonly Definition[],
  cuts: () => readonly number[],
  rows: number,
): Definition {
  const inType = CLASS_LIKE.has(file.kind);
  const member = (def: Definition, top: boolean): Definition => ({
    ...def,
    kind: top ? memberKind(def.kind, def.symbol, inType) : def.kind,
    symbol: def.symbol === null ? file.symbol : `${file.symbol}.${def.symbol}`,
    children: def.children.map((child) => member(child, false)),
  });
  return {
    kind: file.kind,
    symbol: file.symbol,
    start: 0,
    end: rows - 1,
    header: 0,
    rows: cuts,
    children: defs.map((d) => member(d, true)),
  };
}

function isFunction(def: Definition | undefined): boolean {
  return def !== undefined && FUNCTION_LIKE.has(def.kind);
}

/**
 * The last node of definition `node` (whose outermost node is `outer`): Haskell's further equations
 * and `{-# INLINE f #-}`, Elixir's further clauses continue it (`LanguageSpec.continues`). The
 * siblings it takes are marked `seen`, so they start no definition of their own.
 */
export function continuation(spec: LanguageSpec, node: Node, outer: Node, seen: Set<number>): Node {
  let last = outer;
  if (!spec.continues) return last;
  for (let next = last.nextNamedSibling; next && spec.continues(next, node); next = next.nextNamedSibling) {
    seen.add(next.id);
    last = next;
  }
  return last;
}

/**
 * Walks up over comment/attribute siblings that sit directly above `node` (no blank line between)
 * and start their own line. Ruby and others put a class's comment in the parent, so when a node
 * opens its parent the parent's previous siblings are looked at too. A block doc comment one blank
 * line above counts (`isSpacedDocComment`), and so do comments the grammar put at the end of the
 * previous sibling (Kotlin's imports, Haskell's `imports`).
 */
export function leadingStart(
  node: Node,
  leading: ReadonlySet<string>,
  table: LineTable,
  floor: number,
): number {
  let start = node.startPosition.row;
  let current: Node | null = node;
  while (current) {
    let prev: Node | null = current.previousNamedSibling;
    // koa's, libyaml's `/** Doc. */` + blank line + definition: the comment still documents it.
    if (prev && isSpacedDocComment(prev, start, table) && prev.startPosition.row >= floor) {
      start = prev.startPosition.row;
      prev = prev.previousNamedSibling;
    }
    ({ start, stop: prev } = leadingRun(prev, start, leading, table, floor));
    // The same above what leads it: `-- | Doc.`, a blank line, then `self :: String` and `self = …`.
    if (
      prev &&
      prev !== current.previousNamedSibling &&
      isSpacedDocComment(prev, start, table) &&
      prev.startPosition.row >= floor
    ) {
      start = prev.startPosition.row;
      ({ start, stop: prev } = leadingRun(prev.previousNamedSibling, start, leading, table, floor));
    }
    // Kotlin's `import_list`/`package_header` and Haskell's `imports` end with the comment of the
    // declaration after them (in their last child, or deeper): take those trailing comments too.
    if (prev && !leading.has(prev.type) && lastRow(prev) >= start - 1) {
      let child: Node | null = prev.lastNamedChild;
      while (child && !leading.has(child.type) && lastRow(child) >= start - 1) child = child.lastNamedChild;
      start = leadingRun(child, start, leading, table, floor).start;
    }
    if (prev) break;
    const parent: Node | null = current.parent;
    // The parent opens at the node or at what leads it (Haskell's `declarations` at a signature).
    if (
      !parent ||
      (parent.startPosition.row !== current.startPosition.row && parent.startPosition.row !== start)
    )
      break;
    current = parent;
  }
  return start;
}

/**
 * Walks back from `node` over leading nodes (comments, attributes) that end directly above `start`,
 * start on a line of their own and no higher than `floor`: the new start, and the node it stopped at.
 */
function leadingRun(
  node: Node | null,
  start: number,
  leading: ReadonlySet<string>,
  table: LineTable,
  floor: number,
): { start: number; stop: Node | null } {
  let at = node;
  while (
    at &&
    leading.has(at.type) &&
    lastRow(at) >= start - 1 &&
    at.startPosition.row >= floor &&
    startsOwnLine(at, table)
  ) {
    start = at.startPosition.row;
    at = at.previousNamedSibling;
  }
  return { start, stop: at };
}

/** Whether nothing but whitespace precedes `node` on its first line. */
function startsOwnLine(node: Node, table: LineTable): boolean {
  return (table.lines[node.startPosition.row] ?? '').slice(0, node.startPosition.column).trim() === '';
}

/**
 * A block comment that ends one blank line above `start` on a line of its own and is not the file's
 * opening (licence) comment: `/**` doc comments, and C's `/*` ones, written with a blank line after;
 * and Haskell's `-- |` Haddock comments.
 */
function isSpacedDocComment(node: Node, start: number, table: LineTable): boolean {
  if (lastRow(node) !== start - 2) return false;
  if ((table.lines[start - 1] ?? 'x').trim() !== '') return false;
  const text = node.text;
  // Haskell's `-- | Name of the executable.`, a blank line, then `self :: String`.
  if (node.type === 'haddock') return /^(--\s*\||\{-\s*\|)/.test(text) && startsOwnLine(node, table);
  if (!COMMENT_TYPES.has(node.type)) return false;
  if (!text.startsWith('/*') || !text.trimEnd().endsWith('*/') || !text.includes('\n')) return false;
  if (
    !text.startsWith('/**') &&
    (node.previousNamedSibling === null || /copyright|licen[cs]e|spdx/i.test(text))
  )
    return false;
  return startsOwnLine(node, table);
}

/**
 * Rows where statements of a node's body start: preferred cut points when it must be split.
 * Descends into the child that spans most of the node (the body of a function or class) and
 * collects the start rows of children at every level on the way.
 */
export function statementRows(node: Node): number[] {
  const rows: number[] = [];
  let current: Node = node;
  for (let depth = 0; depth < 6; depth++) {
    const children = current.namedChildren.filter((c): c is Node => c !== null);
    if (children.length === 0) break;
    for (const child of children) rows.push(child.startPosition.row);
    const span = (n: Node) => n.endPosition.row - n.startPosition.row;
    const biggest = children.reduce((a, b) => (span(b) > span(a) ? b : a));
    if (span(biggest) * 2 < span(current)) break;
    current = biggest;
  }
  return rows;
}

/**
 * What the chunker needs to know about one grammar: which nodes are definitions, what wraps them,
 * what leads them (doc comments, attributes) and how to name them when the `name` field is not enough.
 */
import type { Node } from 'web-tree-sitter';
import type { ChunkKind } from '../../core/index.js';

export interface WasmSource {
  readonly package: string;
  readonly file: string;
}

/** A grammar from `tree-sitter-wasms` (the default source for most languages, one ABI). */
export function wasms(stem: string): WasmSource {
  return { package: 'tree-sitter-wasms', file: `out/tree-sitter-${stem}.wasm` };
}

/** A per-language table. Keep each one small: the generic walker does the rest. */
export interface LanguageSpec {
  /** Where the grammar's `.wasm` lives: an npm package and a path inside it. */
  readonly wasm: WasmSource;
  /** Definition node types and the kind each one is before refinement. */
  readonly definitions: Readonly<Record<string, ChunkKind>>;
  /** Parent node types that belong to a definition's range (`export`, decorators, templates). */
  readonly wrappers?: readonly string[];
  /** Sibling node types directly above a definition that belong to it (besides comments). */
  readonly leading?: readonly string[];
  /**
   * The definition's own name; `undefined` falls back to the `name` field (or the first
   * identifier-like child). Use `.` to qualify (`Server.Start`).
   */
  name?(node: Node): string | null | undefined;
  /**
   * Whether `next`, the named sibling right after definition `node` (or after what already
   * continues it), is more of the same definition: Haskell's further equations of a function and its
   * `{-# INLINE #-}` pragma, Elixir's further clauses. It then ends the definition instead of
   * starting its own.
   */
  continues?(next: Node, node: Node): boolean;
  /**
   * The grammar ends an indented body (Scala's `def f: T =` and a body on the next lines) in the
   * next line's indentation, and keeps a comment after the body, which documents the next definition,
   * as the body's last child: such a definition ends on its last line of its own.
   */
  readonly indentedBodies?: boolean;
  /** Refines the kind (`struct` vs `class`); `null` means "not a definition after all". */
  kind?(node: Node, kind: ChunkKind): ChunkKind | null;
  /**
   * For grammars whose functions never nest (C, C++), where a function found directly inside another
   * is a misparse: true when `node` is a real function that the outer one swallowed (the outer one then
   * ends above it and it is not qualified by it), false when it is a statement read as a function (it
   * stays part of the outer one and is no definition).
   */
  escapesFunction?(node: Node): boolean;
  /**
   * For grammars whose error recovery can swallow the rest of a file (bash): where definitions start,
   * as far as the text alone tells. Called only for a file whose tree has errors; each piece between
   * two points is then parsed on its own, so an error cannot reach past the next definition, and a
   * piece whose own parse fails at its header still gets the point's definition.
   */
  splitOnError?(lines: readonly string[]): readonly SplitPoint[];
  /**
   * The definition a whole file is, from its path (`lib/std/zig/Ast.zig`), or null. `defined` tells
   * whether the file has definitions of its own. A type's top-level definitions become its members
   * (Zig's `Ast.zig` is the struct `Ast`, and its functions are `Ast.tokenLocation`); any such
   * definition names the code outside its members (a bash command without functions).
   */
  file?(path: string, defined: boolean): FileDefinition | null;
  /**
   * The text the grammar parses, when it trips over something in the file: same length and same
   * lines as `text` (chunks are cut from the file itself).
   */
  prepare?(text: string): string;
}

/** What {@link LanguageSpec.file} says a file is. */
export interface FileDefinition {
  readonly kind: ChunkKind;
  readonly symbol: string;
}

/** A definition start found in the text, for {@link LanguageSpec.splitOnError}. Rows are 0-based. */
export interface SplitPoint {
  /** First row of the piece: the header or the comments directly above it; increasing across points. */
  readonly row: number;
  /** Row the definition itself starts on. */
  readonly header: number;
  /** Its last row as the text suggests, used only when the piece does not parse as a definition. */
  readonly end: number;
  readonly kind: ChunkKind;
  readonly name: string;
}

/** Comment node types across the grammars; they lead a definition when directly above it. */
export const COMMENT_TYPES: ReadonlySet<string> = new Set([
  'comment',
  'line_comment',
  'block_comment',
  'multiline_comment',
  'doc_comment',
]);

const IDENTIFIER_TYPES = new Set([
  'identifier',
  'type_identifier',
  'simple_identifier',
  'constant',
  'name',
  'property_identifier',
  'field_identifier',
  'namespace_identifier',
  'word',
]);

/** The default name: the `name` field, else the first identifier-like named child. */
export function defaultName(node: Node): string | null {
  const field = node.childForFieldName('name');
  if (field) return cleanName(field.text);
  for (let i = 0; i < node.namedChildCount; i++) {
    const child = node.namedChild(i);
    if (child && IDENTIFIER_TYPES.has(child.type)) return cleanName(child.text);
  }
  return null;
}

/** `ns::Foo<T>` → `ns.Foo`; `App\Http` → `App.Http`; whitespace removed. */
export function cleanName(text: string): string | null {
  let out = '';
  let depth = 0;
  for (const ch of text) {
    if (ch === '<' || ch === '[') depth++;
    else if (ch === '>' || ch === ']') depth = Math.max(0, depth - 1);
    else if (depth === 0) out += ch;
  }
  out = out
    .replace(/::|\\/g, '.')
    .replace(/`/g, '')
    .replace(/\s+/g, '')
    .replace(/^\.+|\.+$/g, '');
  return out === '' ? null : out;
}

/** The first anonymous (keyword) child among `keywords`, e.g. `struct` in Swift's class_declaration. */
export function keyword(node: Node, keywords: readonly string[]): string | null {
  for (let i = 0; i < node.childCount; i++) {
    const child = node.child(i);
    if (child && !child.isNamed && keywords.includes(child.type)) return child.type;
  }
  return null;
}

/** The first descendant of one of `types` (depth-first), or null. */
export function firstDescendant(node: Node, types: readonly string[]): Node | null {
  if (types.includes(node.type)) return node;
  for (let i = 0; i < node.namedChildCount; i++) {
    const child = node.namedChild(i);
    const found = child ? firstDescendant(child, types) : null;
    if (found) return found;
  }
  return null;
}

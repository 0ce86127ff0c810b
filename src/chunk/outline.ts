/**
 * Definitions of languages without a tree-sitter grammar in the image (Perl, Tcl, R, SQL, OCaml,
 * Dart, Objective-C and the others of `languages/outlines.ts`), found line by line: a header pattern per kind of definition, comment and documentation rows that
 * lead it, and an end found from the header (by brackets, a statement's `;`, indentation, a closing
 * row or the next header; `OutlineBody`). The result is the same
 * definition forest a syntax tree gives, so the same segmenter turns it into chunks: a named
 * function is one chunk instead of the middle of a line window. Nothing here is a parser: a
 * miscounted bracket moves an end, never a line out of the index (the segmenter covers every row).
 */
import type { ChunkKind } from '../core/index.js';
import { CLASS_LIKE, FUNCTION_LIKE, memberKind } from './definitions.js';
import type { Definition } from './definitions.js';
import type { LineTable } from './lines.js';

/** How far a definition reaches from its header. */
export type OutlineBody =
  /** To the row where the first `{` (or `(`) opened on its first rows closes; without one, its header. */
  | '{'
  | '('
  /** To the row before the next definition of any kind (SQL functions, OCaml's top-level `let`s). */
  | 'next'
  /** To the first row ending in `;` outside brackets, dollar quotes and `BEGIN … END` (SQL statements). */
  | ';'
  /** Perl's `package Foo;`: to the next header of the same rule; the definitions between are its members. */
  | 'scope'
  /**
   * Over the rows indented deeper than the header, and a closing `end` (or bracket) at its own
   * indentation: Julia's and MATLAB's `function … end`.
   */
  | 'indent'
  /** To the first row from the header that matches the rule's `until` (Objective-C's `@end`, Erlang's final `.`). */
  | 'until';

export interface OutlineRule {
  /** Matches a header row; the name is the group `name`, else the first group that matched. */
  readonly pattern: RegExp;
  readonly kind: ChunkKind;
  readonly body: OutlineBody;
  /** Rejects a match that only looks like a header (a Dart statement `return Foo(`). */
  readonly accept?: (match: RegExpExecArray) => boolean;
  /**
   * The name from the match, when a group is not enough: Objective-C selectors
   * (`initWithFrame:style:`), Tcl's `constructor {args} {` that names none.
   */
  readonly naming?: (match: RegExpExecArray) => string | null;
  /** For body `'until'`: the row that ends the definition, tested as brackets are counted. */
  readonly until?: RegExp;
}

/** The line patterns of one language. */
export interface OutlineSpec {
  /** Tried in order on every row outside documentation; the first that matches wins. */
  readonly headers: readonly OutlineRule[];
  /** A row that is a comment (or an annotation) on its own: it leads the definition below it. */
  readonly comment: RegExp;
  /** Rows from one matching `open` to the next matching `close` are documentation (POD, `(* *)`). */
  readonly block?: { readonly open: RegExp; readonly close: RegExp };
  /** A row that ends the code (Perl's `__END__`): it and every row after it are documentation. */
  readonly end?: RegExp;
  /** The row as brackets are counted: strings and trailing comments removed. Default: the row. */
  readonly bracketText?: (line: string) => string;
}

/** Rows a definition looks at for the bracket that opens its body. */
const OPENER_ROWS = 5;
/**
 * Rows a body's end is looked for in. A longer definition (or a bracket that never closes, such as
 * an unbalanced one in a heredoc) runs to the next header instead, and a file whose every body is
 * unbalanced costs rows × headers up to this bound, not up to its length.
 */
const MAX_BODY_ROWS = 2000;

interface Header {
  readonly row: number;
  readonly rule: OutlineRule;
  readonly name: string | null;
}

/** The definition forest of a file by `spec`'s patterns; empty when no header matched. */
export function outlineDefinitions(table: LineTable, spec: OutlineSpec): Definition[] {
  const doc = documentationRows(table, spec);
  const headers = findHeaders(table, spec, doc);
  if (headers.length === 0) return [];
  const texts: Array<string | undefined> = [];
  const text = (row: number): string =>
    (texts[row] ??= doc[row] ? '' : (spec.bracketText?.(table.lines[row]!) ?? table.lines[row]!));
  const limit = (row: number) => Math.min(table.count, row + MAX_BODY_ROWS);
  const starts = headers.map((h) => leadingStart(table, doc, h.row));
  const nextStart = (i: number, same?: OutlineRule): number => {
    for (let j = i + 1; j < headers.length; j++) if (!same || headers[j]!.rule === same) return starts[j]!;
    return table.count;
  };

  const roots: Definition[] = [];
  const stack: Array<{ def: Definition; nested: number[] }> = [];
  for (let i = 0; i < headers.length; i++) {
    const { row, rule, name } = headers[i]!;
    while (stack.length > 0 && stack[stack.length - 1]!.def.end < row) stack.pop();
    if (rule.body === 'scope') stack.length = 0;
    const parent = stack[stack.length - 1];
    if (parent && FUNCTION_LIKE.has(parent.def.kind)) {
      // A function inside a function is part of its body; its header is still a good place to cut.
      parent.nested.push(row);
      continue;
    }
    const flat = nextStart(i) - 1;
    let end: number;
    if (rule.body === 'scope') end = nextStart(i, rule) - 1;
    else if (rule.body === 'next') end = flat;
    else if (rule.body === ';') end = statementEnd(row, limit(row), text) ?? flat;
    else if (rule.body === 'indent') end = indentEnd(row, table, doc);
    else if (rule.body === 'until') end = untilEnd(row, limit(row), text, rule.until!) ?? flat;
    else end = bracketEnd(row, limit(row), text, rule.body) ?? flat;
    if (parent) end = Math.min(end, parent.def.end);
    end = Math.max(row, table.lastContent(row, end));
    const floor = parent ? parent.def.header + 1 : 0;
    const member = memberOf(parent?.def, rule.kind, name);
    const nested: number[] = [];
    const def: Definition = {
      ...member,
      start: Math.max(floor, starts[i]!),
      end,
      header: row,
      rows: () => cutRows(table, row, end, nested),
      children: [],
    };
    (parent ? parent.def.children : roots).push(def);
    stack.push({ def, nested });
  }
  return roots;
}

/** Rows where a file without definitions of its own (its top-level code) may be cut: paragraph starts. */
export function paragraphRows(table: LineTable): number[] {
  return cutRows(table, -1, table.count - 1, []);
}

/**
 * Kind and qualified symbol of a definition named `name` inside `parent`. A function named after
 * its class (Dart's `Counter(…)`, `Counter.zero(…)`) constructs it: `Counter.Counter`, `Counter.zero`.
 */
function memberOf(
  parent: Definition | undefined,
  kind: ChunkKind,
  name: string | null,
): { kind: ChunkKind; symbol: string | null } {
  if (!parent) return { kind: memberKind(kind, name, false), symbol: name };
  if (name === null) return { kind, symbol: parent.symbol };
  const inType = CLASS_LIKE.has(parent.kind);
  const type = parent.symbol?.slice(parent.symbol.lastIndexOf('.') + 1);
  if (inType && FUNCTION_LIKE.has(kind) && type && (name === type || name.startsWith(`${type}.`))) {
    return {
      kind: 'constructor',
      symbol: `${parent.symbol}.${name === type ? name : name.slice(type.length + 1)}`,
    };
  }
  return { kind: memberKind(kind, name, inType), symbol: parent.symbol ? `${parent.symbol}.${name}` : name };
}

/** Marks of {@link documentationRows}: a comment row, a row of a documentation block. */
const COMMENT = 1;
const BLOCK = 2;

/** A mark for every row of documentation or comment: those lead definitions and hold no headers. */
function documentationRows(table: LineTable, spec: OutlineSpec): Uint8Array {
  const doc = new Uint8Array(table.count);
  let inBlock = false;
  for (let row = 0; row < table.count; row++) {
    const line = table.lines[row]!;
    if (spec.end?.test(line)) {
      doc.fill(BLOCK, row);
      break;
    }
    if (!inBlock && spec.block?.open.test(line)) inBlock = true;
    if (inBlock) {
      doc[row] = BLOCK;
      // A one-row block (`(** Doc. *)`) closes where it opens.
      if (spec.block!.close.test(line)) inBlock = false;
      continue;
    }
    if (spec.comment.test(line)) doc[row] = COMMENT;
  }
  return doc;
}

function findHeaders(table: LineTable, spec: OutlineSpec, doc: Uint8Array): Header[] {
  const headers: Header[] = [];
  for (let row = 0; row < table.count; row++) {
    if (doc[row]) continue;
    const line = table.lines[row]!;
    for (const rule of spec.headers) {
      const match = rule.pattern.exec(line);
      if (!match || (rule.accept && !rule.accept(match))) continue;
      const name = rule.naming
        ? rule.naming(match)
        : (match.groups?.['name'] ?? match.slice(1).find((g) => g !== undefined) ?? null);
      headers.push({ row, rule, name });
      break;
    }
  }
  return headers;
}

/**
 * The first row of what leads the header on `row`: the comment rows right above it, and a
 * documentation block (POD ending in `=cut`) one blank row above.
 */
function leadingStart(table: LineTable, doc: Uint8Array, row: number): number {
  let r = row - 1;
  if (r > 0 && table.isBlank(r) && doc[r - 1] === BLOCK && !table.isBlank(r - 1)) r--;
  while (r >= 0 && doc[r]) r--;
  return r + 1 < row ? table.firstContent(r + 1, row) : row;
}

/**
 * The row where the bracket first opened on rows `row`…`row + OPENER_ROWS` closes again (checked at
 * row ends, so Tcl's `proc f {args} {` opens its body, not just its argument list). A declaration
 * that ends in `;` before any opens (`sub f;`, Dart's `int get x => _x;`) ends there; one with no
 * bracket at all (R's `f <- function(x) x + 1`) is its header. Null when the bracket never closes.
 */
function bracketEnd(
  row: number,
  rows: number,
  text: (row: number) => string,
  open: '{' | '(',
): number | null {
  const close = open === '{' ? '}' : ')';
  let depth = 0;
  let opened = false;
  for (let r = row; r < rows; r++) {
    const line = text(r);
    for (const ch of line) {
      if (ch === open) {
        depth++;
        opened = true;
      } else if (ch === close && opened) depth--;
    }
    if (opened && depth <= 0) return r;
    if (!opened && /;\s*$/.test(line)) return r;
    if (!opened && r - row >= OPENER_ROWS) return row;
  }
  return null;
}

/**
 * The first row from `row` that ends in `;` outside brackets, dollar quotes and `BEGIN … END`
 * blocks (SQL statements, and the bodies of functions written in them), or null.
 */
function statementEnd(row: number, rows: number, text: (row: number) => string): number | null {
  let depth = 0;
  let blocks = 0;
  let quoted = false;
  for (let r = row; r < rows; r++) {
    const line = text(r);
    // PostgreSQL's `AS $$ … $$` (or `$body$`): the body between is one string.
    const pieces = line.split(/\$[A-Za-z_]*\$/);
    for (let i = 0; i < pieces.length; i++) {
      if (i > 0) quoted = !quoted;
      if (quoted) continue;
      const piece = pieces[i]!;
      for (const ch of piece) {
        if (ch === '(') depth++;
        else if (ch === ')') depth--;
      }
      blocks += (piece.match(/\bbegin\b(?!\s*(?:;|transaction\b|work\b))/gi) ?? []).length;
      blocks -= (piece.match(/\bend\b(?!\s+(?:if|loop|case|while|repeat)\b)/gi) ?? []).length;
    }
    if (!quoted && depth <= 0 && blocks <= 0 && /;\s*$/.test(line)) return r;
  }
  return null;
}

/**
 * The last row of an indented body under the header on `row`: rows indented deeper (comments at
 * any indentation do not end it), then a row at the header's own indentation that closes it
 * (`end`, a bracket). Without a deeper row, the header alone.
 */
function indentEnd(row: number, table: LineTable, doc: Uint8Array): number {
  const indent = (line: string) => line.length - line.trimStart().length;
  const base = indent(table.lines[row]!);
  let last = row;
  for (let r = row + 1; r < table.count; r++) {
    const line = table.lines[r]!;
    if (table.isBlank(r) || doc[r]) continue;
    const at = indent(line);
    if (at > base) {
      last = r;
      continue;
    }
    if (at === base && /^\s*(?:end\b|[}\])])/.test(line)) last = r;
    break;
  }
  return last;
}

/** The first row from `row` whose text (as brackets are counted) matches `until`, or null. */
function untilEnd(row: number, rows: number, text: (row: number) => string, until: RegExp): number | null {
  for (let r = row; r < rows; r++) if (until.test(text(r))) return r;
  return null;
}

/** Preferred cuts in a definition (header row `row`, last row `end`): nested headers, paragraph starts. */
function cutRows(table: LineTable, row: number, end: number, nested: readonly number[]): number[] {
  const rows = [...nested];
  for (let r = row + 2; r <= end; r++) if (table.isBlank(r - 1) && !table.isBlank(r)) rows.push(r);
  return rows.sort((a, b) => a - b);
}

/** C and C++: definitions with bodies only (a `struct foo *p` mention is not a definition). */
import type { Node } from 'web-tree-sitter';
import type { ChunkKind } from '../../core/index.js';
import type { LanguageSpec } from './spec.js';
import { cleanName, wasms } from './spec.js';
import { lastRow } from '../definitions.js';

const DECLARATOR_NAMES = new Set([
  'identifier',
  'field_identifier',
  'qualified_identifier',
  'destructor_name',
  'operator_name',
  'type_identifier',
]);

/** Words that start statements: `else if (x) {` misread as a function named `if` is not one. */
const STATEMENT_KEYWORDS = new Set([
  'if',
  'else',
  'while',
  'for',
  'do',
  'switch',
  'case',
  'return',
  'sizeof',
]);

/** The declarator's name (raw text), and whether a function declarator was passed on the way down. */
function declarator(node: Node): { text: string; isFunction: boolean } | null {
  let current: Node | null = node.childForFieldName('declarator');
  let isFunction = false;
  for (let depth = 0; current && depth < 8; depth++) {
    if (DECLARATOR_NAMES.has(current.type)) return { text: current.text, isFunction };
    if (current.type === 'operator_cast') {
      return { text: `operator ${current.childForFieldName('type')?.text ?? ''}`, isFunction: true };
    }
    if (current.type === 'function_declarator') {
      isFunction = true;
      // `MACRO Type name (` can leave the name in an error node between the type and the parameters.
      const stray = current.namedChildren.find((c) => c !== null && c.type === 'ERROR');
      if (stray && /^\s*[A-Za-z_]\w*\s*$/.test(stray.text)) return { text: stray.text, isFunction };
    }
    // `reference_declarator` (`T& f()`) holds its declarator without a field name.
    current =
      current.childForFieldName('declarator') ??
      current.namedChildren.find(
        (c) => c !== null && (DECLARATOR_NAMES.has(c.type) || c.type.endsWith('_declarator')),
      ) ??
      null;
  }
  return null;
}

function declaratorName(node: Node): string | null {
  const found = declarator(node);
  return found ? declaredName(found.text) : null;
}

/**
 * Tree-sitter's error recovery reads `MACRO Type name(` (`GLM_FUNC_QUALIFIER GLM_CONSTEXPR vec<L, T, Q> abs(`)
 * as one qualified identifier without `::`. A declarator name has no spaces outside template arguments
 * except after `operator`, so the last word is kept (from `operator` on when there is one). The
 * operator's own symbols stay: `<` in `operator<` opens no template arguments.
 */
function declaredName(text: string): string | null {
  let flat = '';
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (depth === 0 && /(^|[^\w])operator\s*$/.test(flat)) {
      flat += text.slice(i);
      break;
    }
    if (ch === '<') depth++;
    else if (ch === '>') depth = Math.max(0, depth - 1);
    else if (depth === 0) flat += ch;
  }
  const words = flat
    .replace(/\s*::\s*/g, '::')
    .trim()
    .split(/\s+/);
  const op = words.findIndex((w) => /(^|::)operator(\W|$)/.test(w));
  if (op < 0) return cleanName(words.at(-1) ?? text);
  const joined = words.slice(op).join('');
  const at = joined.search(/operator(\W|$)/);
  const symbols = /^operator\s*([-+*/%^&|~!=<>,]+|\(\s*\)|\[\s*\])/.exec(joined.slice(at));
  if (!symbols) return cleanName(joined);
  const scope = at > 0 ? cleanName(joined.slice(0, at)) : null;
  const operator = `operator${symbols[1]!.replace(/\s+/g, '')}`;
  return scope ? `${scope}.${operator}` : operator;
}

function needsBody(node: Node, kind: ChunkKind): ChunkKind | null {
  if (node.type.endsWith('_specifier')) return node.childForFieldName('body') ? kind : null;
  // One-line `#define is_x(v) …` stay with their neighbours; multi-line ones are definitions.
  if (node.type === 'preproc_function_def') return lastRow(node) - node.startPosition.row >= 2 ? kind : null;
  return kind;
}

const CLASS_SPECIFIERS = new Set(['class_specifier', 'struct_specifier', 'union_specifier']);

/** Constructors are named after their class: `Foo::Foo` out of class, `Foo(…)` (no return type) in it. */
function cppKind(node: Node, kind: ChunkKind): ChunkKind | null {
  if (node.type !== 'function_definition') return needsBody(node, kind);
  const name = declaratorName(node);
  if (name === null || name.startsWith('~')) return kind;
  const parts = name.split('.');
  if (parts.length > 1) return parts.at(-1) === parts.at(-2) ? 'constructor' : kind;
  if (node.childForFieldName('type')) return kind;
  // Only typeless definitions pay for walking up: field list, then class (past a template wrapper).
  for (let up = node.parent, depth = 0; up && depth < 3; up = up.parent, depth++) {
    if (CLASS_SPECIFIERS.has(up.type)) {
      const className = up.childForFieldName('name');
      return className && cleanName(className.text)?.split('.').at(-1) === name ? 'constructor' : kind;
    }
  }
  return kind;
}

/**
 * A function inside a function is a misparse, as neither language nests them: either the outer one's
 * recovery swallowed the code after it (`#if` with one body per branch), and this one is real, or a
 * statement was read as a function (`FOREACH(x) {`, `else if (x) {`, `CASE(A) {`), which is not: it has no
 * parameter list, no return type, or a keyword for a name.
 */
function escapesFunction(node: Node): boolean {
  const found = declarator(node);
  if (!found?.isFunction) return false;
  const name = declaredName(found.text);
  if (name === null || STATEMENT_KEYWORDS.has(name)) return false;
  return node.childForFieldName('type') !== null || name.includes('.') || name.startsWith('~');
}

function name(node: Node): string | null | undefined {
  if (node.type === 'function_definition' || node.type === 'type_definition') return declaratorName(node);
  return undefined;
}

const C_DEFINITIONS: Record<string, ChunkKind> = {
  function_definition: 'function',
  struct_specifier: 'struct',
  union_specifier: 'struct',
  enum_specifier: 'enum',
  type_definition: 'type',
  // `#define json_object_foreach(object, key, value) …`: function-like macros are API in C.
  preproc_function_def: 'macro',
};

/**
 * The grammar ends a `#define` at a block comment on one of its continued lines
 * (`&& CHECK(b,'\n',1)) ? /* CR LF -> LF *\/ \`), and the rest of the macro then swallows the code
 * after it (libyaml's READ_LINE hid `yaml_parser_scan`): such comments are parsed as spaces.
 */
function blankMacroComments(text: string): string {
  if (!text.includes('#define')) return text;
  return text.replace(/\/\*[^\n]*?\*\/(?=[^\n]*\\\r?\n)/g, (comment) => ' '.repeat(comment.length));
}

/** An upper-case name with an underscore: `SPDLOG_INLINE`, `LZ4LIB_API`, `FMT_CONSTEXPR`, `JSON_HEDLEY_PURE`. */
const MACRO = String.raw`[A-Z][A-Z0-9]*_[A-Z0-9_]*`;
/** A run of such macros opening a line, and the rest of the line. */
const LEADING_MACROS = new RegExp(String.raw`^(\s*)((?:${MACRO}\s+)*${MACRO})(?=\s|$)(.*)$`);
/** `class SPDLOG_API logger {`, `struct FMT_API format_error : …` */
const CLASS_MACROS = new RegExp(
  String.raw`\b((?:class|struct|union)\s+)((?:${MACRO}\s+)+)(?=[A-Za-z_]\w*\s*(?:final\b\s*)?(?:[:{]|$))`,
  'g',
);
/** `) SPDLOG_NOEXCEPT {`, `) const FMT_NOEXCEPT : x(y)` */
const TRAILING_MACROS = new RegExp(
  String.raw`(\)\s*(?:const\s+)?)((?:${MACRO}\s*)+)(?=\{|:[^:]|$|override\b|final\b)`,
  'g',
);

/** A line a lone macro above may be blanked before: no name opens it, or a declaration keyword does. */
const OPENS_DECLARATION =
  /^\s*(?![A-Za-z_]|\(|\{|,|;|=)|^\s*(?:namespace|template|class|struct|union|enum|using|typedef|extern)\b/;

/**
 * Whether the text after leading macros reads as a definition's head: a return type and a name
 * (`void logger::swap(`, `const char* LZ4_versionString(`), a qualified name (`logger::logger(`), or
 * a `template`/`class`/`struct`/`namespace`. A single name (`LARGE_INTEGER li;`, `THREAD_T f(`) is a
 * declaration whose type is the upper-case name, and stays.
 */
function definitionHead(rest: string): boolean {
  if (/^\s*(template\b|class\b|struct\b|union\b|namespace\b|enum\b)/.test(rest)) return true;
  const paren = rest.indexOf('(');
  if (paren < 0) return false;
  const head = rest.slice(0, paren);
  if (/[=;,{}]/.test(head)) return false;
  if (head.includes('::')) return true;
  const words = head.replace(/<[^<>]*>/g, ' ').match(/[A-Za-z_~]\w*/g) ?? [];
  return words.length >= 2;
}

/**
 * Export, inline and attribute macros in front of a definition (`SPDLOG_INLINE void logger::swap(…)`,
 * `class SPDLOG_API logger`, `EVENT2_EXPORT_SYMBOL` on the line above `int event_base_loop(…)`) are
 * read by the grammar as a type, and the real return type and name then land in an error node: the
 * function loses its name, or the file's namespace swallows it. Such macros are parsed as spaces
 * (the chunks are still cut from the file itself). A macro alone on its line (`FMT_BEGIN_NAMESPACE`)
 * is a statement-less invocation and is blanked as well.
 */
function blankDecorationMacros(text: string): string {
  if (!/[A-Z]_/.test(text)) return text;
  const lines = text.split('\n');
  let continued = false;
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i]!;
    const inMacro = continued || /^\s*#/.test(line);
    continued = /\\\r?$/.test(line);
    if (inMacro) continue;
    const lead = LEADING_MACROS.exec(line);
    if (lead) {
      const rest = lead[3]!;
      const next = lines[i + 1] ?? '';
      const alone = rest.trim() === '' || rest.trim().startsWith('//');
      // `LZ4_FORCE_INLINE` above `void LZ4_wildCopy8(…)` parses well and keeps its line in the chunk.
      if (
        (alone && OPENS_DECLARATION.test(next)) ||
        (!alone && !/^\s*[(=;,:]/.test(rest) && definitionHead(rest))
      )
        line = lead[1]! + ' '.repeat(lead[2]!.length) + rest;
    }
    if (line.includes('class') || line.includes('struct') || line.includes('union'))
      line = line.replace(CLASS_MACROS, (_m, kw: string, macros: string) => kw + ' '.repeat(macros.length));
    if (line.includes(')'))
      line = line.replace(
        TRAILING_MACROS,
        (_m, close: string, macros: string) => close + ' '.repeat(macros.length),
      );
    lines[i] = line;
  }
  return lines.join('\n');
}

function prepareC(text: string): string {
  return blankDecorationMacros(blankMacroComments(text));
}

export const c: LanguageSpec = {
  wasm: wasms('c'),
  definitions: C_DEFINITIONS,
  name,
  kind: needsBody,
  escapesFunction,
  prepare: prepareC,
};

export const cpp: LanguageSpec = {
  wasm: wasms('cpp'),
  definitions: {
    ...C_DEFINITIONS,
    class_specifier: 'class',
    namespace_definition: 'namespace',
    concept_definition: 'type',
    alias_declaration: 'type',
  },
  wrappers: ['template_declaration'],
  leading: ['attribute_declaration'],
  name,
  kind: cppKind,
  escapesFunction,
  prepare: prepareC,
};

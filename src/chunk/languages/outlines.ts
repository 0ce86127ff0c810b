/**
 * Line patterns for languages the image carries no grammar for (src/chunk/outline.ts). Each table
 * names what a reader would look a definition up by: Perl's `sub` in its `package`, Tcl's `proc`
 * and the methods of its classes, R's `name <- function`, SQL's `CREATE FUNCTION`/`TABLE`, OCaml's
 * top-level `let`/`type`/`module`, Dart's classes and members.
 */
import type { Language } from '../../core/index.js';
import type { OutlineSpec } from '../outline.js';

/** Removes backslash escapes, then single- and double-quoted strings on the row. */
function withoutStrings(line: string): string {
  return line.replace(/\\./g, '').replace(/"[^"]*"|'[^']*'/g, '""');
}

/** {@link withoutStrings}, then a `#` comment that follows whitespace (Perl's `$#a` stays). */
function withoutHashComment(line: string): string {
  return withoutStrings(line).replace(/(?:^|\s)#.*$/, '');
}

const perl: OutlineSpec = {
  headers: [
    {
      pattern: /^\s*(?:package|class)\s+(?<name>[A-Za-z_][\w:]*)(?:\s+v?[\d._]+)?\s*;/,
      kind: 'module',
      body: 'scope',
    },
    {
      pattern: /^\s*(?:package|class)\s+(?<name>[A-Za-z_][\w:]*)(?:\s+v?[\d._]+)?\s*\{/,
      kind: 'module',
      body: '{',
    },
    {
      pattern: /^\s*(?:(?:my|our|state)\s+)?(?:sub|method)\s+(?<name>[A-Za-z_][\w:']*)/,
      kind: 'function',
      body: '{',
    },
  ],
  comment: /^\s*#/,
  block: { open: /^=[a-zA-Z]/, close: /^=cut\b/ },
  end: /^__(?:END|DATA)__\s*$/,
  bracketText: withoutHashComment,
};

const tcl: OutlineSpec = {
  headers: [
    { pattern: /^\s*namespace\s+eval\s+(?:::)?(?<name>[\w:]+)\s*\{/, kind: 'namespace', body: '{' },
    {
      pattern:
        /^\s*(?:(?:::)?itcl::|(?:::)?snit::)?(?:class|type|widget|widgetadaptor)\s+(?:::)?(?<name>[\w:]+)\s*\{/,
      kind: 'class',
      body: '{',
    },
    {
      pattern: /^\s*(?:::)?oo::(?:class\s+create|define)\s+(?:::)?(?<name>[\w:]+)/,
      kind: 'class',
      body: '{',
    },
    { pattern: /^\s*proc\s+(?:::)?(?<name>[\w:]+)/, kind: 'function', body: '{' },
    {
      pattern: /^\s*(?:(?:public|private|protected)\s+)?(?:method|typemethod)\s+(?<name>[\w:]+)/,
      kind: 'method',
      body: '{',
    },
    {
      pattern: /^\s*(?:(?:public|private|protected)\s+)?constructor(?:\s+(?<name>\w+)(?=\s))?/,
      kind: 'constructor',
      name: 'constructor',
      body: '{',
    },
    { pattern: /^\s*destructor\b/, kind: 'method', name: 'destructor', body: '{' },
  ],
  comment: /^\s*#/,
  // Tcl counts every brace that is not escaped, in strings and comments too: so does this.
  bracketText: (line) => line.replace(/\\./g, ''),
};

const R_ASSIGN = String.raw`\s*(?:<<?-|=)\s*`;

const r: OutlineSpec = {
  headers: [
    {
      pattern: new RegExp(String.raw`^\s*(?<name>[\w.]+)${R_ASSIGN}(?:R6::)?(?:R6Class|ggproto|proto)\s*\(`),
      kind: 'class',
      body: '(',
    },
    {
      pattern: new RegExp(
        String.raw`^\s*(?:[\w.]+${R_ASSIGN})?(?:setClass|setRefClass)\s*\(\s*["'](?<name>[\w.]+)`,
      ),
      kind: 'class',
      body: '(',
    },
    { pattern: /^\s*(?:setGeneric|setMethod)\s*\(\s*["'](?<name>[\w.<-]+)/, kind: 'function', body: '(' },
    {
      pattern: new RegExp(String.raw`^\s*(?<name>[\w.]+|\x60[^\x60]+\x60)${R_ASSIGN}function\s*\(`),
      kind: 'function',
      body: '{',
    },
  ],
  comment: /^\s*#/,
  bracketText: withoutHashComment,
};

const SQL_NAME = String.raw`(?:if\s+not\s+exists\s+)?(?<name>[\w."\x60\[\]$]+)`;
const SQL_CREATE =
  String.raw`^\s*create\s+(?:or\s+replace\s+)?` +
  String.raw`(?:(?:temp|temporary|unlogged|global|local|materialized|recursive|unique|virtual)\s+)*`;

const sql: OutlineSpec = {
  headers: [
    {
      pattern: new RegExp(`${SQL_CREATE}(?:function|procedure|aggregate)\\s+${SQL_NAME}`, 'i'),
      kind: 'function',
      body: ';',
    },
    {
      pattern: new RegExp(`${SQL_CREATE}(?:table|view|type|domain)\\s+${SQL_NAME}`, 'i'),
      kind: 'type',
      body: ';',
    },
    {
      pattern: new RegExp(`${SQL_CREATE}(?:trigger|index|sequence|schema|policy)\\s+${SQL_NAME}`, 'i'),
      kind: 'variable',
      body: ';',
    },
  ],
  comment: /^\s*--/,
  block: { open: /^\s*\/\*/, close: /\*\// },
  bracketText: (line) => line.replace(/'[^']*'/g, "''").replace(/--.*$/, ''),
};

const ocaml: OutlineSpec = {
  headers: [
    {
      pattern: /^(?:let|and)\s+(?:rec\s+)?(?:\(\s*(?<op>[^()\s]+)\s*\)|(?<name>[a-z_][\w']*))/,
      kind: 'function',
      body: 'next',
    },
    {
      pattern: /^(?:val|external)\s+(?:\(\s*(?<op>[^()\s]+)\s*\)|(?<name>[a-z_][\w']*))/,
      kind: 'function',
      body: 'next',
    },
    {
      pattern: /^type\s+(?:nonrec\s+)?(?:'\w+\s+|\([^)]*\)\s+)?(?<name>[a-z_][\w']*)/,
      kind: 'type',
      body: 'next',
    },
    { pattern: /^exception\s+(?<name>[A-Z][\w']*)/, kind: 'type', body: 'next' },
    { pattern: /^module\s+(?:type\s+|rec\s+)?(?<name>[A-Z][\w']*)/, kind: 'module', body: 'next' },
    {
      pattern: /^class\s+(?:type\s+)?(?:virtual\s+)?(?:\[[^\]]*\]\s+)?(?<name>[a-z_][\w']*)/,
      kind: 'class',
      body: 'next',
    },
  ],
  comment: /^\s*\(\*.*\*\)\s*$/,
  block: { open: /^\s*\(\*/, close: /\*\)/ },
};

/** Words that read like a Dart return type or member name but start a statement. */
const DART_NOT_A_HEADER = new Set([
  'return',
  'await',
  'yield',
  'throw',
  'new',
  'else',
  'if',
  'for',
  'while',
  'switch',
  'catch',
  'case',
  'do',
  'try',
  'assert',
  'super',
  'this',
  'print',
  'Function',
  'var',
  'import',
  'export',
  'part',
  'library',
]);

const DART_MEMBER = new RegExp(
  String.raw`^\s*(?:(?:static|external|abstract|late|final|const|covariant|factory)\s+)*` +
    String.raw`(?:(?<type>[A-Za-z_$][\w$.]*(?:<.*?>)?\??)\s+)?` +
    String.raw`(?:(?<accessor>get|set|operator)\s+)?` +
    String.raw`(?<name>[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)?|[-+*/<>=~\[\]%&|^]+)\s*(?:<[^()]*>)?\s*(?<params>\()?`,
);

const dart: OutlineSpec = {
  headers: [
    {
      pattern:
        /^\s*(?:(?:abstract|sealed|base|final|interface|mixin)\s+)*(?:class|mixin)\s+(?<name>[A-Za-z_$][\w$]*)/,
      kind: 'class',
      body: '{',
    },
    { pattern: /^\s*enum\s+(?<name>[A-Za-z_$][\w$]*)/, kind: 'enum', body: '{' },
    { pattern: /^\s*extension\s+(?:type\s+)?(?!on\b)(?<name>[A-Za-z_$][\w$]*)?/, kind: 'impl', body: '{' },
    { pattern: /^\s*typedef\s+(?<name>[A-Za-z_$][\w$]*)/, kind: 'type', body: '{' },
    {
      pattern: DART_MEMBER,
      kind: 'function',
      body: '{',
      accept: (m) => {
        const { type, accessor, name, params } = m.groups!;
        if (DART_NOT_A_HEADER.has(name!) || (type !== undefined && DART_NOT_A_HEADER.has(type))) return false;
        if (accessor === 'get') return true;
        if (params === undefined) return false;
        // A call has no return type: only a constructor (`Foo(`, `Foo.named(`) may go without.
        return type !== undefined || accessor !== undefined || /^[A-Z]/.test(name!);
      },
    },
  ],
  comment: /^\s*(?:\/\/|@[A-Za-z_$])/,
  block: { open: /^\s*\/\*/, close: /\*\// },
  bracketText: (line) => withoutStrings(line).replace(/\/\/.*$/, ''),
};

/** Languages chunked by line patterns; any other language without a grammar is windowed. */
export const OUTLINE_SPECS: Readonly<Partial<Record<Language, OutlineSpec>>> = Object.freeze({
  perl,
  tcl,
  r,
  sql,
  ocaml,
  dart,
});

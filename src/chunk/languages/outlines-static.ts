/**
 * Line patterns of declarative and compiled languages without a grammar in the image
 * (src/chunk/outline.ts): SQL's `CREATE FUNCTION`/`TABLE`, OCaml's top-level `let`/`type`/`module`,
 * Dart's classes and members, Objective-C's `@interface`/`@implementation` and their methods,
 * Protocol Buffers' messages, enums and services.
 */
import type { OutlineSpec } from '../outline.js';
import { withoutSlashComment } from './outline-text.js';

const SQL_NAME = String.raw`(?:if\s+not\s+exists\s+)?(?<name>[\w."\x60\[\]$]+)`;
const SQL_CREATE =
  String.raw`^\s*create\s+(?:or\s+replace\s+)?` +
  String.raw`(?:(?:temp|temporary|unlogged|global|local|materialized|recursive|unique|virtual)\s+)*`;

export const sql: OutlineSpec = {
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

export const ocaml: OutlineSpec = {
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

export const dart: OutlineSpec = {
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
  bracketText: withoutSlashComment,
};

/**
 * Objective-C: `- (void)setTitle:(NSString *)title forState:(UIControlState)state` is the method
 * `setTitle:forState:`, as Objective-C names it.
 */
function selector(match: RegExpExecArray): string | null {
  const rest = match.groups!['rest']!;
  const parts = [...rest.matchAll(/(?:^|\s)(\w+)\s*:/g)].map((m) => `${m[1]}:`);
  return parts.length > 0 ? parts.join('') : (/^\s*(\w+)/.exec(rest)?.[1] ?? null);
}

/** Words that head a statement, not a function definition, at the start of a row. */
const C_NOT_A_FUNCTION = new Set(['if', 'for', 'while', 'switch', 'return', 'sizeof', 'defined']);

export const objc: OutlineSpec = {
  headers: [
    { pattern: /^\s*@interface\s+(?<name>\w+)/, kind: 'interface', body: 'until', until: /^\s*@end\b/ },
    {
      pattern: /^\s*@protocol\s+(?<name>\w+)(?!\s*;)/,
      kind: 'interface',
      body: 'until',
      until: /^\s*@end\b/,
    },
    { pattern: /^\s*@implementation\s+(?<name>\w+)/, kind: 'class', body: 'until', until: /^\s*@end\b/ },
    { pattern: /^\s*[-+]\s*\([^)]*\)\s*(?<rest>\w.*)$/, kind: 'method', body: '{', naming: selector },
    // A C function at the top level (`static NSString *EXDigest(NSData *data) {`); its header ends
    // in `{` or `)`, so a prototype (`;`) or a call spread over rows is none.
    {
      pattern: /^(?:[A-Za-z_]\w*[\s*]+)+\**(?<name>[A-Za-z_]\w*)\s*\([^;]*[){]\s*$/,
      kind: 'function',
      body: '{',
      accept: (m) => !C_NOT_A_FUNCTION.has(m.groups!['name']!) && !/^(?:return|else|typedef)\b/.test(m[0]),
    },
  ],
  comment: /^\s*(?:\/\/|#pragma\s+mark\b)/,
  block: { open: /^\s*\/\*/, close: /\*\// },
  bracketText: withoutSlashComment,
};

export const protobuf: OutlineSpec = {
  headers: [
    { pattern: /^\s*message\s+(?<name>\w+)/, kind: 'struct', body: '{' },
    { pattern: /^\s*enum\s+(?<name>\w+)/, kind: 'enum', body: '{' },
    { pattern: /^\s*service\s+(?<name>\w+)/, kind: 'interface', body: '{' },
    { pattern: /^\s*rpc\s+(?<name>\w+)/, kind: 'method', body: '{' },
  ],
  comment: /^\s*\/\//,
  block: { open: /^\s*\/\*/, close: /\*\// },
  bracketText: withoutSlashComment,
};

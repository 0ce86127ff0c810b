/** TypeScript, TSX and JavaScript: one table, three grammars. */
import type { Node } from 'web-tree-sitter';
import type { ChunkKind } from '../../core/index.js';
import type { LanguageSpec } from './spec.js';
import { wasms } from './spec.js';

const FUNCTION_VALUES = new Set(['arrow_function', 'function_expression', 'function', 'generator_function']);
const CLASS_VALUES = new Set(['class']);

/** `const f = () => …` is a function definition; `const x = 1` is plain code. */
function variableKind(node: Node): ChunkKind | null {
  for (let i = 0; i < node.namedChildCount; i++) {
    const declarator = node.namedChild(i);
    if (declarator?.type !== 'variable_declarator') continue;
    const value = declarator.childForFieldName('value');
    if (value && FUNCTION_VALUES.has(value.type)) return 'function';
    if (value && CLASS_VALUES.has(value.type)) return 'class';
    return null;
  }
  return null;
}

/** A property key as its name: `'url'`, `"url"` and `#url` are `url`. */
function unquoted(key: string): string {
  return key.replace(/^['"#]|['"]$/g, '');
}

/** CommonJS export holders: `module.exports.x`, `exports.x` are named `x`. */
const EXPORTS_PREFIX = /^(?:module\.)?exports(?:\.|$)/;

/**
 * `Foo.prototype.bar = function`, `exports.x = () =>`, `module.exports = class App {…}`: the target
 * names it (`Foo.bar`, `x`, `App`); an object literal's `key: function` and a class field holding an
 * arrow function (`handle = () => …`) are named after their key.
 */
function assignedName(node: Node): string | null | undefined {
  if (node.type === 'pair' || node.type === 'field_definition' || node.type === 'public_field_definition') {
    const key = node.childForFieldName(
      node.type === 'pair' ? 'key' : node.type === 'field_definition' ? 'property' : 'name',
    );
    return key ? unquoted(key.text) : null;
  }
  if (node.type !== 'assignment_expression') return undefined;
  const left = node.childForFieldName('left');
  const right = node.childForFieldName('right');
  if (!left) return null;
  const target = left.text
    .replace(/\s+/g, '')
    .replace(/\.prototype(?=\.|$)/g, '')
    .replace(/^this\./, '')
    .replace(EXPORTS_PREFIX, '');
  return target || (right?.childForFieldName('name')?.text ?? null);
}

function valueKind(value: Node | null): ChunkKind | null {
  if (value && FUNCTION_VALUES.has(value.type)) return 'function';
  if (value && CLASS_VALUES.has(value.type)) return 'class';
  return null;
}

/** `get`, `set` and `value` of a property descriptor are named after the property they define. */
const DESCRIPTOR_KEYS = new Set(['get', 'set', 'value']);

/**
 * `Object.defineProperties(Request.prototype, { url: { get () {…} } })`, `{ compile: { value: function … } }`:
 * the descriptor's accessor or value is named after the property (`Request.url`), not `get`/`value`.
 */
function descriptorName(node: Node): string | undefined {
  if (node.type !== 'method_definition' && node.type !== 'pair') return undefined;
  const own = node.childForFieldName(node.type === 'pair' ? 'key' : 'name')?.text;
  if (!own || !DESCRIPTOR_KEYS.has(own)) return undefined;
  const descriptor = node.parent;
  const property = descriptor?.type === 'object' ? descriptor.parent : null;
  if (property?.type !== 'pair') return undefined;
  const key = property.childForFieldName('key');
  if (!key || key.type === 'computed_property_name') return undefined;
  const name = unquoted(key.text);
  // `Object.defineProperties(Target.prototype, {…})`: qualify with the target.
  const args = property.parent?.type === 'object' ? property.parent.parent : null;
  const call = args?.type === 'arguments' ? args.parent : null;
  const callee = call?.childForFieldName('function')?.text;
  const target = args?.namedChild(0);
  if (callee === 'Object.defineProperties' && target && target.type !== 'object') {
    const owner = target.text.replace(/\s+/g, '').replace(/\.prototype$/, '');
    // Inside `function fastify () { … Object.defineProperties(fastify, …) }` the container already says it.
    let enclosing = false;
    for (let p = call?.parent; p && !enclosing; p = p.parent)
      enclosing = p.childForFieldName('name')?.text === owner;
    if (!enclosing && /^[\w$.]+$/.test(owner)) return `${owner}.${name}`;
  }
  return name;
}

function variableName(node: Node): string | null | undefined {
  const descriptor = descriptorName(node);
  if (descriptor !== undefined) return descriptor;
  const assigned = assignedName(node);
  if (assigned !== undefined) return assigned;
  if (node.type !== 'lexical_declaration' && node.type !== 'variable_declaration') return undefined;
  for (let i = 0; i < node.namedChildCount; i++) {
    const declarator = node.namedChild(i);
    if (declarator?.type === 'variable_declarator') return declarator.childForFieldName('name')?.text ?? null;
  }
  return null;
}

const DEFINITIONS: Record<string, ChunkKind> = {
  function_declaration: 'function',
  generator_function_declaration: 'function',
  function_signature: 'function',
  class_declaration: 'class',
  abstract_class_declaration: 'class',
  method_definition: 'method',
  abstract_method_signature: 'method',
  interface_declaration: 'interface',
  type_alias_declaration: 'type',
  enum_declaration: 'enum',
  internal_module: 'namespace',
  module: 'module',
  lexical_declaration: 'function',
  variable_declaration: 'function',
  // Kept only when the value is a function or class (see `kind` below).
  assignment_expression: 'function',
  pair: 'method',
  field_definition: 'method',
  public_field_definition: 'method',
};

const VALUE_FIELD: Readonly<Record<string, string>> = {
  assignment_expression: 'right',
  pair: 'value',
  field_definition: 'value',
  public_field_definition: 'value',
};

function spec(grammar: string): LanguageSpec {
  return {
    wasm: wasms(grammar),
    definitions: DEFINITIONS,
    wrappers: ['export_statement', 'ambient_declaration', 'expression_statement'],
    leading: ['decorator'],
    name: variableName,
    kind: (node, kind) => {
      if (node.type === 'lexical_declaration' || node.type === 'variable_declaration')
        return variableKind(node);
      const field = VALUE_FIELD[node.type];
      if (field === undefined) return kind;
      const value = valueKind(node.childForFieldName(field));
      if (value === null) return null;
      // A one- or two-line `key: (s) => …`, `exports.x = (n) => new X(n)` stays with the code around it,
      // and so does an unnamed `module.exports = function () {…}`.
      if (node.endPosition.row - node.startPosition.row < 2 || assignedName(node) === null) return null;
      return node.type === 'assignment_expression' ? value : 'method';
    },
  };
}

export const typescript = spec('typescript');
export const tsx = spec('tsx');
export const javascript = spec('javascript');

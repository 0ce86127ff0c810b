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

function variableName(node: Node): string | null | undefined {
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
};

function spec(grammar: string): LanguageSpec {
  return {
    wasm: wasms(grammar),
    definitions: DEFINITIONS,
    wrappers: ['export_statement', 'ambient_declaration', 'expression_statement'],
    leading: ['decorator'],
    name: variableName,
    kind: (node, kind) =>
      node.type === 'lexical_declaration' || node.type === 'variable_declaration' ? variableKind(node) : kind,
  };
}

export const typescript = spec('typescript');
export const tsx = spec('tsx');
export const javascript = spec('javascript');

/** C and C++: definitions with bodies only (a `struct foo *p` mention is not a definition). */
import type { Node } from 'web-tree-sitter';
import type { ChunkKind } from '../../core/index.js';
import type { LanguageSpec } from './spec.js';
import { cleanName, wasms } from './spec.js';

const DECLARATOR_NAMES = new Set([
  'identifier',
  'field_identifier',
  'qualified_identifier',
  'destructor_name',
  'operator_name',
  'type_identifier',
]);

/** Follows `declarator` fields (pointer, reference, function declarators) down to the name. */
function declaratorName(node: Node): string | null {
  let current: Node | null = node.childForFieldName('declarator');
  for (let depth = 0; current && depth < 8; depth++) {
    if (DECLARATOR_NAMES.has(current.type)) return cleanName(current.text);
    const next: Node | null =
      current.childForFieldName('declarator') ??
      current.namedChildren.find((c) => c !== null && DECLARATOR_NAMES.has(c.type)) ??
      null;
    current = next;
  }
  return null;
}

function needsBody(node: Node, kind: ChunkKind): ChunkKind | null {
  if (node.type.endsWith('_specifier')) return node.childForFieldName('body') ? kind : null;
  return kind;
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
};

export const c: LanguageSpec = { wasm: wasms('c'), definitions: C_DEFINITIONS, name, kind: needsBody };

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
  kind: needsBody,
};

/** Lua and Zig: functions are statements, and types are values bound to names. */
import type { Node } from 'web-tree-sitter';
import type { LanguageSpec } from './spec.js';
import { cleanName, wasms } from './spec.js';

/** `M:setup` (a method with an implicit self) is named `M.setup`, like `M.load`. */
function luaName(node: Node | null | undefined): string | null {
  return node ? cleanName(node.text.replace(/:/g, '.')) : null;
}

/** True when an assignment's only value is a function (`M.config = function … end`). */
function bindsFunction(node: Node): boolean {
  const values = node.namedChildren.find((c) => c?.type === 'expression_list');
  return values?.namedChildCount === 1 && values.namedChildren[0]?.type === 'function_definition';
}

/**
 * tree-sitter-grammars' Lua grammar (the one Neovim uses). tree-sitter-wasms' older build of
 * tree-sitter-lua misparses the start of every file but the first one a process parses (its external
 * scanner's strings come back corrupted after the first parse under web-tree-sitter 0.25).
 */
export const lua: LanguageSpec = {
  wasm: { package: '@tree-sitter-grammars/tree-sitter-lua', file: 'tree-sitter-lua.wasm' },
  definitions: {
    // `function M.setup()`, `function M:new()`, `local function helper()`
    function_declaration: 'function',
    // `M.config = function … end`, `local f = function … end` (inside a variable_declaration)
    assignment_statement: 'function',
  },
  wrappers: ['variable_declaration'],
  name: (node) =>
    node.type === 'assignment_statement'
      ? luaName(node.namedChildren.find((c) => c?.type === 'variable_list')?.namedChildren[0])
      : luaName(node.childForFieldName('name')),
  kind: (node, kind) => (node.type === 'assignment_statement' && !bindsFunction(node) ? null : kind),
};

const ZIG_CONTAINERS = {
  struct_declaration: 'struct',
  enum_declaration: 'enum',
  union_declaration: 'struct',
  opaque_declaration: 'type',
  error_set_declaration: 'enum',
} as const;

function zigContainer(node: Node): keyof typeof ZIG_CONTAINERS | null {
  for (const child of node.namedChildren) {
    if (child && child.type in ZIG_CONTAINERS) return child.type as keyof typeof ZIG_CONTAINERS;
  }
  return null;
}

export const zig: LanguageSpec = {
  wasm: wasms('zig'),
  definitions: {
    function_declaration: 'function',
    test_declaration: 'function',
    // `const Arg = struct { … }`: a type is a constant bound to a container.
    variable_declaration: 'struct',
  },
  name: (node) => {
    if (node.type === 'test_declaration') {
      const label = node.namedChildren.find((c) => c?.type === 'string' || c?.type === 'identifier');
      // `test_parse_works`: recognisably test code to the ranking, and its words searchable.
      const words = label?.text.replace(/^"|"$/g, '').trim().replace(/\W+/g, '_');
      return words ? `test_${words}` : 'test';
    }
    if (node.type === 'variable_declaration') {
      const id = node.namedChildren.find((c) => c?.type === 'identifier');
      return id ? id.text : null;
    }
    return undefined;
  },
  kind: (node, kind) => {
    if (node.type !== 'variable_declaration') return kind;
    const container = zigContainer(node);
    return container ? ZIG_CONTAINERS[container] : null;
  },
};

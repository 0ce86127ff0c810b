/** Lua and Zig: functions are statements, and types are values bound to names. */
import { basename } from 'node:path';
import type { Node } from 'web-tree-sitter';
import type { LanguageSpec } from './spec.js';
import { cleanName, wasms } from './spec.js';

/** `M:setup` (a method with an implicit self) is named `M.setup`, like `M.load`. */
function luaName(node: Node | null | undefined): string | null {
  return node ? cleanName(node.text.replace(/:/g, '.')) : null;
}

/** An assignment's value when it has exactly one (`M.config = function … end`, `M.defaults = { … }`). */
function onlyValue(node: Node): Node | null {
  const values = node.namedChildren.find((c) => c?.type === 'expression_list');
  return values?.namedChildCount === 1 ? values.namedChildren[0]! : null;
}

/**
 * The field names from a table an assignment binds or a `return` hands out down to `field`: `show` in
 * `M.handlers.signs = { show = function … end }`, `inner.f` in a table nested in a field; null for a
 * table passed as an argument (`setmetatable({}, { __index = … })`, an options table with a callback)
 * or a field keyed by an expression.
 */
function fieldPath(field: Node): string | null {
  const names: string[] = [];
  for (let at: Node | null = field; at;) {
    const name = at.childForFieldName('name');
    if (name?.type !== 'identifier') return null;
    names.unshift(name.text);
    const holder: Node | null | undefined = at.parent?.parent;
    if (holder?.type === 'field') {
      at = holder;
      continue;
    }
    const statement =
      holder?.type === 'expression_list' && holder.namedChildCount === 1 ? holder.parent : null;
    return (statement?.type === 'assignment_statement' || statement?.type === 'return_statement') &&
      atModuleLevel(statement)
      ? names.join('.')
      : null;
  }
  return null;
}

/** Whether `statement` runs when the module loads, not inside a function (whose tables are local data). */
function atModuleLevel(statement: Node): boolean {
  for (let at = statement.parent; at; at = at.parent) {
    if (at.type === 'chunk') return true;
    if (at.type === 'function_definition' || at.type === 'function_declaration') return false;
  }
  return true;
}

/**
 * tree-sitter-grammars' Lua grammar (the one Neovim uses). tree-sitter-wasms' older build of
 * tree-sitter-lua misparses the start of every file but the first one a process parses (its external
 * scanner's strings come back corrupted after the first parse under web-tree-sitter 0.25).
 *
 * A Lua module is a table: `M.handlers.signs = { show = function … end }` defines the method
 * `M.handlers.signs.show`, and a table bound to a name (or returned as the module) is a definition
 * whose fields are its members; a short one merges with its neighbours like any variable.
 */
export const lua: LanguageSpec = {
  wasm: { package: '@tree-sitter-grammars/tree-sitter-lua', file: 'tree-sitter-lua.wasm' },
  definitions: {
    // `function M.setup()`, `function M:new()`, `local function helper()`
    function_declaration: 'function',
    // `M.config = function … end`, `local f = function … end` (inside a variable_declaration),
    // `M.defaults = { … }`
    assignment_statement: 'function',
    // `show = function … end` in a table constructor
    field: 'method',
    // `return { setup = function … end }`: the module's table of functions, unnamed
    return_statement: 'module',
  },
  wrappers: ['variable_declaration'],
  name(node) {
    if (node.type === 'field') return fieldPath(node);
    if (node.type === 'assignment_statement')
      return luaName(node.namedChildren.find((c) => c?.type === 'variable_list')?.namedChildren[0]);
    return luaName(node.childForFieldName('name'));
  },
  kind(node, kind) {
    if (node.type === 'function_declaration') return kind;
    if (node.type === 'field') {
      if (node.childForFieldName('value')?.type !== 'function_definition' || fieldPath(node) === null)
        return null;
      // The module's own functions: `return { setup = function … end }`.
      return node.parent?.parent?.parent?.type === 'return_statement' ? 'function' : kind;
    }
    const value = onlyValue(node);
    if (node.type === 'assignment_statement' && value?.type === 'function_definition') return kind;
    // An empty table (`local M = {}`) defines nothing yet; a table inside a function is local data.
    if (value?.type !== 'table_constructor' || value.namedChildCount === 0 || !atModuleLevel(node))
      return null;
    if (node.type === 'assignment_statement') return 'variable';
    // A returned table of data (busted's translations) is no API: it stays with the code around it.
    return value.namedChildren.some((f) => f?.childForFieldName('value')?.type === 'function_definition')
      ? 'module'
      : null;
  },
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
  // A file is a struct, and one named like a type (`Ast.zig`, `Build/Step.zig`) is used as one.
  file(path) {
    const type = /^([A-Z]\w*)\.zig$/.exec(basename(path))?.[1];
    return type ? { kind: 'struct', symbol: type } : null;
  },
  kind: (node, kind) => {
    if (node.type !== 'variable_declaration') return kind;
    const container = zigContainer(node);
    return container ? ZIG_CONTAINERS[container] : null;
  },
};

/** Elixir and Haskell: definitions that the grammar does not mark as such by node type alone. */
import type { Node } from 'web-tree-sitter';
import type { ChunkKind } from '../../core/index.js';
import type { LanguageSpec } from './spec.js';
import { cleanName, wasms } from './spec.js';

/** Elixir's definition macros (`def`, `defmodule`, …): every one of them is a `call` in the tree. */
const ELIXIR_DEFINITIONS: Readonly<Record<string, ChunkKind>> = {
  defmodule: 'module',
  def: 'function',
  defp: 'function',
  defmacro: 'macro',
  defmacrop: 'macro',
  defguard: 'function',
  defguardp: 'function',
  defdelegate: 'function',
  defprotocol: 'interface',
  defimpl: 'impl',
  defexception: 'struct',
};

function elixirMacro(node: Node): string | undefined {
  return node.childForFieldName('target')?.text;
}

/** `assign(conn, key) when …` → `assign`; `Plug.Conn` → `Plug.Conn`; `size(data), do: …` → `size`. */
function elixirName(node: Node): string | null {
  const args = node.namedChildren.find((c) => c?.type === 'arguments');
  let head: Node | null | undefined = args?.namedChildren[0];
  while (head) {
    if (head.type === 'alias' || head.type === 'identifier' || head.type === 'atom')
      return cleanName(head.text.replace(/^:/, ''));
    if (head.type === 'call') {
      const target = head.childForFieldName('target');
      // `def unquote(name)(…)` and other generated names have no static name.
      return target && target.type === 'identifier' ? target.text : null;
    }
    if (head.type === 'binary_operator') head = head.childForFieldName('left');
    else if (head.type === 'unary_operator') head = head.childForFieldName('operand');
    else return null;
  }
  return null;
}

export const elixir: LanguageSpec = {
  wasm: wasms('elixir'),
  definitions: { call: 'function' },
  // `@doc`, `@spec` and `@impl` attributes belong to the definition below them.
  leading: ['unary_operator'],
  kind: (node) => ELIXIR_DEFINITIONS[elixirMacro(node) ?? ''] ?? null,
  name: (node) => elixirName(node),
  // `def ok?(%Dep{status: {:ok, _}}), do: true` / `def ok?(%Dep{}), do: false`: further clauses
  // of the same function are one function, also when blank lines separate them (`handle_event/2`,
  // `generate_buffer/4`); a comment or an attribute (`@doc`, `@impl`) between them ends it.
  continues: (next, node) =>
    next.type === 'call' &&
    next.previousNamedSibling !== null &&
    elixirMacro(next) === elixirMacro(node) &&
    ELIXIR_DEFINITIONS[elixirMacro(node) ?? ''] !== 'module' &&
    elixirName(next) === elixirName(node),
};

/** `foo x = …` → `foo`; `(<|>) a b = …` → `<|>`; `a <|> b = …` and ``a `op` b = …`` → `<|>`, `op`. */
function haskellName(node: Node): string | null | undefined {
  if (node.type !== 'function' && node.type !== 'bind' && node.type !== 'signature') return undefined;
  const name = node.childForFieldName('name');
  if (name) return name.type === 'prefix_id' ? name.text.slice(1, -1).trim() : name.text;
  const op = node.namedChildren.find((c) => c?.type === 'infix')?.childForFieldName('operator');
  return op ? op.text.replace(/^`|`$/g, '') : null;
}

/** `{-# INLINE foo #-}`, `{-# SPECIALIZE foo :: … #-}`: pragmas about one function. */
const FUNCTION_PRAGMA =
  /^\{-#\s*(?:INLINE|INLINABLE|INLINEABLE|NOINLINE|SPECIALI[SZ]E|OPAQUE)\b(?:\s*\[[^\]]*\])?\s*\(?\s*([^\s)]+)/;

export const haskell: LanguageSpec = {
  wasm: { package: 'tree-sitter-haskell', file: 'tree-sitter-haskell.wasm' },
  definitions: {
    function: 'function',
    bind: 'function',
    data_type: 'type',
    newtype: 'type',
    type_synomym: 'type',
    type_family: 'type',
    class: 'interface',
    instance: 'impl',
    // Only inside a class (see `kind`): its methods are declared by their signatures.
    signature: 'function',
  },
  // A type signature, Haddock comments, a fixity declaration and pragmas lead the equation below
  // them (`signed :: …`, then `{-# SPECIALISE signed :: … #-}` lines, then `signed p = …`).
  leading: ['signature', 'haddock', 'fixity', 'pragma'],
  name: haskellName,
  // Further equations of the function and its INLINE/SPECIALIZE pragma belong to it.
  continues(next, node) {
    const name = haskellName(node);
    if (!name) return false;
    if (next.type === 'function' || next.type === 'bind') return haskellName(next) === name;
    return next.type === 'pragma' && FUNCTION_PRAGMA.exec(next.text)?.[1] === name;
  },
  // Equations inside a class or instance body are its methods; elsewhere, top level only
  // (`where` clauses and `let` bindings stay part of their function).
  kind: (node, kind) => {
    if (kind !== 'function') return kind;
    const container = node.parent?.type;
    if (node.type === 'signature') return container === 'class_declarations' ? kind : null;
    return container === 'declarations' ||
      container === 'class_declarations' ||
      container === 'instance_declarations'
      ? kind
      : null;
  },
};

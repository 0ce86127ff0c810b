/** C#, Ruby, PHP, Swift and Bash: small tables. */
import type { LanguageSpec } from './spec.js';
import { keyword, wasms } from './spec.js';

export const csharp: LanguageSpec = {
  wasm: wasms('c_sharp'),
  definitions: {
    namespace_declaration: 'namespace',
    class_declaration: 'class',
    record_declaration: 'class',
    struct_declaration: 'struct',
    record_struct_declaration: 'struct',
    interface_declaration: 'interface',
    enum_declaration: 'enum',
    delegate_declaration: 'type',
    method_declaration: 'method',
    constructor_declaration: 'constructor',
    destructor_declaration: 'method',
    operator_declaration: 'method',
  },
};

export const ruby: LanguageSpec = {
  wasm: wasms('ruby'),
  definitions: { module: 'module', class: 'class', method: 'function', singleton_method: 'function' },
};

export const php: LanguageSpec = {
  wasm: wasms('php'),
  definitions: {
    namespace_definition: 'namespace',
    class_declaration: 'class',
    interface_declaration: 'interface',
    trait_declaration: 'trait',
    enum_declaration: 'enum',
    function_definition: 'function',
    method_declaration: 'method',
  },
  leading: ['attribute_list'],
  // `namespace App;` without braces is a one-line statement, not a container.
  kind: (node, kind) =>
    node.type === 'namespace_definition' && !node.childForFieldName('body') ? null : kind,
};

export const swift: LanguageSpec = {
  wasm: wasms('swift'),
  definitions: {
    class_declaration: 'class',
    protocol_declaration: 'interface',
    function_declaration: 'function',
    init_declaration: 'constructor',
    deinit_declaration: 'method',
    typealias_declaration: 'type',
  },
  name(node) {
    if (node.type === 'init_declaration') return 'init';
    if (node.type === 'deinit_declaration') return 'deinit';
    return undefined;
  },
  kind(node, kind) {
    if (node.type !== 'class_declaration') return kind;
    const word = keyword(node, ['class', 'struct', 'enum', 'extension', 'actor']);
    if (word === 'struct') return 'struct';
    if (word === 'enum') return 'enum';
    if (word === 'extension') return 'impl';
    return kind;
  },
};

/**
 * tree-sitter-wasms' bash grammar imports `isalpha`, which the web-tree-sitter runtime does not
 * export, and throws on heredocs; VS Code's build of the same grammar does not.
 */
export const bash: LanguageSpec = {
  wasm: { package: '@vscode/tree-sitter-wasm', file: 'wasm/tree-sitter-bash.wasm' },
  definitions: { function_definition: 'function' },
};

/** C#, Ruby, PHP, Swift and Bash: small tables. */
import { basename } from 'node:path';
import type { LanguageSpec, SplitPoint } from './spec.js';
import { cleanName, keyword, wasms } from './spec.js';

export const csharp: LanguageSpec = {
  wasm: wasms('c_sharp'),
  definitions: {
    namespace_declaration: 'namespace',
    // `namespace Acme.Io;` (C# 10) covers the rest of the file, like a block namespace.
    file_scoped_namespace_declaration: 'namespace',
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
    // Properties are most of a C# type's API (`ConsoleAppender.Target`); short ones merge with neighbours.
    property_declaration: 'variable',
  },
  name: (node) =>
    node.type === 'destructor_declaration' ? `~${node.childForFieldName('name')?.text ?? ''}` : undefined,
};

export const ruby: LanguageSpec = {
  wasm: wasms('ruby'),
  definitions: { module: 'module', class: 'class', method: 'function', singleton_method: 'function' },
  // `def []=(k, v)`, `def ==(o)`, `def empty?`: the name as written (cleanName reads `[…]` as generics).
  name: (node) =>
    node.type === 'method' || node.type === 'singleton_method'
      ? (node.childForFieldName('name')?.text ?? null)
      : undefined,
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
    // `var exists: Bool { … }`, `var quality = .high { didSet { … } }`: computed and observed
    // properties are API with a body (`FileSystemFile.size`); stored ones stay with their type.
    property_declaration: 'variable',
    subscript_declaration: 'method',
  },
  name(node) {
    if (node.type === 'init_declaration') return 'init';
    if (node.type === 'deinit_declaration') return 'deinit';
    if (node.type === 'subscript_declaration') return 'subscript';
    if (node.type === 'property_declaration') {
      const pattern = node.childForFieldName('name') ?? node.namedChildren.find((c) => c?.type === 'pattern');
      return pattern ? cleanName(pattern.text) : null;
    }
    return undefined;
  },
  kind(node, kind) {
    if (node.type === 'property_declaration') {
      const body = node.namedChildren.some(
        (c) => c?.type === 'computed_property' || c?.type === 'willset_didset_block',
      );
      const parent = node.parent?.type;
      return body && (parent === 'class_body' || parent === 'enum_class_body') ? kind : null;
    }
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
  splitOnError: bashFunctionStarts,
  // rbenv's `libexec/rbenv-version-name`: a command without functions is known by its file name.
  file(path, defined) {
    const name = basename(path);
    return defined || name.includes('.') ? null : { kind: 'module', symbol: name };
  },
};

/** `name() {`, `name ()`, `function name {`, `function name() {` at column 0 (a body may open below). */
const BASH_FUNCTION = /^(?:function\s+([\w:.@+/-]+)\s*(?:\(\s*\))?|([\w:.@+/-]+)\s*\(\s*\))\s*(?:[{(]|#|$)/;

/**
 * Top-level functions by their text. The grammar misreads some `[[ $x =~ regex ]]` tests whose regex
 * holds brackets (`\[([^]]*)$`), and its recovery then takes in every later function; functions are
 * defined at column 0 in nearly every script, so their headers mark where a fresh parse can start.
 */
function bashFunctionStarts(lines: readonly string[]): SplitPoint[] {
  const points: Array<{ row: number; header: number; name: string }> = [];
  for (let header = 0; header < lines.length; header++) {
    const m = BASH_FUNCTION.exec(lines[header]!);
    if (!m) continue;
    // Comments directly above belong to the function, as they do in a clean parse.
    const floor = points.length > 0 ? points[points.length - 1]!.header + 1 : 0;
    let row = header;
    while (row > floor && /^\s*#/.test(lines[row - 1]!)) row--;
    points.push({ row, header, name: (m[1] ?? m[2])! });
  }
  return points.map(({ row, header, name }, i) => {
    const limit = (points[i + 1]?.row ?? lines.length) - 1;
    let end = header;
    if (!/\}\s*;?\s*$/.test(lines[header]!)) {
      let closing = -1;
      for (let r = limit; r > header && closing < 0; r--) if (/^[})]/.test(lines[r]!)) closing = r;
      for (let r = limit; r > header && closing < 0; r--) if (lines[r]!.trim() !== '') closing = r;
      if (closing >= 0) end = closing;
    }
    return { row, header, end, kind: 'function', name };
  });
}

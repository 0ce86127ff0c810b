/** Java, Kotlin and Scala. */
import type { LanguageSpec } from './spec.js';
import { cleanName, keyword, wasms } from './spec.js';

export const java: LanguageSpec = {
  wasm: wasms('java'),
  definitions: {
    class_declaration: 'class',
    interface_declaration: 'interface',
    annotation_type_declaration: 'interface',
    enum_declaration: 'enum',
    record_declaration: 'class',
    method_declaration: 'method',
    constructor_declaration: 'constructor',
    compact_constructor_declaration: 'constructor',
  },
};

export const kotlin: LanguageSpec = {
  wasm: wasms('kotlin'),
  definitions: {
    class_declaration: 'class',
    object_declaration: 'class',
    companion_object: 'class',
    function_declaration: 'function',
    secondary_constructor: 'constructor',
    type_alias: 'type',
  },
  // The grammar reads an annotation above a top-level function (`@Suppress(…)`) as an expression.
  leading: ['prefix_expression', 'annotation'],
  name(node) {
    if (node.type === 'companion_object') return node.childForFieldName('name')?.text ?? 'Companion';
    if (node.type !== 'function_declaration') return undefined;
    // `fun CoroutineScope.launch(…)`: an extension is named after its receiver, `CoroutineScope.launch`.
    const name = node.namedChildren.find((c) => c?.type === 'simple_identifier');
    const dot = name?.previousSibling;
    const receiver = dot?.type === '.' ? dot.previousNamedSibling : null;
    if (!name || !receiver || !/^(user_type|nullable_type|parenthesized_type)$/.test(receiver.type))
      return undefined;
    const type = cleanName(receiver.text.replace(/\?$/, ''));
    return type ? `${type}.${name.text.replace(/`/g, '')}` : undefined;
  },
  kind(node, kind) {
    if (node.type !== 'class_declaration') return kind;
    // `enum` and `interface` are keywords of the declaration itself, not modifiers.
    const word = keyword(node, ['interface', 'enum', 'class']);
    if (word === 'interface') return 'interface';
    if (word === 'enum') return 'enum';
    const modifiers = node.namedChildren.find((c) => c?.type === 'modifiers');
    return modifiers && /\benum\b/.test(modifiers.text) ? 'enum' : kind;
  },
};

export const scala: LanguageSpec = {
  // tree-sitter-wasms' Scala grammar fails on `sealed trait` and on all Scala 3 syntax (enum,
  // given, extension, indentation); the grammar's own package ships a current build.
  wasm: { package: 'tree-sitter-scala', file: 'tree-sitter-scala.wasm' },
  definitions: {
    class_definition: 'class',
    object_definition: 'class',
    trait_definition: 'trait',
    enum_definition: 'enum',
    function_definition: 'function',
    type_definition: 'type',
    given_definition: 'class',
    extension_definition: 'impl',
  },
  // `extension (s: String)` has no name of its own: its methods are named after the type.
  name: (node) =>
    node.type === 'extension_definition'
      ? cleanName(
          node.childForFieldName('parameters')?.namedChildren[0]?.childForFieldName('type')?.text ?? '',
        )
      : undefined,
};

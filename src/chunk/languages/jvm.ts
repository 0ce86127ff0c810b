/** Java, Kotlin and Scala. */
import type { Node } from 'web-tree-sitter';
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

/** `name` qualified by an extension's receiver type (`CoroutineScope?` → `CoroutineScope.name`). */
function onReceiver(receiver: Node, name: string): string | null {
  const type = cleanName(receiver.text.replace(/\?$/, ''));
  return type ? `${type}.${name}` : null;
}

export const kotlin: LanguageSpec = {
  wasm: wasms('kotlin'),
  definitions: {
    class_declaration: 'class',
    object_declaration: 'class',
    companion_object: 'class',
    function_declaration: 'function',
    secondary_constructor: 'constructor',
    type_alias: 'type',
    // `val Project.kotlinVersion get() = …`, `object Users : Table() { val name = varchar(…) }`.
    property_declaration: 'variable',
  },
  // The grammar reads an annotation above a top-level function (`@Suppress(…)`) as an expression.
  leading: ['prefix_expression', 'annotation'],
  // `val Collection<*>.indices: IntRange` and its `get() = …` on the next line: the grammar makes the
  // accessor a sibling.
  continues: (next, node) =>
    node.type === 'property_declaration' && (next.type === 'getter' || next.type === 'setter'),
  name(node) {
    if (node.type === 'companion_object') return node.childForFieldName('name')?.text ?? 'Companion';
    if (node.type === 'property_declaration') {
      const name = node.namedChildren.find((c) => c?.type === 'variable_declaration')?.namedChildren[0];
      if (name?.type !== 'simple_identifier') return null;
      const receiver = node.namedChildren.find((c) => c?.type === 'user_type' || c?.type === 'nullable_type');
      return (receiver && onReceiver(receiver, name.text)) ?? name.text;
    }
    if (node.type !== 'function_declaration') return undefined;
    // `fun CoroutineScope.launch(…)`: an extension is named after its receiver, `CoroutineScope.launch`.
    const name = node.namedChildren.find((c) => c?.type === 'simple_identifier');
    const dot = name?.previousSibling;
    const receiver = dot?.type === '.' ? dot.previousNamedSibling : null;
    if (!name || !receiver || !/^(user_type|nullable_type|parenthesized_type)$/.test(receiver.type))
      return undefined;
    return onReceiver(receiver, name.text.replace(/`/g, '')) ?? undefined;
  },
  kind(node, kind) {
    // Top-level and member properties only: a `val` in a function body is a local.
    if (node.type === 'property_declaration')
      return /^(source_file|class_body|enum_class_body)$/.test(node.parent?.type ?? '') ? kind : null;
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
    // `def flatMap[B](f: A => F[B]): F[B]` without a body: a type class's or a sealed trait's API.
    function_declaration: 'function',
    // `implicit val decodeInt: Decoder[Int] = …`, `lazy val x = …`: instances and members (not locals).
    val_definition: 'variable',
    var_definition: 'variable',
    type_definition: 'type',
    given_definition: 'class',
    extension_definition: 'impl',
  },
  indentedBodies: true,
  // `extension (s: String)` has no name of its own: its methods are named after the type.
  name: (node) => {
    if (node.type === 'extension_definition')
      return cleanName(
        node.childForFieldName('parameters')?.namedChildren[0]?.childForFieldName('type')?.text ?? '',
      );
    if (node.type === 'val_definition' || node.type === 'var_definition') {
      const pattern = node.childForFieldName('pattern');
      return pattern?.type === 'identifier' ? pattern.text : null;
    }
    return undefined;
  },
  // Only members: a `val` in a block or a function body is a local.
  kind: (node, kind) =>
    (node.type === 'val_definition' || node.type === 'var_definition') &&
    !/^(template_body|compilation_unit|package_clause)$/.test(node.parent?.type ?? '')
      ? null
      : kind,
};

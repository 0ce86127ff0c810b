/** Java, Kotlin and Scala. */
import type { LanguageSpec } from './spec.js';
import { keyword, wasms } from './spec.js';

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
  name: (node) =>
    node.type === 'companion_object' ? (node.childForFieldName('name')?.text ?? 'Companion') : undefined,
  kind(node, kind) {
    if (node.type !== 'class_declaration') return kind;
    const word = keyword(node, ['interface', 'class']);
    if (word === 'interface') return 'interface';
    const modifiers = node.namedChildren.find((c) => c?.type === 'modifiers');
    return modifiers && /\benum\b/.test(modifiers.text) ? 'enum' : kind;
  },
};

export const scala: LanguageSpec = {
  wasm: wasms('scala'),
  definitions: {
    class_definition: 'class',
    object_definition: 'class',
    trait_definition: 'trait',
    enum_definition: 'enum',
    function_definition: 'function',
    type_definition: 'type',
  },
};

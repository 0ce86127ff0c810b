/** Rust: items, with `impl Foo` naming its methods `Foo.bar`; `#[...]` and `///` lead items. */
import type { LanguageSpec } from './spec.js';
import { cleanName, wasms } from './spec.js';

export const rust: LanguageSpec = {
  wasm: wasms('rust'),
  definitions: {
    function_item: 'function',
    struct_item: 'struct',
    union_item: 'struct',
    enum_item: 'enum',
    trait_item: 'trait',
    impl_item: 'impl',
    mod_item: 'module',
    type_item: 'type',
    const_item: 'constant',
    static_item: 'constant',
    macro_definition: 'macro',
  },
  leading: ['attribute_item'],
  name(node) {
    if (node.type === 'impl_item') return cleanName(node.childForFieldName('type')?.text ?? '');
    return undefined;
  },
  // A module declared elsewhere (`mod foo;`) is one line of plain code.
  kind: (node, kind) => (node.type === 'mod_item' && !node.childForFieldName('body') ? null : kind),
};

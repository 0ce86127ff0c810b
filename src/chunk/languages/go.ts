/** Go: functions, methods named by their receiver type (`Server.Start`), and type declarations. */
import type { LanguageSpec } from './spec.js';
import { cleanName, firstDescendant, wasms } from './spec.js';

export const go: LanguageSpec = {
  wasm: wasms('go'),
  definitions: { function_declaration: 'function', method_declaration: 'method', type_declaration: 'type' },
  name(node) {
    if (node.type === 'method_declaration') {
      const receiver = node.childForFieldName('receiver');
      const type = receiver ? firstDescendant(receiver, ['type_identifier']) : null;
      const name = node.childForFieldName('name')?.text ?? null;
      return type && name ? `${type.text}.${name}` : name;
    }
    if (node.type === 'type_declaration') {
      const spec = firstDescendant(node, ['type_spec', 'type_alias']);
      return spec ? cleanName(spec.childForFieldName('name')?.text ?? '') : null;
    }
    return undefined;
  },
  kind(node, kind) {
    if (node.type !== 'type_declaration') return kind;
    const spec = firstDescendant(node, ['type_spec', 'type_alias']);
    const type = spec?.childForFieldName('type')?.type;
    if (type === 'struct_type') return 'struct';
    if (type === 'interface_type') return 'interface';
    return 'type';
  },
};

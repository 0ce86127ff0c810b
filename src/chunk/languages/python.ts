/** Python: classes and functions; decorators come with `decorated_definition`. */
import type { LanguageSpec } from './spec.js';
import { wasms } from './spec.js';

export const python: LanguageSpec = {
  wasm: wasms('python'),
  definitions: { class_definition: 'class', function_definition: 'function' },
  wrappers: ['decorated_definition'],
};

// Prints the tree-sitter grammar files the chunker loads, one `<package>/<file>` per line, for
// prune-node-modules.sh. The chunker's LANGUAGE_SPECS is the single source of truth.
// Usage: node docker/list-grammars.mjs DIST_DIR
import { argv, stdout } from 'node:process';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const dist = resolve(argv[2] ?? 'dist');
const { LANGUAGE_SPECS } = await import(pathToFileURL(`${dist}/chunk/languages/index.js`).href);
const files = new Set(Object.values(LANGUAGE_SPECS).map((spec) => `${spec.wasm.package}/${spec.wasm.file}`));
if (files.size === 0) throw new Error('LANGUAGE_SPECS lists no grammars');
stdout.write([...files].sort().join('\n') + '\n');

/**
 * Chunking stage: splits a file into definition-shaped chunks (tree-sitter, 20 languages),
 * markdown sections, or line windows for everything else.
 */
export { createChunker } from './chunker.js';
export type { Chunker } from './chunker.js';
export { DEFAULT_CHUNKER_OPTIONS } from './options.js';
export type { ChunkerOptions, ResolvedChunkerOptions } from './options.js';
export { SYNTAX_LANGUAGES } from './languages/index.js';

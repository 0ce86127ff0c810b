/**
 * The scanning stage: which files of a repository get indexed, and their text.
 *
 * `scanRepository` walks the tree and applies every path-level rule (ignore files, built-in
 * excludes, size, include filter, symbolic links); `readSourceFile` then reads one candidate and
 * applies the content-level rules (binary, private key, minified) and detects its language.
 */
export { scanRepository } from './scan-repository.js';
export { readSourceFile } from './read-source-file.js';
export { detectLanguage } from './language.js';
export { decodeText, isBinary } from './content.js';
export { DEFAULT_MAX_FILE_BYTES } from './types.js';
export type { ReadOptions, ReadResult, ScanOptions, ScanResult } from './types.js';

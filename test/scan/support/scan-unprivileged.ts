/**
 * Scans a directory as an unprivileged user and prints the outcome as JSON. Root reads every file
 * whatever its mode, so the test for permission errors runs this in a child process that drops to
 * `nobody` after its modules are loaded.
 *
 * Usage: node --import tsx test/scan/support/scan-unprivileged.ts <root>
 */
import { readSourceFile, scanRepository } from '../../../src/scan/index.js';

const NOBODY = 65534;
const root = process.argv[2];
if (root === undefined) throw new Error('usage: scan-unprivileged.ts <root>');
if (process.getuid?.() === 0) {
  process.setgid?.(NOBODY);
  process.setuid?.(NOBODY);
}
const result = await scanRepository(root);
const reads = [];
for (const file of result.files) {
  const read = await readSourceFile(file);
  reads.push(read.kind === 'text' ? { path: file.path, kind: read.kind } : { path: file.path, ...read });
}
process.stdout.write(JSON.stringify({ uid: process.getuid?.(), skipped: result.skipped, reads }));

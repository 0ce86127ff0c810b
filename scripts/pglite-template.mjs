// Build step: the data directory template new PGlite databases start from (see
// src/store/pglite/data-dir-template.ts). Runs after tsc, from the compiled module.
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { writeTemplate } from '../dist/store/pglite/data-dir-template.js';

const started = performance.now();
const path = await writeTemplate(join(dirname(fileURLToPath(import.meta.url)), '..', 'dist'));
process.stderr.write(`pglite template: ${path} (${Math.round(performance.now() - started)} ms)\n`);

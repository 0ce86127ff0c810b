import { createHash } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readSourceFile, scanRepository } from '../../src/scan/index.js';
import type { ReadResult, ScanOptions } from '../../src/scan/index.js';
import { createTree } from './support/tree.js';
import type { Entry, Tree } from './support/tree.js';

const trees: Tree[] = [];
afterEach(async () => {
  await Promise.all(trees.splice(0).map((tree) => tree.remove()));
});

/** Scans a tree holding the entries and reads every scanned file, as the indexer does. */
async function scanAndRead(
  entries: Record<string, Entry>,
  options: ScanOptions = {},
): Promise<{
  reads: Map<string, ReadResult>;
  skipped: Awaited<ReturnType<typeof scanRepository>>['skipped'];
}> {
  const tree = await createTree(entries);
  trees.push(tree);
  const result = await scanRepository(tree.root, options);
  const reads = new Map<string, ReadResult>();
  for (const file of result.files) reads.set(file.path, await readSourceFile(file, options));
  return { reads, skipped: result.skipped };
}

describe('readSourceFile', () => {
  it('returns the text, the sha256 of the raw bytes, the size and the language', async () => {
    const source = 'export function add(a: number, b: number) {\n  return a + b;\n}\n';
    const { reads } = await scanAndRead({ 'src/add.ts': source });
    const read = reads.get('src/add.ts');
    expect(read).toMatchObject({
      kind: 'text',
      text: source,
      size: Buffer.byteLength(source),
      language: 'typescript',
      hash: createHash('sha256').update(source).digest('hex'),
    });
  });

  it('skips a file with a source extension whose content is binary', async () => {
    const bytes = Buffer.concat([Buffer.from('export const x = 1;\n'), Buffer.from([0, 1, 2, 3, 0, 0xff])]);
    const { reads } = await scanAndRead({ 'weird.ts': bytes, 'ok.ts': 'export {}' });
    expect(reads.get('weird.ts')).toEqual({ kind: 'skipped', reason: 'binary', detail: 'binary content' });
    expect(reads.get('ok.ts')?.kind).toBe('text');
  });

  it('reports a file over maxFileBytes as too-large at scan time', async () => {
    const { reads, skipped } = await scanAndRead(
      { 'big.json': 'x'.repeat(2048), 'small.json': '{}' },
      { maxFileBytes: 1024 },
    );
    expect(skipped).toEqual([
      { path: 'big.json', reason: 'too-large', detail: '2048 bytes > limit of 1024 bytes' },
    ]);
    expect([...reads.keys()]).toEqual(['small.json']);
  });

  it('reports a file that grew past the limit after the scan as too-large', async () => {
    const tree = await createTree({ 'grows.txt': 'small' });
    trees.push(tree);
    const [file] = (await scanRepository(tree.root, { maxFileBytes: 100 })).files;
    await writeFile(join(tree.root, 'grows.txt'), 'y'.repeat(500));
    expect(await readSourceFile(file!, { maxFileBytes: 100 })).toEqual({
      kind: 'skipped',
      reason: 'too-large',
      detail: '500 bytes > limit of 100 bytes',
    });
  });

  it('reports a file deleted since the scan as unreadable', async () => {
    const tree = await createTree({ 'gone.ts': 'x' });
    trees.push(tree);
    const [file] = (await scanRepository(tree.root)).files;
    await tree.remove();
    expect(await readSourceFile(file!)).toEqual({
      kind: 'skipped',
      reason: 'unreadable',
      detail: 'file no longer exists',
    });
  });

  it('decodes latin1 (windows-1252) bytes that are not UTF-8 without throwing', async () => {
    const latin1 = Buffer.from([0x23, 0x20, 0x63, 0x61, 0x66, 0xe9, 0x20, 0x80, 0x0a]); // "# café €\n"
    const { reads } = await scanAndRead({ 'notes.py': latin1 });
    expect(reads.get('notes.py')).toMatchObject({ kind: 'text', text: '# café €\n', language: 'python' });
  });

  it('decodes UTF-16 with a byte order mark, little and big endian', async () => {
    const text = 'SELECT 1; -- ünïcode\n';
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const be = Buffer.from(le.subarray(2)).swap16();
    const { reads } = await scanAndRead({
      'le.sql': le,
      'be.sql': Buffer.concat([Buffer.from([0xfe, 0xff]), be]),
    });
    expect(reads.get('le.sql')).toMatchObject({ kind: 'text', text, language: 'sql' });
    expect(reads.get('be.sql')).toMatchObject({ kind: 'text', text, language: 'sql' });
  });

  it('strips a UTF-8 byte order mark but hashes the raw bytes', async () => {
    const raw = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('# Title\n')]);
    const { reads } = await scanAndRead({ 'README.md': raw });
    expect(reads.get('README.md')).toMatchObject({
      kind: 'text',
      text: '# Title\n',
      language: 'markdown',
      hash: createHash('sha256').update(raw).digest('hex'),
    });
  });

  it('detects the language of extension-less scripts from the shebang', async () => {
    const { reads } = await scanAndRead({
      'bin/tool': '#!/usr/bin/env python3\nprint("hi")\n',
      'bin/deploy': '#!/bin/bash\nset -e\n',
      'bin/serve': '#!/usr/bin/env -S node --enable-source-maps\nconsole.log(1)\n',
      'bin/report': '#!/usr/bin/perl -w\nprint 1;\n',
      'bin/rake-task': '#!/usr/bin/env ruby\nputs 1\n',
      'bin/notes': 'just some text\n',
    });
    const languages = Object.fromEntries(
      [...reads].map(([path, read]) => [path, read.kind === 'text' ? read.language : read.reason]),
    );
    expect(languages).toEqual({
      'bin/deploy': 'bash',
      'bin/notes': 'text',
      'bin/rake-task': 'ruby',
      'bin/report': 'perl',
      'bin/serve': 'javascript',
      'bin/tool': 'python',
    });
  });

  it('tells C++ headers from C headers by their content', async () => {
    const { reads } = await scanAndRead({
      'a.h': '#pragma once\nint add(int a, int b);\n',
      'b.h': '#pragma once\nnamespace geo {\nclass Point {\npublic:\n  double x;\n};\n}\n',
    });
    expect(reads.get('a.h')).toMatchObject({ language: 'c' });
    expect(reads.get('b.h')).toMatchObject({ language: 'cpp' });
  });

  it('skips a private key whatever the file is called', async () => {
    const key =
      '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----\n';
    const { reads } = await scanAndRead({
      'deploy/server-credentials': key,
      'rsa.txt': '-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----\n',
      'docs/keys.md': 'A key looks like `-----BEGIN PRIVATE KEY-----`; never commit one.\n',
    });
    expect(reads.get('deploy/server-credentials')).toEqual({
      kind: 'skipped',
      reason: 'secret',
      detail: 'private key',
    });
    expect(reads.get('rsa.txt')).toEqual({ kind: 'skipped', reason: 'secret', detail: 'private key' });
    expect(reads.get('docs/keys.md')?.kind).toBe('text');
  });

  it('skips minified bundles by content, and keeps long-lined prose', async () => {
    const bundle = 'var a=1;'.repeat(1000); // one 8000-character line
    const dense = Array.from({ length: 10 }, (_, i) => `const v${i}=[${'1,'.repeat(200)}];`).join('\n');
    const { reads } = await scanAndRead({
      'vendor-bundle.js': bundle,
      'dense.css': dense,
      'paragraphs.md': ('word '.repeat(1200) + '\n').repeat(3),
      'normal.js': 'function f() {\n  return 1;\n}\n'.repeat(100),
    });
    expect(reads.get('vendor-bundle.js')).toEqual({
      kind: 'skipped',
      reason: 'default-exclude',
      detail: 'minified (longest line 8000 chars)',
    });
    expect(reads.get('dense.css')).toMatchObject({ kind: 'skipped', reason: 'default-exclude' });
    expect(reads.get('paragraphs.md')?.kind).toBe('text');
    expect(reads.get('normal.js')?.kind).toBe('text');
  });

  it('reads an empty file as empty text', async () => {
    const { reads } = await scanAndRead({ 'empty.py': '' });
    expect(reads.get('empty.py')).toMatchObject({ kind: 'text', text: '', size: 0, language: 'python' });
  });
});

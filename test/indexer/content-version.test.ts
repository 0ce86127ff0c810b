/**
 * What a file becomes in the index (chunks, their terms and field weights) is versioned by
 * `CONTENT_VERSION`: an index built by another version re-processes every file. This test keeps
 * the two in step. It fingerprints the pipeline's output over the chunker fixtures (every grammar,
 * the line patterns of languages without one, markdown and line windows); when the output changes,
 * bump `CONTENT_VERSION` in src/indexer/content-version.ts and record the new fingerprint under the
 * new version here.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChunker, type Chunker } from '../../src/chunk/index.js';
import { CONTENT_VERSION } from '../../src/indexer/content-version.js';
import { chunkTerms } from '../../src/lexical/index.js';
import { detectLanguage } from '../../src/scan/index.js';

/** Output fingerprint per content version (only the current one is checked). */
const FINGERPRINTS: Readonly<Record<number, string>> = {
  2: '46e9feacc6fb78bd',
  3: 'c64a3558e3778b7b',
  4: '288e553f0bf69c47',
  5: '05a536ca50b6f90a',
  6: 'cf98aa2b21c29c36',
  // `.perl` files became Perl; the stop words of a definition's name are marked terms (`=new`)
  7: '1e1126da536c20c1',
};

const FIXTURES = join(import.meta.dirname, '../chunk/fixtures');

function fixtureFiles(): { path: string; text: string }[] {
  const files: { path: string; text: string }[] = [];
  const walk = (dir: string, prefix: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
      a.name.localeCompare(b.name),
    )) {
      if (entry.isDirectory()) walk(join(dir, entry.name), `${prefix}${entry.name}/`);
      else if (entry.name.endsWith('.fixture')) {
        files.push({
          path: `${prefix}${entry.name.replace(/\.fixture$/, '')}`,
          text: readFileSync(join(dir, entry.name), 'utf8'),
        });
      }
    }
  };
  walk(FIXTURES, 'src/');
  files.push({ path: 'docs/guide.md', text: '# Guide\n\nInstall it.\n\n## Usage\n\nRun `tool --help`.\n' });
  files.push({ path: 'config/settings.json', text: '{\n  "retries": 3,\n  "timeoutMs": 2500\n}\n' });
  // A class too long for one chunk, with a short gap between members (split definitions).
  const members = Array.from(
    { length: 40 },
    (_, i) =>
      `  step${i}(input: number): number {\n    const next = input + ${i};\n    return next * 2;\n  }\n`,
  );
  members.splice(20, 0, '  // second half\n');
  files.push({ path: 'src/pipeline.ts', text: `export class Pipeline {\n${members.join('\n')}}\n` });
  return files;
}

describe('content version', () => {
  let chunker: Chunker;
  beforeAll(async () => {
    chunker = await createChunker();
  });
  afterAll(() => chunker.close());

  it('changes whenever chunks or their terms change', async () => {
    const hash = createHash('sha256');
    const files = fixtureFiles();
    expect(files.length).toBeGreaterThan(20);
    for (const file of files) {
      const chunks = await chunker.chunk(file.path, detectLanguage(file.path), file.text);
      for (const chunk of chunks) {
        const { terms, length } = chunkTerms(file.path, chunk);
        const bag = terms.map((t) => `${t.term}:${t.tf}`).sort();
        hash.update(
          JSON.stringify([file.path, chunk.startLine, chunk.endLine, chunk.kind, chunk.symbol, length, bag]),
        );
        hash.update(chunk.content);
      }
    }
    const fingerprint = hash.digest('hex').slice(0, 16);
    expect(
      fingerprint,
      `the pipeline's output changed: bump CONTENT_VERSION (now ${CONTENT_VERSION}) and record ${fingerprint} under the new version`,
    ).toBe(FINGERPRINTS[CONTENT_VERSION]);
  });
});

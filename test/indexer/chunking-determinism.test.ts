/**
 * Indexing chunks every file exactly as the chunker does on its own, whatever order files of
 * several languages arrive in and however many are in flight (a regression: concurrent grammar
 * loads once mixed grammars up, so chunk boundaries changed from run to run).
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateRepo } from '../../bench/generate-repo.js';
import { createChunker } from '../../src/chunk/index.js';
import { indexRepository } from '../../src/indexer/index.js';
import { openStore, type Store } from '../../src/store/index.js';

let root: string;
let store: Store;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'cmcp-determinism-'));
  await generateRepo(root, 240);
  store = await openStore({ url: 'memory://' });
}, 60_000);
afterAll(async () => {
  await store.close();
  await rm(root, { recursive: true, force: true });
});

describe('chunking during indexing', () => {
  it('gives every file the chunks a lone chunker gives it, inline and in worker threads', async () => {
    const expected = new Map<string, string[]>();
    const chunker = await createChunker();
    const ranges = (chunks: readonly { startLine: number; endLine: number }[]) =>
      chunks.map((c) => `${c.startLine}-${c.endLine}`);
    for (const workers of [0, 2]) {
      const result = await indexRepository(store, {
        root,
        project: `workers-${workers}`,
        maxFileBytes: 1 << 20,
        workers,
      });
      const files = await store.listFiles(result.repository.id);
      expect(new Set(files.map((f) => f.language)).size).toBeGreaterThanOrEqual(5);
      for (const file of files) {
        if (!expected.has(file.path)) {
          const text = await readFile(join(root, file.path), 'utf8');
          expected.set(file.path, ranges(await chunker.chunk(file.path, file.language, text)));
        }
        const stored = await store.getFileChunks(result.repository.id, file.path);
        expect({ path: file.path, ranges: ranges(stored) }).toEqual({
          path: file.path,
          ranges: expected.get(file.path),
        });
      }
    }
    chunker.close();
  }, 120_000);
});

import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeBuiltinModel } from '../../src/embed/builtin-model.js';
import { findPython, train, type TrainOptions } from '../../model/train.js';

const REPO = join(import.meta.dirname, '..', '..');

describe('model:train early stopping and term dropout', () => {
  let dir: string;
  let options: TrainOptions;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'model-train-options-'));
    // The repository's own JSDoc'd TypeScript; one package per folder so some are held aside.
    const folders = ['core', 'embed', 'lexical', 'store', 'search', 'indexer', 'chunk', 'mcp', 'scan', 'cli'];
    options = {
      sourceDirs: [...folders.map((f) => join(REPO, 'src', f)), join(REPO, 'model')],
      manifest: join(REPO, 'model', 'manifest.json'),
      cacheDir: join(dir, 'cache'),
      workDir: join(dir, 'work'),
      out: join(dir, 'models', 'tiny.bin'),
      name: 'tiny-static',
      dims: 16,
      vocab: 3000,
      maxBytes: 1_000_000,
      batch: 32,
      epochs: 6,
      maxSeconds: 60,
      lr: 0.02,
      temperature: 0.05,
      heldAsidePercent: 40,
      minDf: 1,
      maxPairsPerPackage: 5000,
      evalEvery: 3,
      termDropout: 0.2,
      python: findPython(),
      log: () => {},
    };
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('records the validation curve, keeps the best step, and stays deterministic', async () => {
    const first = decodeBuiltinModel(await readFile(train(options).modelPath));
    const t = first.metadata.training as {
      hyperParameters: { steps: number; keptStep: number; evalEvery: number; termDropout: number };
      validationCurve: { step: number; mrr: number }[];
    };
    expect(t.hyperParameters).toMatchObject({ evalEvery: 3, termDropout: 0.2 });
    expect(t.validationCurve.length).toBeGreaterThan(0);
    const best = Math.max(...t.validationCurve.map((c) => c.mrr));
    const kept = t.validationCurve.find((c) => c.step === t.hyperParameters.keptStep);
    expect(kept?.mrr).toBe(best);
    expect(t.hyperParameters.keptStep).toBeLessThanOrEqual(t.hyperParameters.steps);

    const again = decodeBuiltinModel(
      await readFile(train({ ...options, out: join(dir, 'models', 'again.bin') }).modelPath),
    );
    const bytes = (a: Int8Array): Buffer => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
    expect(bytes(again.table).equals(bytes(first.table))).toBe(true);
  });
});

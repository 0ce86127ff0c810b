import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EmbeddingError } from '../../src/core/index.js';
import { createBuiltinEmbedder } from '../../src/embed/builtin.js';
import {
  decodeBuiltinModel,
  encodeBuiltinModel,
  type BuiltinModelParts,
} from '../../src/embed/builtin-model.js';

/** A hand-made 4-term, 3-dimension model: each term points along its own axis. */
function tinyModel(): BuiltinModelParts {
  const terms = ['parse', 'json', 'render', 'html'];
  return {
    metadata: {
      name: 'tiny',
      dimensions: 3,
      vocabularySize: terms.length,
      tokenizer: { stem: false, stopWords: true },
      idfMax: 2,
      corpusManifestHash: 'test',
      createdWith: 'test',
      training: {},
    },
    terms,
    idf: Uint8Array.from([255, 255, 255, 255]),
    scale: Float32Array.from([1 / 127, 1 / 127, 1 / 127, 1 / 127]),
    table: Int8Array.from([127, 0, 0, 0, 127, 0, 0, 0, 127, 0, 0, 127]),
  };
}

describe('built-in model file', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'builtin-model-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('round-trips metadata, vocabulary and table', () => {
    const model = decodeBuiltinModel(encodeBuiltinModel(tinyModel()));
    expect(model.metadata.name).toBe('tiny');
    expect([...model.vocabulary.keys()]).toEqual(['parse', 'json', 'render', 'html']);
    expect(Array.from(model.table.subarray(3, 6))).toEqual([0, 127, 0]);
    expect(model.rowFactor[0]).toBeCloseTo(2 / 127, 6);
  });

  it('embeds with the weighting of the file: (1 + ln tf) · idf · E, normalised', async () => {
    const path = join(dir, 'tiny.bin');
    await writeFile(path, encodeBuiltinModel(tinyModel()));
    const embedder = createBuiltinEmbedder({ model: 'tiny', modelPath: path });
    expect(embedder.dimensions()).toBeNull();
    await embedder.probe();
    expect(embedder.dimensions()).toBe(3);
    expect(embedder.id).toBe('builtin:tiny');
    const [a] = await embedder.embedDocuments(['parse parse json']);
    const w = 1 + Math.log(2);
    const n = Math.hypot(w, 1);
    expect(Array.from(a!)).toEqual([expect.closeTo(w / n, 5), expect.closeTo(1 / n, 5), 0]);
    // Terms outside the vocabulary are ignored; render and html share an axis direction.
    const q = await embedder.embedQuery('renderHtml unknownWord');
    expect(q[0]).toBe(0);
    expect(q[2]).toBeCloseTo(1, 5);
    // A text with no known term still gets a unit vector (never NaN under cosine).
    const empty = await embedder.embedQuery('zzz qqq');
    expect(Math.hypot(...empty)).toBeCloseTo(1, 5);
  });

  it('reports a missing or corrupt model file with its path and a hint', async () => {
    const missing = createBuiltinEmbedder({ modelPath: join(dir, 'nope.bin') });
    await expect(missing.probe()).rejects.toBeInstanceOf(EmbeddingError);
    await expect(missing.probe()).rejects.toThrow(/nope\.bin/);
    const bad = join(dir, 'bad.bin');
    await writeFile(bad, Buffer.from('not a model at all'));
    const corrupt = createBuiltinEmbedder({ modelPath: bad });
    const error = await corrupt.embedQuery('x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EmbeddingError);
    expect((error as EmbeddingError).hint).toMatch(/model:train|Reinstall/);
  });

  it('stops embedding when the signal is aborted', async () => {
    const path = join(dir, 'tiny.bin');
    await writeFile(path, encodeBuiltinModel(tinyModel()));
    const embedder = createBuiltinEmbedder({ modelPath: path });
    const controller = new AbortController();
    controller.abort();
    await expect(embedder.embedDocuments(['parse'], controller.signal)).rejects.toMatchObject({
      code: 'CANCELLED',
    });
  });
});

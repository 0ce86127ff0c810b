import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeBuiltinModel } from '../../src/embed/builtin-model.js';
import { createBuiltinEmbedder } from '../../src/embed/builtin.js';
import { findPython, train, type TrainOptions } from '../../model/train.js';

const REPO = join(import.meta.dirname, '..', '..');

/** A small multi-language package: documented functions about a few distinct topics. */
async function writeFixture(dir: string): Promise<void> {
  const topics = [
    ['read', 'file', 'contents', 'path', 'open'],
    ['parse', 'json', 'document', 'object', 'decode'],
    ['send', 'http', 'request', 'url', 'response'],
    ['sort', 'list', 'items', 'order', 'compare'],
    ['hash', 'password', 'secret', 'salt', 'digest'],
    ['render', 'html', 'template', 'page', 'escape'],
  ];
  const py: string[] = [];
  const go: string[] = ['package fixture', ''];
  topics.forEach((words, t) => {
    for (let v = 0; v < 8; v++) {
      const [a, b, c, d, e] = words.map((_w, k) => words[(k + v) % words.length]!) as [
        string,
        string,
        string,
        string,
        string,
      ];
      py.push(
        `def ${a}_${b}_${v}(${c}, ${d}):`,
        `    """${a} the ${b} ${c} with the given ${d} (topic ${t})."""`,
        `    ${e} = ${c}.${a}_${b}(${d})`,
        `    return ${e}`,
        '',
      );
      go.push(
        `// ${a}${b}${v} will ${a} the ${b} ${e} for ${c}.`,
        `func ${a}${b}${v}(${c} string, ${d} int) string {`,
        `\t${e} := ${b}.${a}(${c}, ${d})`,
        `\treturn ${e}`,
        '}',
        '',
      );
    }
  });
  await mkdir(join(dir, 'pkg'), { recursive: true });
  await writeFile(join(dir, 'pkg', 'topics.py'), py.join('\n'));
  await writeFile(join(dir, 'pkg', 'topics.go'), go.join('\n'));
}

describe('model:train on a tiny corpus', () => {
  let dir: string;
  let options: TrainOptions;
  const logs: string[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'builtin-train-'));
    await writeFixture(join(dir, 'fixture'));
    options = {
      // The repository's own TypeScript (JSDoc) plus a generated Python/Go package.
      sourceDirs: [join(REPO, 'src'), join(dir, 'fixture')],
      manifest: join(REPO, 'model', 'manifest.json'),
      cacheDir: join(dir, 'cache'),
      workDir: join(dir, 'work'),
      out: join(dir, 'models', 'tiny-static.bin'),
      name: 'tiny-static',
      dims: 32,
      vocab: 5000,
      maxBytes: 2_000_000,
      batch: 64,
      epochs: 20,
      maxSeconds: 60,
      lr: 0.02,
      temperature: 0.05,
      heldAsidePercent: 0,
      minDf: 1,
      maxPairsPerPackage: 5000,
      python: findPython(),
      log: (m) => logs.push(m),
    };
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('extracts pairs, trains, and writes a model the runtime loads and uses', async () => {
    const { modelPath } = train(options);
    const model = decodeBuiltinModel(await readFile(modelPath));
    expect(model.metadata.dimensions).toBe(32);
    expect(model.metadata.tokenizer).toEqual({ stem: true, stopWords: true });
    expect(model.metadata.vocabularySize).toBeGreaterThan(100);
    expect(model.metadata.training).toMatchObject({ hyperParameters: { temperature: 0.05, batch: 64 } });
    expect(logs.join('\n')).toMatch(/"python":\d+/);

    const embedder = createBuiltinEmbedder({ model: 'tiny-static', modelPath });
    const [hashCode, jsonCode] = await embedder.embedDocuments([
      'def hash_password(secret, salt):\n    digest = secret.hash_password(salt)\n    return digest',
      'def parse_json(document, object):\n    decode = document.parse_json(object)\n    return decode',
    ]);
    const query = await embedder.embedQuery('hash the password with a salt');
    const dot = (a: Float32Array, b: Float32Array): number => a.reduce((s, x, i) => s + x * b[i]!, 0);
    expect(dot(query, hashCode!)).toBeGreaterThan(dot(query, jsonCode!));

    // Same corpus and seed: the same table, byte for byte.
    const again = train({ ...options, out: join(dir, 'models', 'again.bin') });
    const second = decodeBuiltinModel(await readFile(again.modelPath));
    const bytes = (t: Int8Array): Buffer => Buffer.from(t.buffer, t.byteOffset, t.byteLength);
    expect(bytes(second.table).equals(bytes(model.table))).toBe(true);
    expect([...second.vocabulary.keys()]).toEqual([...model.vocabulary.keys()]);
  });
});

import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { manifestHash, readManifest } from '../../model/corpus.js';
import { decodeBuiltinModel } from '../../src/embed/builtin-model.js';
import {
  BUILTIN_MODEL_NAME,
  createBuiltinEmbedder,
  resolveBuiltinModelPath,
} from '../../src/embed/builtin.js';

const REPO = join(import.meta.dirname, '..', '..');
const dot = (a: Float32Array, b: Float32Array): number => a.reduce((s, x, i) => s + x * b[i]!, 0);

/** Code chunks and queries that describe them in other words (few shared identifiers). */
const CHUNKS: readonly { query: string; code: string }[] = [
  {
    query: 'remove a user account',
    code: 'async function deleteUser(db, id) {\n  await db.query("DELETE FROM users WHERE id = $1", [id]);\n  cache.evict(`user:${id}`);\n}',
  },
  {
    query: 'download a web page over the network',
    code: 'def fetch_url(url, timeout=10):\n    resp = urllib.request.urlopen(url, timeout=timeout)\n    return resp.read().decode("utf-8")',
  },
  {
    query: 'verify the login credentials',
    code: 'func Authenticate(username, password string) (bool, error) {\n\thash, err := store.LookupHash(username)\n\tif err != nil {\n\t\treturn false, err\n\t}\n\treturn bcrypt.CompareHashAndPassword(hash, []byte(password)) == nil, nil\n}',
  },
  {
    query: 'arrange numbers in increasing order',
    code: 'fn sort_ascending(values: &mut Vec<i64>) {\n    values.sort_unstable();\n}',
  },
  {
    query: 'write text to a file on disk',
    code: 'def save(path, content)\n  File.open(path, "w") { |f| f.write(content) }\nend',
  },
  {
    query: 'compress data with gzip',
    code: 'public static byte[] deflate(byte[] input) throws IOException {\n  ByteArrayOutputStream out = new ByteArrayOutputStream();\n  try (GZIPOutputStream gz = new GZIPOutputStream(out)) { gz.write(input); }\n  return out.toByteArray();\n}',
  },
];

describe('built-in embedder (shipped model)', () => {
  it('ships a model file within 20 MB that matches the committed corpus manifest', async () => {
    const path = resolveBuiltinModelPath();
    expect(path).toBe(join(REPO, 'models', `${BUILTIN_MODEL_NAME}.bin`));
    expect((await stat(path)).size).toBeLessThanOrEqual(20_000_000);
    const model = decodeBuiltinModel(await readFile(path));
    expect(model.metadata.name).toBe(BUILTIN_MODEL_NAME);
    expect(model.metadata.corpusManifestHash).toBe(
      manifestHash(readManifest(join(REPO, 'model', 'manifest.json'))),
    );
    expect(model.metadata.training).toHaveProperty('heldAside.model.mrr');
  });

  it('loads lazily and embeds deterministically into unit vectors', async () => {
    const embedder = createBuiltinEmbedder();
    expect(embedder.provider).toBe('builtin');
    expect(embedder.id).toBe(`builtin:${BUILTIN_MODEL_NAME}`);
    expect(embedder.dimensions()).toBeNull();
    const texts = CHUNKS.map((c) => c.code);
    const first = await embedder.embedDocuments(texts);
    expect(embedder.dimensions()).toBe(first[0]!.length);
    const second = await createBuiltinEmbedder().embedDocuments(texts);
    expect(second).toEqual(first);
    for (const v of first) expect(Math.hypot(...v)).toBeCloseTo(1, 5);
  });

  it('ranks code described in other words above unrelated code', async () => {
    const embedder = createBuiltinEmbedder();
    const chunks = await embedder.embedDocuments(CHUNKS.map((c) => c.code));
    let reciprocalRanks = 0;
    for (const [i, { query }] of CHUNKS.entries()) {
      const q = await embedder.embedQuery(query);
      const scores = chunks.map((c) => dot(q, c));
      const rank = 1 + scores.filter((s) => s > scores[i]!).length;
      expect(rank, query).toBeLessThanOrEqual(2);
      reciprocalRanks += 1 / rank;
    }
    expect(reciprocalRanks / CHUNKS.length).toBeGreaterThanOrEqual(0.8);
  });
});

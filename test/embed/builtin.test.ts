import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { manifestHash, readManifest } from '../../model/corpus.js';
import { readdirSync, readFileSync } from 'node:fs';
import { createAccumulationKernel, KERNEL_BATCH } from '../../src/embed/builtin-kernel.js';
import { decodeBuiltinModel, type BuiltinModel } from '../../src/embed/builtin-model.js';
import {
  BUILTIN_MODEL_NAME,
  BuiltinVectorizer,
  createBuiltinEmbedder,
  resolveBuiltinModelPath,
} from '../../src/embed/builtin.js';
import { embeddingHead, embeddingText } from '../../src/indexer/embed-phase.js';
import {
  BodyTerms,
  chunkTerms,
  DEFAULT_FIELD_WEIGHTS,
  DEFAULT_TOKENIZER_OPTIONS,
  tokenize,
} from '../../src/lexical/index.js';

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

  it('embeds real code like the straightforward term-by-term computation', async () => {
    const model = decodeBuiltinModel(await readFile(resolveBuiltinModelPath()));
    const vectorizer = new BuiltinVectorizer(model);
    const texts: string[] = [];
    for (const dir of ['src/embed', 'src/chunk', 'src/lexical', 'node_modules/typescript/lib/ja']) {
      for (const name of readdirSync(join(REPO, dir))) {
        if (!/\.(ts|json)$/.test(name)) continue;
        const lines = readFileSync(join(REPO, dir, name), 'utf8')
          .split('\n')
          .slice(0, 400);
        for (let i = 0; i < lines.length; i += 40) texts.push(lines.slice(i, i + 40).join('\n'));
      }
    }
    expect(texts.length).toBeGreaterThan(100);
    for (const pass of ['first', 'cached']) {
      for (const text of texts) {
        const fast = vectorizer.embed(text);
        const slow = referenceEmbedding(model, text);
        let worst = 0;
        for (let j = 0; j < fast.length; j++) worst = Math.max(worst, Math.abs(fast[j]! - slow[j]!));
        expect(worst, `${pass}: ${text.slice(0, 80)}`).toBeLessThanOrEqual(1e-6);
      }
    }
  });

  it('adds rows with the WebAssembly kernel to exactly the same bits as the JavaScript loop', async () => {
    const model = decodeBuiltinModel(await readFile(resolveBuiltinModelPath()));
    const d = model.metadata.dimensions;
    expect(createAccumulationKernel(model.table, d), 'WebAssembly SIMD is available here').not.toBeNull();
    const withKernel = new BuiltinVectorizer(model);
    const plain = new BuiltinVectorizer(model, false);
    const texts = ['', '+', 'parse parse parse json', 'ΟΔΟΣ naïveCafé 東京タワー 𝑥𝑦Var'];
    for (const dir of ['src/embed', 'src/lexical', 'src/search', 'node_modules/typescript/lib/ja']) {
      for (const name of readdirSync(join(REPO, dir))) {
        if (/\.(ts|json)$/.test(name)) texts.push(readFileSync(join(REPO, dir, name), 'utf8').slice(0, 6000));
      }
    }
    // One text with more distinct known terms than the kernel takes per call.
    const all = texts.join('\n');
    expect(new Set(tokenize(all).filter((t) => model.vocabulary.has(t))).size).toBeGreaterThan(
      KERNEL_BATCH + 3,
    );
    texts.push(all);
    for (const text of texts) {
      const a = withKernel.embed(text);
      const b = plain.embed(text);
      expect(a.length).toBe(d);
      let differing = 0;
      for (let j = 0; j < d; j++) if (!Object.is(a[j], b[j])) differing++;
      expect(differing, text.slice(0, 80)).toBe(0);
    }
  });

  it('embeds a chunk from its head and the lexical tokenizer’s body terms as from its whole text', async () => {
    const vectorizer = new BuiltinVectorizer(decodeBuiltinModel(await readFile(resolveBuiltinModelPath())));
    expect(vectorizer.tokenizesAs(DEFAULT_TOKENIZER_OPTIONS)).toBe(true);
    const chunks: { path: string; symbol: string | null; content: string }[] = [
      { path: 'src/a.ts', symbol: null, content: '' },
      { path: 'src/a.ts', symbol: 'Router.handle', content: 'the of and to a' },
      {
        path: 'lib/http-client/retry-policy.ts',
        symbol: 'retry-policy',
        content: 'use kebab-case-name --flag',
      },
      { path: 'docs/über.md', symbol: 'Größe', content: 'naïveCafé 東京タワー ключЗначение 𝑥𝑦Var x-y_z' },
    ];
    for (const dir of ['src/indexer', 'src/scan', 'node_modules/typescript/lib/ja']) {
      for (const name of readdirSync(join(REPO, dir))) {
        if (!/\.(ts|json)$/.test(name)) continue;
        const text = readFileSync(join(REPO, dir, name), 'utf8').slice(0, 20_000);
        for (let i = 0; i < text.length; i += 3000) {
          chunks.push({
            path: `${dir}/${name}`,
            symbol: i % 2 ? null : 'Pool.run',
            content: text.slice(i, i + 3000),
          });
        }
      }
    }
    const body = new BodyTerms();
    let reordered = 0;
    for (const chunk of chunks) {
      chunkTerms(chunk.path, chunk, DEFAULT_FIELD_WEIGHTS, DEFAULT_TOKENIZER_OPTIONS, body);
      const head = embeddingHead(chunk);
      const reused = vectorizer.embedWithBody(head, body);
      const whole = vectorizer.embed(embeddingText(chunk));
      const label = `${chunk.path}: ${chunk.content.slice(0, 60)}`;
      if (!head.includes('-')) {
        // Same terms in the same order: the same bits.
        expect(Array.from(reused), label).toEqual(Array.from(whole));
        continue;
      }
      // Kebab-case words of the head are summed before the body's terms: same terms, other order.
      reordered++;
      let worst = 0;
      for (let j = 0; j < whole.length; j++) worst = Math.max(worst, Math.abs(reused[j]! - whole[j]!));
      expect(worst, label).toBeLessThanOrEqual(1e-6);
    }
    expect(reordered).toBeGreaterThan(0);
    expect(chunks.length).toBeGreaterThan(50);
  });
});

/** The model's definition, computed the plain way: tokenize, count, weight, sum, normalise. */
function referenceEmbedding(model: BuiltinModel, text: string): Float32Array {
  const d = model.metadata.dimensions;
  const tf = new Map<number, number>();
  for (const term of tokenize(text, model.metadata.tokenizer)) {
    const id = model.vocabulary.get(term);
    if (id !== undefined) tf.set(id, (tf.get(id) ?? 0) + 1);
  }
  const sum = new Float64Array(d);
  for (const [id, count] of tf) {
    const w = (1 + Math.log(count)) * model.rowFactor[id]!;
    for (let j = 0; j < d; j++) sum[j]! += w * model.table[id * d + j]!;
  }
  const norm = Math.hypot(...sum);
  return norm === 0 ? new Float32Array(d).fill(1 / Math.sqrt(d)) : Float32Array.from(sum, (x) => x / norm);
}

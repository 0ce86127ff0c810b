/**
 * Vector benchmark for the store (docs/notes/vectors.md): bulk vector writes through
 * chunksWithoutEmbedding/writeEmbeddings, the HNSW build, and vectorSearch latency with and without
 * the index, plus recall@10 of the index against exact search and the query plans.
 *
 *   node --import tsx test/store/bench/vector-bench.ts --url /tmp/vbench-data|postgres://… [--chunks 60000] [--dims 256]
 *     [--exactBelow N]   (no HNSW index up to N vectors; default: the backend's)
 *
 * Vectors are random around 50 cluster centres (unit length), so HNSW sees some structure.
 */
import { parseArgs } from 'node:util';
import { openStore, termVector, type FileWrite } from '../../../src/store/index.js';
import type { SqlStore } from '../../../src/store/sql/sql-store.js';

const { values } = parseArgs({
  options: {
    url: { type: 'string' },
    chunks: { type: 'string', default: '60000' },
    dims: { type: 'string', default: '256' },
    exactBelow: { type: 'string' },
  },
});
const url = values.url ?? '/tmp/vbench-data';
const total = Number(values.chunks);
const dims = Number(values.dims);
const MODEL = 'bench:random';

const centres = Array.from({ length: 50 }, () =>
  Float32Array.from({ length: dims }, () => Math.random() * 2 - 1),
);
function randomVector(): Float32Array {
  const c = centres[Math.floor(Math.random() * centres.length)]!;
  const v = Float32Array.from(c, (x) => x + (Math.random() * 2 - 1) * 0.8);
  const n = Math.hypot(...v);
  return v.map((x) => x / n);
}
const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;
const ms = (x: number) => Math.round(x * 10) / 10;

const store = (await openStore({ url })) as SqlStore;
if (values.exactBelow) store.configureVectors({ exactBelow: Number(values.exactBelow) });
const project = await store.getOrCreateProject(`vbench-${Date.now()}`);
const repo = await store.getOrCreateRepository(project.id, '/bench');
let t = performance.now();
const perFile = 100;
for (let f = 0; f < total / perFile; f += 100) {
  const files: FileWrite[] = [];
  for (let i = f; i < Math.min(f + 100, total / perFile); i++) {
    files.push({
      path: `${i % 2 ? 'src' : 'lib'}/f${i}.ts`,
      hash: `h${i}`,
      size: 1,
      changedMs: 0,
      language: i % 4 === 0 ? 'python' : 'typescript',
      chunks: Array.from({ length: perFile }, (_, j) => ({
        startLine: j + 1,
        endLine: j + 1,
        kind: 'function' as const,
        symbol: null,
        content: `c ${i} ${j} ${project.id}`,
        hash: `${project.id}-${i}-${j}`,
        length: 1,
        terms: termVector([{ term: `t${j}`, tf: 1 }]),
      })),
    });
  }
  await store.writeFiles(repo.id, files);
}
console.log(`chunks written: ${total} in ${ms(performance.now() - t)} ms`);

await store.setRepositoryEmbedding(repo.id, MODEL, dims);
let writeMs = 0;
let listMs = 0;
let buildMs = 0;
for (;;) {
  t = performance.now();
  const todo = await store.chunksWithoutEmbedding(repo.id, MODEL, 512);
  const listed = performance.now() - t;
  if (todo.length === 0) {
    buildMs = listed;
    break;
  }
  listMs += listed;
  const rows = todo.map((c) => ({ chunkId: c.chunkId, hash: c.hash, vector: randomVector() }));
  t = performance.now();
  await store.writeEmbeddings(repo.id, MODEL, rows);
  writeMs += performance.now() - t;
}
console.log(
  `writeEmbeddings: ${ms(writeMs)} ms = ${Math.round(total / (writeMs / 1000))} vectors/s; chunksWithoutEmbedding total ${ms(listMs)} ms; last call (HNSW build) ${ms(buildMs)} ms`,
);
await store.markRepositoryIndexed(repo.id, new Date());

async function latency(label: string, extra: { languages?: ['python']; pathRegex?: string }, limit = 100) {
  const times: number[] = [];
  const results: number[][] = [];
  for (let i = 0; i < 40; i++) {
    const vector = randomVector();
    t = performance.now();
    const hits = await store.vectorSearch({
      repositoryIds: [repo.id],
      model: MODEL,
      vector,
      limit,
      ...extra,
    });
    times.push(performance.now() - t);
    results.push(hits.slice(0, 10).map((h) => h.chunkId));
  }
  console.log(`${label}: p50 ${ms(pct(times, 0.5))} ms, p95 ${ms(pct(times, 0.95))} ms`);
  return results;
}
await latency('warm-up', {});
const queries = Array.from({ length: 20 }, randomVector);
const annTop: number[][] = [];
for (const vector of queries)
  annTop.push(
    (await store.vectorSearch({ repositoryIds: [repo.id], model: MODEL, vector, limit: 100 }))
      .slice(0, 10)
      .map((h) => h.chunkId),
  );
await latency('hnsw, limit 100', {});
await latency('hnsw, limit 100, languages=[python] (25%)', { languages: ['python'] });
await latency('hnsw, limit 100, pathRegex ^src/ (50%)', { pathRegex: '^src/' });
store.configureVectors({ exactBelow: Number.MAX_SAFE_INTEGER });
let hit = 0;
for (let i = 0; i < queries.length; i++) {
  const exact = (
    await store.vectorSearch({ repositoryIds: [repo.id], model: MODEL, vector: queries[i]!, limit: 10 })
  ).map((h) => h.chunkId);
  hit += exact.filter((id) => annTop[i]!.includes(id)).length;
}
console.log(`recall@10 of HNSW vs exact: ${(hit / (queries.length * 10)).toFixed(3)}`);
await latency('exact, limit 100', {});
t = performance.now();
await store.removeRepository(repo.id);
console.log(`removeRepository: ${ms(performance.now() - t)} ms`);
await store.close();

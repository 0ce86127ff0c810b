/**
 * Store benchmark: bulk write cost and BM25 search latency on a synthetic corpus of real code
 * (bench/store-corpus.ts). Reports wall time and the CPU time of this process (PGlite runs
 * in-process, so that includes the database; on a shared machine CPU time is the stable number).
 *
 *   node --import tsx bench/store-bench.ts [--url memory://|tempdir|DIR|postgres://…]
 *     [--files 10000] [--batch 250] [--postings copy|insert] [--queries 200] [--reuse] [--limit 100]
 *
 * `--limit` is the number of candidates asked for (the search pipeline asks for ≥ 100). The store
 * caches the decoded postings of frequent terms (sql/postings-cache.ts), so the bench first
 * searches frequent terms nothing has read yet (`coldTop6CpuMs`: the 6 most common together, the
 * first heavy search of the process; `cold7thCpuMs`), then runs the query list twice: `searchMs`
 * (first pass, frequent terms enter the cache as they come) and `searchRepeatMs` (all cached).
 *
 * `--url DIR --reuse` searches an index a previous run left in DIR (written with `--url DIR`)
 * without writing it again. Prints one JSON object; numbers go to docs/notes/store-perf.md.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { openPGliteStore } from '../src/store/pglite/index.js';
import { openStore, type Store } from '../src/store/index.js';
import { buildCorpus } from './store-corpus.js';

const { values } = parseArgs({
  options: {
    url: { type: 'string', default: 'memory://' },
    files: { type: 'string', default: '10000' },
    batch: { type: 'string', default: '250' },
    postings: { type: 'string', default: 'copy' },
    queries: { type: 'string', default: '200' },
    root: { type: 'string', default: resolve('node_modules') },
    reuse: { type: 'boolean', default: false },
    limit: { type: 'string', default: '100' },
  },
});

const percentile = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};
const round = (x: number): number => Math.round(x * 10) / 10;
/** CPU milliseconds (user + system) of this process since `from`. */
const cpuMs = (from: NodeJS.CpuUsage): number => {
  const d = process.cpuUsage(from);
  return (d.user + d.system) / 1000;
};
const peakRssMb = (): number => Math.round(process.resourceUsage().maxRSS / 1024);

async function open(url: string): Promise<Store> {
  if (url.startsWith('postgres')) return openStore({ url });
  const store = await openPGliteStore({ url, postingsWrite: values.postings as 'copy' | 'insert' });
  await store.migrate();
  return store;
}

const out: Record<string, unknown> = { url: values.url, postingsWrite: values.postings };
let t = performance.now();
const files = await buildCorpus({ root: values.root!, fileCount: Number(values.files) });
const chunkCount = files.reduce((n, f) => n + f.chunks.length, 0);
const postingCount = files.reduce((n, f) => n + f.chunks.reduce((m, c) => m + c.terms.hashes.length, 0), 0);
Object.assign(out, {
  files: files.length,
  chunks: chunkCount,
  postings: postingCount,
  corpusMs: round(performance.now() - t),
  corpusRssMb: peakRssMb(),
});

let url = values.url!;
let tempDir: string | undefined;
if (url === 'tempdir') {
  tempDir = await mkdtemp(join(tmpdir(), 'store-bench-'));
  url = tempDir;
}
t = performance.now();
let store = await open(url);
out.openMs = round(performance.now() - t);
const project = await store.getOrCreateProject('bench');
let repo = await store.getOrCreateRepository(project.id, '/bench');

if (!values.reuse || repo.chunkCount === 0) {
  if (repo.chunkCount > 0) {
    await store.removeRepository(repo.id);
    repo = await store.getOrCreateRepository(project.id, '/bench');
  }
  const batch = Number(values.batch);
  const batchMs: number[] = [];
  const writeStart = performance.now();
  const writeCpu = process.cpuUsage();
  for (let i = 0; i < files.length; i += batch) {
    const b0 = performance.now();
    await store.writeFiles(repo.id, files.slice(i, i + batch));
    batchMs.push(performance.now() - b0);
  }
  const writeMs = performance.now() - writeStart;
  const writeCpuMs = cpuMs(writeCpu);
  t = performance.now();
  const finalizeCpu = process.cpuUsage();
  await store.markRepositoryIndexed(repo.id, new Date());
  Object.assign(out, {
    writeMs: round(writeMs),
    writeCpuMs: round(writeCpuMs),
    postingsPerCpuSec: Math.round(postingCount / (writeCpuMs / 1000)),
    batchP50Ms: round(percentile(batchMs, 50)),
    batchMaxMs: round(percentile(batchMs, 100)),
    finalizeMs: round(performance.now() - t),
    finalizeCpuMs: round(cpuMs(finalizeCpu)),
    writePeakRssMb: peakRssMb(),
  });
}

// Queries: 2–6 terms mixing common (top 50 by df), middling and rare terms of the corpus.
const df = new Map<string, number>();
for (const f of files)
  for (const c of f.chunks) for (const term of c.words) df.set(term, (df.get(term) ?? 0) + 1);
const byDf = [...df].sort((a, b) => b[1] - a[1]).map(([term]) => term);
let seed = 42;
const rand = (n: number): number => {
  seed = (seed * 1103515245 + 12345) % 2 ** 31;
  return seed % n;
};
const pick = (from: number, to: number): string => byDf[from + rand(Math.min(byDf.length, to) - from)]!;
const queries = Array.from({ length: Number(values.queries) }, () => {
  const n = 2 + rand(5);
  const terms = [pick(0, 50)];
  while (terms.length < n) terms.push(rand(2) === 0 ? pick(50, 2000) : pick(2000, byDf.length));
  return [...new Set(terms)].map((term) => ({ term, weight: 1 }));
});

type Extra = { languages?: ['typescript']; pathRegex?: string };
const limit = Number(values.limit);
const search = (terms: { term: string; weight: number }[], extra: Extra = {}) =>
  store.lexicalSearch({ repositoryIds: [repo.id], terms, limit, k1: 1.2, b: 0.75, ...extra });
const commonTerms = (n: number) => byDf.slice(0, n).map((term) => ({ term, weight: 1 }));

// Cold: nothing has searched for these terms yet in this process. A rare term first warms the
// statement cache; then the 6 most common terms together, then the 7th most common alone.
await search([{ term: byDf[byDf.length - 1]!, weight: 1 }]);
let c0 = process.cpuUsage();
await search(commonTerms(6));
out.coldTop6CpuMs = round(cpuMs(c0));
c0 = process.cpuUsage();
await search([{ term: byDf[6]!, weight: 1 }]);
out.cold7thCpuMs = round(cpuMs(c0));

async function runQueries(label: string, extra: Extra = {}) {
  const wall: number[] = [];
  const cpu: number[] = [];
  for (const terms of queries) {
    const q0 = performance.now();
    const c0 = process.cpuUsage();
    await search(terms, extra);
    cpu.push(cpuMs(c0));
    wall.push(performance.now() - q0);
  }
  out[label] = {
    cpuP50: round(percentile(cpu, 50)),
    cpuP95: round(percentile(cpu, 95)),
    wallP50: round(percentile(wall, 50)),
    wallP95: round(percentile(wall, 95)),
    wallMax: round(percentile(wall, 100)),
  };
}
await runQueries('searchMs');
await runQueries('searchRepeatMs');
await runQueries('searchFilteredMs', { languages: ['typescript'], pathRegex: '^copy0/' });
out.commonTermsDf = byDf.slice(0, 6).map((term) => [term, df.get(term)]);
for (const n of [1, 3, 6]) {
  const cpu: number[] = [];
  for (let i = 0; i < 5; i++) {
    const c0 = process.cpuUsage();
    await search(commonTerms(n));
    cpu.push(cpuMs(c0));
  }
  out[`mostCommon${n}CpuMs`] = round(percentile(cpu, 50));
}
out.peakRssMb = peakRssMb();

if (tempDir) {
  await store.close();
  t = performance.now();
  store = await open(url);
  out.reopenMs = round(performance.now() - t);
  const { execSync } = await import('node:child_process');
  out.dataDirSize = execSync(`du -sh ${tempDir}`).toString().split('\t')[0];
}
// A shared PostgreSQL database keeps nothing behind (a data directory given with --url is kept).
if (url.startsWith('postgres')) await store.removeRepository(repo.id);
await store.close();
if (tempDir) await rm(tempDir, { recursive: true, force: true });
process.stdout.write(JSON.stringify(out, null, 2) + '\n');

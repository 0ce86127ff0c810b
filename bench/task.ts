/**
 * One benchmark measurement in a fresh process (so peak RSS is this task's own). Prints one JSON
 * line on stdout. Usage: node --import tsx bench/task.ts <cold|reindex|search> <repo> <db> [queries.json]
 * after `npm run build`.
 */
import { readFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';

import type * as Config from '../src/config/index.js';
import type * as Embed from '../src/embed/index.js';
import type * as Indexer from '../src/indexer/index.js';
import type * as Search from '../src/search/index.js';
import type * as Store from '../src/store/index.js';

// The product as it ships: the compiled JavaScript in dist/ (`npm run bench` builds it first), not
// the TypeScript sources through tsx, whose on-the-fly compilation the worker threads would pay
// again at every start (~0.5 s of a cold index).
const dist = (module: string) => import(new URL(`../dist/${module}/index.js`, import.meta.url).href);
const { loadConfig } = (await dist('config')) as typeof Config;
const { createEmbedder } = (await dist('embed')) as typeof Embed;
const { indexRepository } = (await dist('indexer')) as typeof Indexer;
const { fusionFromSettings, needsVectorIndex, searchCode } = (await dist('search')) as typeof Search;
const { openStore } = (await dist('store')) as typeof Store;

const [task, repo, db, queriesFile] = process.argv.slice(2);
const t0 = performance.now();
// BENCH_EMBEDDING=builtin measures hybrid indexing and search with the built-in model.
const config = loadConfig({
  env: {
    CODEBASE_MCP_DATABASE_URL: db,
    CODEBASE_MCP_EMBEDDING_PROVIDER: process.env['BENCH_EMBEDDING'] ?? 'none',
    CODEBASE_MCP_QUERY_EXPANSION: process.env['CODEBASE_MCP_QUERY_EXPANSION'],
  },
});
const embedder = createEmbedder(config.embedding);
const fusion = fusionFromSettings(config.search, config.embedding.provider);
const expansion = config.search.expansion;
const store = await openStore({ url: config.databaseUrl });
const openMs = performance.now() - t0;
const out: Record<string, unknown> = { task, openMs };

if (task === 'cold' || task === 'reindex') {
  const t = performance.now();
  const result = await indexRepository(store, {
    root: repo!,
    project: 'bench',
    maxFileBytes: config.maxFileBytes,
    ...(embedder ? { embedder } : {}),
    // Only blend and rrf search vectors by similarity; rescore never uses the HNSW index.
    vectorIndex: needsVectorIndex(fusion),
  });
  out['indexMs'] = performance.now() - t;
  out['files'] = result.filesTotal;
  out['indexed'] = result.indexed;
  out['chunks'] = result.repository.chunkCount;
  out['status'] = result.status;
} else if (task === 'search') {
  const queries = JSON.parse(await readFile(queriesFile!, 'utf8')) as string[];
  // What the MCP server does after it starts and after each index run (BENCH_NO_WARM=1: skip).
  if (!process.env['BENCH_NO_WARM']) {
    const t = performance.now();
    out['warmPostings'] = await store.warmSearch((await store.listRepositories()).map((r) => r.id));
    out['warmMs'] = performance.now() - t;
  }
  for (const q of queries.slice(0, 10))
    await searchCode(store, { query: q, project: 'bench', embedder, fusion, expansion }); // warm-up
  const latencies: number[] = [];
  let empty = 0;
  for (let round = 0; round < 3; round++) {
    for (const q of queries) {
      const t = performance.now();
      const r = await searchCode(store, {
        query: q,
        project: 'bench',
        limit: 10,
        embedder,
        fusion,
        expansion,
      });
      latencies.push(performance.now() - t);
      if (round === 0 && r.results.length === 0) empty++;
    }
  }
  out['queries'] = queries.length;
  out['latencies'] = latencies;
  out['emptyResults'] = empty;
}
await store.close();
out['maxRssMb'] = process.resourceUsage().maxRSS / 1024;
out['wallMs'] = performance.now() - t0;
process.stdout.write(JSON.stringify(out) + '\n');

/**
 * `npm run eval -- <dataset.json> [options]`: retrieval quality of the product next to plain BM25
 * and ripgrep, on labelled queries over pinned third-party repositories.
 *
 *   --split dev|heldout|all   queries to run (default dev: tune on dev, report on heldout)
 *   --systems a,b             product,bm25,rg-literal,rg-words (default all four)
 *   --only repoA,repoB        only these repositories
 *   --json FILE               write the per-query report (read back by --compare)
 *   --explain id,id           print every system's top 10 for these queries
 *   --set k=v,k=v             change the product's settings: ranking weights (perFile=3,test=0.5)
 *                             and k1, b, candidates (those also apply to bm25); answerTokens=N
 *                             scores only what a search_code answer of N tokens shows
 *   --variant k=v,k=v         also run the product with these settings, as `product[k=v,…]`;
 *                             repeatable (ranking weights, k1, b, candidates), one index for all
 *   --workers N               indexer chunking threads (default 0 = inline; see systems.ts)
 *   --fusion M                blend|rescore|rrf: how `hybrid` joins the model to BM25 (default rescore, as the product)
 *   --lexical-weight W        share of BM25 in that fusion, 0–1 (default 0.5); `--blend W` = both
 *   --rrf-k N                 reciprocal rank fusion constant (default 60)
 *   --builtin-model FILE      the built-in model file `hybrid` uses (default: the shipped one)
 *   --store URL               store for the index (default memory://)
 *   --cache-dir DIR           where repositories are fetched (default eval/cache)
 *   --compare A.json B.json   print the deltas between two reports and exit
 *
 * Fetches the repositories (eval/fetch.ts), indexes each one with the real indexer into a fresh
 * store (one project per repository), runs every query on every system (top 10) and scores it
 * (eval/metrics.ts). Progress goes to stderr, the tables to stdout.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadDataset, type Query, type Repository } from './datasets/dataset.js';
import { fetchRepositories } from './fetch.js';
import { scoreQuery } from './metrics.js';
import { readReport, renderComparison } from './compare.js';
import type { FusionOptions } from '../src/search/index.js';
import { renderReport, summaryRows, type QueryRecord, type RunReport, type SystemRun } from './report.js';
import {
  builtinEmbedder,
  createSystems,
  needsIndex,
  openEvalIndex,
  SYSTEM_NAMES,
  type IndexStats,
  type ProductSettings,
  parseVariant,
  type SystemResult,
  type Variant,
} from './systems.js';

const LIMIT = 10;
const log = (line: string) => process.stderr.write(line + '\n');

/** Parsed command line. */
export interface EvalArgs {
  dataset?: string;
  split: 'dev' | 'heldout' | 'all';
  systems: string[];
  variants: Variant[];
  only?: Set<string>;
  json?: string;
  explain: Set<string>;
  settings: ProductSettings;
  store: string;
  /** A model file for `hybrid` other than the shipped built-in model. */
  builtinModel?: string;
  cacheDir?: string;
  compare?: [string, string];
}

export function parseArgs(argv: readonly string[]): EvalArgs {
  const args: EvalArgs = {
    split: 'dev',
    systems: [...SYSTEM_NAMES],
    variants: [],
    explain: new Set(),
    settings: {},
    store: 'memory://',
  };
  const rest = [...argv];
  const value = (flag: string) => {
    const v = rest.shift();
    if (v === undefined) throw new Error(`${flag} needs a value`);
    return v;
  };
  const setFusion = (f: Partial<FusionOptions>) => {
    args.settings = { ...args.settings, fusion: { ...args.settings.fusion, ...f } };
  };
  while (rest.length > 0) {
    const arg = rest.shift()!;
    if (arg === '--split') {
      const s = value(arg);
      if (s !== 'dev' && s !== 'heldout' && s !== 'all')
        throw new Error(`--split: dev, heldout or all, not ${s}`);
      args.split = s;
    } else if (arg === '--systems') {
      args.systems = value(arg)
        .split(',')
        .map((s) => {
          if (!(SYSTEM_NAMES as readonly string[]).includes(s))
            throw new Error(`unknown system ${s}; known: ${SYSTEM_NAMES.join(', ')}`);
          return s;
        });
    } else if (arg === '--variant') args.variants.push(parseVariant(value(arg)));
    else if (arg === '--only') args.only = new Set(value(arg).split(','));
    else if (arg === '--json') args.json = value(arg);
    else if (arg === '--explain') args.explain = new Set(value(arg).split(','));
    else if (arg === '--set') {
      const { ranking, ...search } = parseVariant(value(arg)).settings;
      args.settings = { ...args.settings, ...search, ranking: { ...args.settings.ranking, ...ranking } };
    } else if (arg === '--workers') args.settings = { ...args.settings, workers: Number(value(arg)) };
    else if (arg === '--fusion') {
      const method = value(arg);
      if (method !== 'blend' && method !== 'rescore' && method !== 'rrf')
        throw new Error(`--fusion: blend, rescore or rrf, not ${method}`);
      setFusion({ method });
    } else if (arg === '--lexical-weight') setFusion({ lexicalWeight: Number(value(arg)) });
    else if (arg === '--blend') setFusion({ lexicalWeight: Number(value(arg)) });
    else if (arg === '--rrf-k') setFusion({ rrfK: Number(value(arg)) });
    else if (arg === '--builtin-model') args.builtinModel = path.resolve(value(arg));
    else if (arg === '--store') args.store = value(arg);
    else if (arg === '--cache-dir') args.cacheDir = path.resolve(value(arg));
    else if (arg === '--compare') args.compare = [value(arg), value(arg)];
    else if (arg.startsWith('--')) throw new Error(`unknown option ${arg}`);
    else args.dataset = arg;
  }
  return args;
}

const describe = (r: SystemResult) =>
  `${r.path}:${r.startLine}-${r.endLine}${r.symbol ? ' ' + r.symbol : ''}`;

/** Runs the evaluation and returns the report (also what `--json` writes). */
export async function evaluate(args: EvalArgs & { dataset: string }): Promise<RunReport> {
  const dataset = await loadDataset(args.dataset);
  const queries = dataset.queries.filter(
    (q) => (args.split === 'all' || q.split === args.split) && (!args.only || args.only.has(q.repository)),
  );
  const repos = dataset.repositories.filter((r) => queries.some((q) => q.repository === r.name));
  if (queries.length === 0) throw new Error('no queries selected (check --split and --only)');
  const fetched = await fetchRepositories(repos, {
    ...(args.cacheDir ? { cacheDir: args.cacheDir } : {}),
    log,
  });
  const roots = new Map(fetched.map((f) => [f.name, f.root]));

  const indexStats: IndexStats[] = [];
  const opened = performance.now();
  const names = [...args.systems, ...args.variants.map((v) => v.name)];
  // `hybrid` = the product with the built-in embedding model fused in (the index embeds too).
  if (names.includes('hybrid') && !args.settings.embedder)
    args.settings = { ...args.settings, embedder: builtinEmbedder(args.builtinModel) };
  const index = names.some(needsIndex) ? await openEvalIndex(args.settings, args.store) : undefined;
  if (index) log(`[eval] opened ${args.store} in ${((performance.now() - opened) / 1000).toFixed(2)}s`);
  try {
    if (index) {
      for (const repo of repos) {
        const stats = await index.index(repo, roots.get(repo.name)!);
        indexStats.push(stats);
        log(
          `[eval] indexed ${repo.name}: ${stats.files} files, ${stats.chunks} chunks in ${(stats.ms / 1000).toFixed(2)}s${stats.failed ? `, ${stats.failed} FAILED` : ''}`,
        );
      }
    }
    const systems = createSystems(index, args.settings, args.variants);
    const byName = new Map<string, Repository>(repos.map((r) => [r.name, r]));
    // Warm-up (untimed): the first searches pay for JIT compilation and cold caches.
    for (const system of names) {
      for (const q of queries.slice(0, 3))
        await systems.get(system)!(byName.get(q.repository)!, roots.get(q.repository)!, q.query, LIMIT);
    }
    // Systems interleaved per query, so load from other processes hits them alike.
    const records: QueryRecord[] = [];
    const spent = new Map<string, number>();
    for (const q of queries) {
      const repo = byName.get(q.repository)!;
      const record = newRecord(q, repo);
      records.push(record);
      for (const system of names) {
        const t0 = performance.now();
        const results = await systems.get(system)!(repo, roots.get(repo.name)!, q.query, LIMIT);
        const ms = performance.now() - t0;
        spent.set(system, (spent.get(system) ?? 0) + ms);
        const run: SystemRun = { scores: scoreQuery(results, q), ms, top: results.map(describe) };
        record.systems[system] = run;
        if (args.explain.has(q.id)) explain(q, system, run, results);
      }
    }
    for (const [system, ms] of spent)
      log(`[eval] ${system}: ${queries.length} queries in ${(ms / 1000).toFixed(2)}s`);
    return {
      dataset: dataset.name,
      createdAt: new Date().toISOString(),
      systems: names,
      settings: { split: args.split, store: args.store, limit: LIMIT, ...args.settings },
      index: indexStats,
      queries: records,
      summary: summaryRows(records, names),
    };
  } finally {
    await index?.close();
  }
}

function newRecord(q: Query, repo: Repository): QueryRecord & { systems: Record<string, SystemRun> } {
  return {
    id: q.id,
    repository: q.repository,
    language: repo.language,
    category: q.category,
    split: q.split,
    query: q.query,
    systems: {},
  };
}

function explain(q: Query, system: string, run: SystemRun, results: readonly SystemResult[]): void {
  const targets = q.relevant.map((t) =>
    typeof t === 'string' ? t : `${t.path}:${t.start_line}-${t.end_line}`,
  );
  const lines = [
    `--- ${q.id} [${system}] nDCG@10 ${run.scores.ndcg10.toFixed(3)} — ${q.query}`,
    `    relevant: ${targets.join(', ')}`,
  ];
  results.forEach((r, i) =>
    lines.push(
      `    ${String(i + 1).padStart(2)}. ${describe(r)}${r.score !== undefined ? `  (${r.score})` : ''}`,
    ),
  );
  process.stdout.write(lines.join('\n') + '\n');
}

async function main(argv: readonly string[]): Promise<number> {
  const args = parseArgs(argv);
  if (args.compare) {
    const [a, b] = await Promise.all(args.compare.map(readReport));
    process.stdout.write(
      renderComparison(a!, b!, [path.basename(args.compare[0]), path.basename(args.compare[1])]),
    );
    return 0;
  }
  if (!args.dataset) {
    log(
      'usage: npm run eval -- <dataset.json> [--split dev|heldout|all] [--systems product,bm25,rg-literal,rg-words] [--only a,b] [--json out.json] [--explain id,...] [--set k=v,...] [--variant k=v,...]',
    );
    log('       npm run eval -- --compare a.json b.json');
    return 2;
  }
  const report = await evaluate({ ...args, dataset: args.dataset });
  process.stdout.write(renderReport(report));
  if (args.json) {
    await mkdir(path.dirname(path.resolve(args.json)), { recursive: true });
    await writeFile(args.json, JSON.stringify(report, null, 1) + '\n');
    log(`[eval] wrote ${args.json}`);
  }
  return 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      log(`[eval] error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      process.exit(1);
    },
  );
}

/**
 * `npm run bench`: indexing and search benchmark on a generated 10,000-file multi-language
 * repository and on real code nobody here wrote. Prints medians of several runs.
 *   BENCH_FILES (10000), BENCH_RUNS (3), BENCH_REAL (a directory; default: Python's stdlib or
 *   node_modules/typescript), BENCH_ONLY=synthetic|real, BENCH_EMBEDDING=builtin (index and search hybrid),
 *   BENCH_NO_WARM=1 (search without the server's cache warm-up)
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { benchQueries, generateRepo } from './generate-repo.js';

const RUNS = Number(process.env['BENCH_RUNS'] ?? 3);
const FILES = Number(process.env['BENCH_FILES'] ?? 10_000);
const ONLY = process.env['BENCH_ONLY'];
const here = resolve(import.meta.dirname, '..');

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;
const pct = (xs: number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)]!;
const log = (s: string) => process.stderr.write(s + '\n');

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function task(args: string[]): Record<string, any> {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(here, 'bench/task.ts'), ...args], {
    encoding: 'utf8',
    cwd: here,
    maxBuffer: 64 << 20,
  });
  if (r.status !== 0) throw new Error(`bench task ${args[0]} failed:\n${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!);
}

function du(path: string): number {
  return Number(execFileSync('du', ['-sk', path], { encoding: 'utf8' }).split('\t')[0]) / 1024;
}

async function benchRepo(name: string, repo: string, queries: string[], targets: boolean) {
  const work = await mkdtemp(join(tmpdir(), 'cmcp-bench-'));
  try {
    const qfile = join(work, 'queries.json');
    await writeFile(qfile, JSON.stringify(queries));
    const cold: number[] = [],
      coldWall: number[] = [],
      re: number[] = [],
      rss: number[] = [];
    let chunks = 0,
      files = 0,
      dbMb = 0,
      lastDb = '';
    for (let i = 0; i < RUNS; i++) {
      lastDb = join(work, `db${i}`);
      const c = task(['cold', repo, lastDb]);
      cold.push(c.indexMs);
      coldWall.push(c.wallMs);
      rss.push(c.maxRssMb);
      chunks = c.chunks;
      files = c.files;
      const r = task(['reindex', repo, lastDb]);
      re.push(r.indexMs);
      rss.push(r.maxRssMb);
      dbMb = du(lastDb);
      log(
        `  ${name} run ${i + 1}: cold ${(c.indexMs / 1000).toFixed(2)}s (process ${(c.wallMs / 1000).toFixed(2)}s), re-index ${(r.indexMs / 1000).toFixed(2)}s, rss ${c.maxRssMb.toFixed(0)}MB`,
      );
    }
    const s = task(['search', repo, lastDb, qfile]);
    rss.push(s.maxRssMb);
    const lat = s.latencies as unknown as number[];
    const row = {
      repo: name,
      files,
      chunks,
      dbMb: +dbMb.toFixed(1),
      coldIndexS: +(median(cold) / 1000).toFixed(2),
      coldProcessS: +(median(coldWall) / 1000).toFixed(2),
      reindexS: +(median(re) / 1000).toFixed(2),
      searchP50Ms: +pct(lat, 50).toFixed(2),
      searchP95Ms: +pct(lat, 95).toFixed(2),
      queries: s.queries,
      emptyResults: s.emptyResults,
      peakRssMb: +Math.max(...rss).toFixed(0),
    };
    if (targets) {
      const check = (ok: boolean, what: string) => log(`  ${ok ? 'OK  ' : 'MISS'} ${what}`);
      check(row.coldIndexS <= 20, `cold index ${row.coldIndexS}s <= 20s`);
      check(row.reindexS <= 2, `no-change re-index ${row.reindexS}s <= 2s`);
      check(row.searchP95Ms <= 30, `search p95 ${row.searchP95Ms}ms <= 30ms`);
      check(row.peakRssMb <= 800, `peak RSS ${row.peakRssMb}MB <= 800MB`);
    }
    return row;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

const rows = [];
if (ONLY !== 'real') {
  const dir = await mkdtemp(join(tmpdir(), 'cmcp-synth-'));
  log(`generating ${FILES} files in ${dir}`);
  const gen = await generateRepo(dir, FILES);
  log(`  ${(gen.bytes / 1048576).toFixed(1)} MiB`);
  rows.push(await benchRepo(`synthetic-${FILES}`, dir, benchQueries(gen.symbols, 120), FILES >= 10_000));
  await rm(dir, { recursive: true, force: true });
}
if (ONLY !== 'synthetic') {
  const candidates = [
    process.env['BENCH_REAL'],
    '/usr/lib/python3.11',
    join(here, 'node_modules/typescript'),
  ].filter(Boolean) as string[];
  const real = candidates.find((p) => existsSync(p));
  if (real) {
    const queries = [
      'parse command line arguments',
      'HTTPConnection',
      'read file lines',
      'json encoder',
      'thread pool executor shutdown',
      'urlparse',
      'decode base64',
      'socket timeout',
      'TemporaryDirectory',
      'compile regular expression',
      'logging handler rotate file',
      'datetime timezone conversion',
      'sqlite cursor execute',
      'email message header',
      'subprocess run capture output',
      'hash md5 digest',
      'zip file extract',
      'csv writer',
      'abstract base class register',
      'asyncio event loop',
    ];
    const many = Array.from({ length: 120 }, (_, i) => queries[i % queries.length]!);
    rows.push(await benchRepo(`real:${real}`, real, many, false));
  }
}
process.stdout.write(JSON.stringify(rows, null, 2) + '\n');
console.table(rows);

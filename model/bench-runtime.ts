/**
 * Measures the built-in embedder on one core, tokenisation included, on chunks made the way the
 * indexer makes them: `scanRepository` → `readSourceFile` → the tree-sitter chunker →
 * `embeddingText` (path, symbol, content). For each repository it starts `--runs` fresh processes;
 * each one reports, in chunks per CPU-second (process.cpuUsage):
 *
 *   single  a fresh embedder embeds every chunk once, in file order: what an indexing run does
 *           (identifiers repeat within a repository, so the cache warms up as it goes);
 *   cold    the identifier cache is cleared before every chunk (every identifier first seen);
 *   warm    a second pass over the same chunks (every identifier cached).
 *
 * and the parent prints the median of the runs.
 *
 * `node --version` is printed with the results; run it with another Node binary to compare engines.
 *
 *   node --import tsx model/bench-runtime.ts [--model file.bin] [--runs 3] [--max-chunks N] dir...
 */
import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createChunker } from '../src/chunk/index.js';
import { loadBuiltinModel } from '../src/embed/builtin-model.js';
import { BuiltinVectorizer, resolveBuiltinModelPath } from '../src/embed/builtin.js';
import { createAccumulationKernel } from '../src/embed/builtin-kernel.js';
import { embeddingText } from '../src/indexer/embed-phase.js';
import { readSourceFile, scanRepository } from '../src/scan/index.js';

const ROOT = resolve(import.meta.dirname, '..');
const PASSES = ['single', 'cold', 'warm'] as const;
type Pass = (typeof PASSES)[number];

interface ChildReport {
  readonly chunks: number;
  readonly chars: number;
  readonly loadMs: number;
  readonly vectorizerMs: number;
  /** Whether the rows are added by the WebAssembly kernel (else the JavaScript loop). */
  readonly kernel: boolean;
  readonly perCpuSecond: Record<Pass, number>;
  readonly perWallSecond: Record<Pass, number>;
}

/** The texts the indexer would embed for every chunk of the repository at `dir`. */
async function repositoryChunks(dir: string, max: number): Promise<string[]> {
  const scan = await scanRepository(dir);
  const chunker = await createChunker();
  const out: string[] = [];
  for (const file of scan.files) {
    const read = await readSourceFile(file);
    if (read.kind !== 'text') continue;
    for (const chunk of await chunker.chunk(file.path, read.language, read.text)) {
      if (out.length >= max) break;
      out.push(embeddingText({ path: file.path, symbol: chunk.symbol, content: chunk.content }));
    }
  }
  chunker.close();
  return out;
}

/** Runs `body` and returns [CPU seconds, wall seconds]. */
function timed(body: () => void): [number, number] {
  const wall = performance.now();
  const cpu = process.cpuUsage();
  body();
  const used = process.cpuUsage(cpu);
  return [(used.user + used.system) / 1e6, (performance.now() - wall) / 1000];
}

async function child(dir: string, modelPath: string, max: number): Promise<ChildReport> {
  const chunks = await repositoryChunks(dir, max);
  const t0 = performance.now();
  const model = await loadBuiltinModel(modelPath);
  const loadMs = performance.now() - t0;
  let sink = 0;
  const perCpuSecond = {} as Record<Pass, number>;
  const perWallSecond = {} as Record<Pass, number>;
  const record = (pass: Pass, [cpu, wall]: [number, number]): void => {
    perCpuSecond[pass] = Math.round(chunks.length / cpu);
    perWallSecond[pass] = Math.round(chunks.length / wall);
  };
  const t1 = performance.now();
  const v = new BuiltinVectorizer(model);
  const vectorizerMs = performance.now() - t1;
  // The first thing this process embeds: cold JIT, empty cache, like an indexing run.
  record(
    'single',
    timed(() => {
      for (const c of chunks) sink += v.embed(c)[0]!;
    }),
  );
  record(
    'warm',
    timed(() => {
      for (const c of chunks) sink += v.embed(c)[0]!;
    }),
  );
  const cold = new BuiltinVectorizer(model);
  const [clearCpu, clearWall] = timed(() => {
    for (let i = 0; i < chunks.length; i++) cold.clearCache();
  });
  const [cpu, wall] = timed(() => {
    for (const c of chunks) {
      cold.clearCache();
      sink += cold.embed(c)[0]!;
    }
  });
  // Clearing is not part of embedding; take out what it costs by itself.
  record('cold', [cpu - clearCpu, wall - clearWall]);
  if (sink === Number.POSITIVE_INFINITY) process.stderr.write('!');
  const chars = Math.round(chunks.reduce((a, c) => a + c.length, 0) / Math.max(1, chunks.length));
  return {
    chunks: chunks.length,
    chars,
    loadMs: Math.round(loadMs),
    vectorizerMs: Math.round(vectorizerMs),
    kernel: createAccumulationKernel(model.table, model.metadata.dimensions) !== null,
    perCpuSecond,
    perWallSecond,
  };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      model: { type: 'string' },
      runs: { type: 'string', default: '3' },
      'max-chunks': { type: 'string', default: '50000' },
      child: { type: 'boolean', default: false },
    },
  });
  const modelPath = values.model ?? resolveBuiltinModelPath();
  const max = Number(values['max-chunks']);
  const dirs = positionals.length > 0 ? positionals : [join(ROOT, 'src')];
  if (values.child) {
    process.stdout.write(`${JSON.stringify(await child(dirs[0]!, modelPath, max))}\n`);
    return;
  }
  const script = import.meta.filename;
  process.stdout.write(
    `model: ${modelPath} (${statSync(modelPath).size} bytes); median of ${values.runs} fresh processes; ` +
      `chunks per CPU-second (per wall-second); node ${process.version}\n`,
  );
  for (const dir of dirs) {
    const reports: ChildReport[] = [];
    for (let r = 0; r < Number(values.runs); r++) {
      const out = execFileSync(
        process.execPath,
        [...process.execArgv, script, '--child', '--model', modelPath, '--max-chunks', String(max), dir],
        { encoding: 'utf8', maxBuffer: 1 << 20 },
      );
      reports.push(JSON.parse(out.trim().split('\n').pop()!) as ChildReport);
    }
    const first = reports[0]!;
    const cells = PASSES.map(
      (p) =>
        `${p} ${median(reports.map((x) => x.perCpuSecond[p]))} ` +
        `(${median(reports.map((x) => x.perWallSecond[p]))})`,
    );
    process.stdout.write(
      `${dir}: ${first.chunks} chunks, ${first.chars} chars avg, load ${median(reports.map((x) => x.loadMs))} ms ` +
        `+ vectorizer ${median(reports.map((x) => x.vectorizerMs))} ms, ${first.kernel ? 'wasm' : 'js'} kernel | ` +
        `${cells.join(' | ')} | single per run: ${reports.map((x) => x.perCpuSecond.single).join(', ')}\n`,
    );
  }
}

await main();

/**
 * `npm run model:train`: builds the corpus from model/manifest.json, extracts (doc → code) pairs,
 * trains the static embedding table (model/train.py, numpy), evaluates it on held-aside pairs
 * against BM25 and writes models/<name>.bin. Seeded and deterministic given the same manifest.
 *
 *   node --import tsx model/train.ts [--source-dir DIR]... [--dims 256] [--max-bytes 20000000] …
 *
 * With --source-dir the manifest is skipped and the given directories are the corpus (tests).
 * --name-in-query and --name-only-pairs N change the query side (docs/notes/model.md, round 3).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { encodeBuiltinModel, type BuiltinModelMetadata } from '../src/embed/builtin-model.js';
import { BUILTIN_MODEL_NAME } from '../src/embed/builtin.js';
import type { TokenizerOptions } from '../src/lexical/index.js';
import { buildDataset, type SourceRoot } from './build-dataset.js';
import {
  DEFAULT_CACHE_DIR,
  debianPackageLicence,
  fetchDebian,
  fetchNpm,
  manifestHash,
  npmPackageLicence,
  packageDir,
  readManifest,
} from './corpus.js';
import { isReservedPackage, reservedNames } from './reserved.js';

const ROOT = resolve(import.meta.dirname, '..');
/** The tokenizer options of the model: the lexical index's defaults, so terms match BM25's. */
export const MODEL_TOKENIZER: TokenizerOptions = { stem: true, stopWords: true };

export interface TrainOptions {
  readonly sourceDirs: readonly string[];
  readonly manifest: string;
  readonly cacheDir: string;
  readonly workDir: string;
  readonly out: string;
  readonly name: string;
  readonly dims: number;
  readonly vocab: number;
  readonly maxBytes: number;
  readonly batch: number;
  readonly epochs: number;
  readonly maxSeconds: number;
  readonly lr: number;
  readonly temperature: number;
  readonly heldAsidePercent: number;
  readonly minDf: number;
  /** Steps between held-aside validation checks; the best table is kept (0 or absent = off). */
  readonly evalEvery?: number;
  /** Chance of dropping a (text, term) entry from a training batch (0 or absent = off). */
  readonly termDropout?: number;
  readonly maxPairsPerPackage: number;
  /** Query side = doc + the function name as words (see `DatasetOptions.nameInQuery`). */
  readonly nameInQuery?: boolean;
  /** Extra name → code pairs per training package for undocumented functions (0/absent = off). */
  readonly nameOnlyPairsPerPackage?: number;
  readonly python: string;
  readonly log: (msg: string) => void;
}

function corpusRoots(o: TrainOptions): { roots: SourceRoot[]; hash: string } {
  if (o.sourceDirs.length > 0) {
    return { roots: o.sourceDirs.map((d) => ({ name: d, dir: d })), hash: 'source-dirs' };
  }
  const manifest = readManifest(o.manifest);
  const reserved = reservedNames(ROOT);
  const packages = manifest.packages.filter((p) => !isReservedPackage(p.name, reserved));
  if (packages.length < manifest.packages.length) {
    o.log(`left out ${manifest.packages.length - packages.length} reserved packages listed in the manifest`);
  }
  const debs = packages.filter((p) => p.source === 'debian');
  const { digests, failed } = fetchDebian(o.cacheDir, debs, o.log);
  for (const f of failed) o.log(`missing: ${f.name}: ${f.reason}`);
  const roots: SourceRoot[] = [];
  for (const p of packages) {
    const dir = packageDir(o.cacheDir, p);
    if (p.source === 'debian') {
      if (digests.get(p.name) !== p.digest) {
        o.log(`skipped ${p.name}: digest differs from the manifest`);
        continue;
      }
      if (!debianPackageLicence(dir, p.name).permissive) {
        o.log(`skipped ${p.name}: licence is not permissive`);
        continue;
      }
    } else {
      try {
        if (fetchNpm(o.cacheDir, p.name, p.version) !== p.digest) {
          o.log(`skipped ${p.name}: integrity differs from the manifest`);
          continue;
        }
      } catch (error) {
        o.log(`skipped ${p.name}: ${String(error).slice(0, 200)}`);
        continue;
      }
      if (!npmPackageLicence(dir).permissive) continue;
    }
    roots.push({ name: `${p.source}:${p.name}`, dir });
  }
  return { roots, hash: manifestHash({ ...manifest, packages }) };
}

/** Largest vocabulary whose model file fits in `maxBytes`. */
function shipVocabulary(terms: readonly string[], dims: number, maxBytes: number, vocab: number): number {
  let size = 12 + 16_384 + 4; // header, metadata (generous), vocabulary length
  let k = 0;
  for (const term of terms) {
    if (k >= vocab) break;
    const row = Buffer.byteLength(term) + 1 + 1 + 4 + dims;
    if (size + row > maxBytes) break;
    size += row;
    k++;
  }
  return k;
}

/** The first of `MODEL_PYTHON`, python3, /usr/bin/python3 that can import numpy. */
export function findPython(preferred?: string): string {
  const candidates = [preferred, process.env['MODEL_PYTHON'], 'python3', '/usr/bin/python3'];
  for (const c of candidates) {
    if (c === undefined || c === '') continue;
    try {
      execFileSync(c, ['-c', 'import numpy'], { stdio: 'ignore' });
      return c;
    } catch {
      /* try the next one */
    }
  }
  throw new Error(
    'model:train needs Python 3 with numpy (apt-get install python3-numpy, or set MODEL_PYTHON)',
  );
}

export function train(o: TrainOptions): { modelPath: string; metrics: Record<string, unknown> } {
  mkdirSync(o.workDir, { recursive: true });
  const { roots, hash } = corpusRoots(o);
  o.log(`corpus: ${roots.length} packages; extracting pairs`);
  const stats = buildDataset(roots, o.workDir, {
    tokenizer: MODEL_TOKENIZER,
    heldAsidePercent: o.heldAsidePercent,
    reserved: reservedNames(ROOT),
    maxPairsPerPackage: o.maxPairsPerPackage,
    nameInQuery: o.nameInQuery ?? false,
    nameOnlyPairsPerPackage: o.nameOnlyPairsPerPackage ?? 0,
  });
  o.log(`pairs: ${JSON.stringify(stats)}`);
  const terms = readFileSync(join(o.workDir, 'vocab.tsv'), 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => l.split('\t')[0]!);
  const ship = shipVocabulary(terms, o.dims, o.maxBytes, o.vocab);
  const trainDir = join(o.workDir, 'train');
  const args = [
    join(ROOT, 'model', 'train.py'),
    ...['--data', o.workDir, '--out', trainDir, '--dims', String(o.dims), '--vocab', String(o.vocab)],
    ...['--ship-vocab', String(ship), '--batch', String(o.batch), '--epochs', String(o.epochs)],
    ...['--max-seconds', String(o.maxSeconds), '--lr', String(o.lr), '--temperature', String(o.temperature)],
    ...['--min-df', String(o.minDf), '--eval-every', String(o.evalEvery ?? 0)],
    ...['--term-dropout', String(o.termDropout ?? 0)],
  ];
  o.log(`${o.python} ${args.join(' ')}`);
  execFileSync(o.python, args, {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, PYTHONHASHSEED: '0' },
  });
  const metrics = JSON.parse(readFileSync(join(trainDir, 'metrics.json'), 'utf8')) as Record<
    string,
    unknown
  > & {
    vocabulary: number;
    dimensions: number;
    idfMax: number;
  };
  const v = metrics.vocabulary;
  const readBin = (f: string): Buffer => readFileSync(join(trainDir, f));
  const table = readBin('table.i8');
  const scale = readBin('scale.f32');
  const metadata: BuiltinModelMetadata = {
    name: o.name,
    dimensions: metrics.dimensions,
    vocabularySize: v,
    tokenizer: MODEL_TOKENIZER,
    idfMax: metrics.idfMax,
    corpusManifestHash: hash,
    createdWith: 'model/train.ts + model/train.py (numpy)',
    training: {
      ...metrics,
      corpus: stats,
      heldAsidePercent: o.heldAsidePercent,
      maxPairsPerPackage: o.maxPairsPerPackage,
      nameInQuery: o.nameInQuery ?? false,
      nameOnlyPairsPerPackage: o.nameOnlyPairsPerPackage ?? 0,
      maxBytes: o.maxBytes,
    },
  };
  const bytes = encodeBuiltinModel({
    metadata,
    terms: terms.slice(0, v),
    idf: new Uint8Array(readBin('idf.u8')),
    scale: new Float32Array(scale.buffer, scale.byteOffset, v),
    table: new Int8Array(table.buffer, table.byteOffset, table.length),
  });
  mkdirSync(dirname(o.out), { recursive: true });
  writeFileSync(o.out, bytes);
  o.log(`wrote ${o.out} (${bytes.length} bytes, ${v} terms × ${metrics.dimensions} dims)`);
  return { modelPath: o.out, metrics };
}

function main(): void {
  const { values } = parseArgs({
    options: {
      'source-dir': { type: 'string', multiple: true, default: [] },
      manifest: { type: 'string', default: join(ROOT, 'model', 'manifest.json') },
      cache: { type: 'string', default: DEFAULT_CACHE_DIR },
      work: { type: 'string', default: join(DEFAULT_CACHE_DIR, 'work') },
      out: { type: 'string' },
      name: { type: 'string', default: BUILTIN_MODEL_NAME },
      dims: { type: 'string', default: '256' },
      vocab: { type: 'string', default: '100000' },
      'max-bytes': { type: 'string', default: '20000000' },
      batch: { type: 'string', default: '4096' },
      epochs: { type: 'string', default: '4' },
      'max-seconds': { type: 'string', default: '100000' },
      lr: { type: 'string', default: '0.01' },
      temperature: { type: 'string', default: '0.05' },
      'held-aside-percent': { type: 'string', default: '4' },
      'min-df': { type: 'string', default: '2' },
      'eval-every': { type: 'string', default: '10' },
      'term-dropout': { type: 'string', default: '0' },
      'max-pairs-per-package': { type: 'string', default: '5000' },
      'name-in-query': { type: 'boolean', default: false },
      'name-only-pairs': { type: 'string', default: '0' },
      python: { type: 'string' },
    },
  });
  const name = values.name;
  train({
    sourceDirs: values['source-dir'].map((d) => resolve(d)),
    manifest: values.manifest,
    cacheDir: values.cache,
    workDir: values.work,
    out: values.out ?? join(ROOT, 'models', `${name}.bin`),
    name,
    dims: Number(values.dims),
    vocab: Number(values.vocab),
    maxBytes: Number(values['max-bytes']),
    batch: Number(values.batch),
    epochs: Number(values.epochs),
    maxSeconds: Number(values['max-seconds']),
    lr: Number(values.lr),
    temperature: Number(values.temperature),
    heldAsidePercent: Number(values['held-aside-percent']),
    minDf: Number(values['min-df']),
    evalEvery: Number(values['eval-every']),
    termDropout: Number(values['term-dropout']),
    maxPairsPerPackage: Number(values['max-pairs-per-package']),
    nameInQuery: values['name-in-query'],
    nameOnlyPairsPerPackage: Number(values['name-only-pairs']),
    python: findPython(values.python),
    log: (m) => process.stderr.write(`[model:train] ${m}\n`),
  });
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === resolve(import.meta.filename)) main();
